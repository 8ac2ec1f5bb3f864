package org.ztp4j.dhcp.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.BootOption;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.dhcp.DhcpOption;
import org.ztp4j.dhcp.internal.ConfigRenderers;
import org.ztp4j.core.internal.Checks;
import org.ztp4j.core.internal.Ipv4;

/**
 * A DHCP server configuration for ZTP: which platforms get which boot options, the scope they are
 * served from and one reservation per known device, written for ISC dhcpd, Kea, dnsmasq or a Cisco
 * IOS DHCP server.
 *
 * <pre>{@code
 * String kea = DhcpConfig.builder()
 *         .format(DhcpServerFormat.KEA)
 *         .offers(List.of(new BootOffer("nxos", BootOffer.USER_CLASS, "Cisco-POAP", "poap.py", true)))
 *         .tftpServers(List.of(InetAddress.getByName("10.213.7.1")))
 *         .subnet(Ipv4Subnet.parse("10.213.7.0/24"))
 *         .range(Ipv4Range.parse("10.213.7.100-10.213.7.200"))
 *         .router(InetAddress.getByName("10.213.7.1"))
 *         .devices(inventory.devices())
 *         .build()
 *         .render();
 * }</pre>
 *
 * <p>What every format gets, per {@link BootOffer}: options 150 (all TFTP servers), 66 (the TFTP
 * server name, by default the first address as text) and next-server (siaddr, the first address)
 * when the offer names the TFTP server; option 67 when it names a boot file. An offer matching
 * option 60 or 77 is scoped to the devices whose option starts with its prefix; an
 * {@link BootOffer#ANY_DEVICE} offer goes to every other device. An offer's further options
 * ({@link BootOffer#options()}: Junos's option 43 sub-options, Cumulus's option 239, any code) go
 * to the same devices, declared where the server needs a declaration and always sent, whether
 * the device asks for them or not. With a subnet, range and router the
 * output is a complete file the server accepts as it is; without a subnet it is a fragment to
 * include in an existing configuration. Each renderer documents where its server differs.
 *
 * <p><b>Option 82 pinning.</b> A device with a {@link RelayPin} (by default from its inventory
 * variables {@value RelayPin#CIRCUIT_ID_VARIABLE} and {@value RelayPin#REMOTE_ID_VARIABLE}) gets
 * its reservation and boot options only when its request carries the relay agent information the
 * pin names, so that a box which copies its MAC or serial on another port does not get them:
 * <ul>
 *   <li>ISC dhcpd: the host declaration says {@code ignore booting} unless
 *       {@code option agent.circuit-id} / {@code agent.remote-id} match; the request gets no answer.</li>
 *   <li>Kea: the {@code DROP} class drops a request from the device's MAC or client identifier
 *       whose {@code relay4[1]} / {@code relay4[2]} do not match.</li>
 *   <li>dnsmasq: {@code dhcp-circuitid} / {@code dhcp-remoteid} set a tag the device's
 *       {@code dhcp-host} requires; a second {@code dhcp-host} for the same device says
 *       {@code ignore}.</li>
 *   <li>Cisco IOS: the device's address moves from a host pool into an {@code ip dhcp class}
 *       matching {@code relay-information hex} in the network pool; a request that does not match
 *       gets a pool address. IOS classes match the relay information only, not the device's
 *       identifier, and carry no host name or options: a pin with a remote-id but no circuit-id,
 *       or a device that needs a boot file of its own, cannot be rendered for IOS.</li>
 * </ul>
 * What a server cannot express makes {@link #render()} throw, naming the server and what it
 * cannot express; a pin or an option is never left out silently.
 */
public final class DhcpConfig {

    private final DhcpServerFormat format;
    private final List<BootOffer> offers;
    private final List<Inet4Address> tftpServers;
    private final String tftpServerName;
    private final Ipv4Subnet subnet;
    private final Ipv4Range range;
    private final Inet4Address router;
    private final List<Inet4Address> dnsServers;
    private final String domainName;
    private final Map<String, Inet4Address> hostRecords;
    private final Long leaseTimeSeconds;
    private final List<DeviceRecord> devices;
    private final String interfaceName;
    private final String leaseFile;
    private final String poolName;
    private final List<DhcpOption> extraOptions;
    private final Map<String, RelayPin> relayPins;
    private final Map<String, String> bootfiles;
    private final Map<String, List<BootOption>> ownOptions;

    private DhcpConfig(Builder b, Map<String, RelayPin> relayPins, Map<String, String> bootfiles,
                       Map<String, List<BootOption>> ownOptions) {
        this.format = b.format;
        this.offers = List.copyOf(b.offers);
        this.tftpServers = List.copyOf(b.tftpServers);
        this.tftpServerName = b.tftpServerName;
        this.subnet = b.subnet;
        this.range = b.range;
        this.router = b.router;
        this.dnsServers = List.copyOf(b.dnsServers);
        this.domainName = b.domainName;
        this.hostRecords = Collections.unmodifiableMap(new LinkedHashMap<>(b.hostRecords));
        this.leaseTimeSeconds = b.leaseTimeSeconds;
        this.devices = List.copyOf(b.devices);
        this.interfaceName = b.interfaceName;
        this.leaseFile = b.leaseFile;
        this.poolName = b.poolName;
        this.extraOptions = List.copyOf(b.extraOptions);
        this.relayPins = Map.copyOf(relayPins);
        this.bootfiles = Map.copyOf(bootfiles);
        this.ownOptions = Map.copyOf(ownOptions);
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Writes the configuration in the chosen format.
     *
     * @return the configuration text, ending with a newline
     * @throws IllegalArgumentException naming the server, the device or option and what it cannot
     *                                  express, when a device's {@link RelayPin} or an offer's
     *                                  option cannot be written for this server (see the class
     *                                  description)
     */
    public String render() {
        return ConfigRenderers.render(this);
    }

    /** @return the server format */
    public DhcpServerFormat format() {
        return format;
    }

    /** @return the platforms' offers, in the order given */
    public List<BootOffer> offers() {
        return offers;
    }

    /** @return the TFTP server addresses (option 150), possibly empty */
    public List<Inet4Address> tftpServers() {
        return tftpServers;
    }

    /** @return option 66: the name given, else the first TFTP server address as text; empty when there is none */
    public Optional<String> tftpServerName() {
        if (tftpServerName != null) {
            return Optional.of(tftpServerName);
        }
        return tftpServers.isEmpty() ? Optional.empty() : Optional.of(tftpServers.get(0).getHostAddress());
    }

    /** @return the next-server (siaddr): the first TFTP server address, if any */
    public Optional<Inet4Address> nextServer() {
        return tftpServers.isEmpty() ? Optional.empty() : Optional.of(tftpServers.get(0));
    }

    /** @return the subnet, if given */
    public Optional<Ipv4Subnet> subnet() {
        return Optional.ofNullable(subnet);
    }

    /** @return the dynamic range, if given */
    public Optional<Ipv4Range> range() {
        return Optional.ofNullable(range);
    }

    /** @return the default router (option 3), if given */
    public Optional<Inet4Address> router() {
        return Optional.ofNullable(router);
    }

    /** @return the DNS servers (option 6), possibly empty */
    public List<Inet4Address> dnsServers() {
        return dnsServers;
    }

    /** @return the domain name (option 15), if given */
    public Optional<String> domainName() {
        return Optional.ofNullable(domainName);
    }

    /**
     * @return the names the devices look up in DNS to find their server (Cisco PnP's
     *     {@code pnpserver.<domain>}), each with its address, in order; possibly empty. dnsmasq,
     *     which is a DNS server too, answers them itself and offers itself in option 6, unless
     *     {@link #dnsServers()} sends the devices to other DNS servers; then, and in the other
     *     formats, a comment names them, since their records belong in the network's own DNS
     */
    public Map<String, Inet4Address> hostRecords() {
        return hostRecords;
    }

    /** @return the lease time in seconds (option 51), if given */
    public Optional<Long> leaseTimeSeconds() {
        return Optional.ofNullable(leaseTimeSeconds);
    }

    /** @return the devices that get a reservation */
    public List<DeviceRecord> devices() {
        return devices;
    }

    /** @return the interface the server should listen on (dnsmasq, Kea), if given */
    public Optional<String> interfaceName() {
        return Optional.ofNullable(interfaceName);
    }

    /** @return the lease file path written into the configuration (dnsmasq, Kea), if given */
    public Optional<String> leaseFile() {
        return Optional.ofNullable(leaseFile);
    }

    /** @return the IOS pool name (default {@code ztp}) */
    public String poolName() {
        return poolName;
    }

    /** @return further options every device in the scope gets, in the order given */
    public List<DhcpOption> extraOptions() {
        return extraOptions;
    }

    /**
     * @param device a device
     * @return its reserved (fixed) address: its management address when it lies inside the subnet
     */
    public Optional<Inet4Address> fixedAddress(DeviceRecord device) {
        InetAddress a = device.managementAddress();
        return subnet != null && subnet.contains(a) ? Optional.of((Inet4Address) a) : Optional.empty();
    }

    /**
     * @param device a device of this configuration
     * @return the relay port it is pinned to, if any
     */
    public Optional<RelayPin> relayPin(DeviceRecord device) {
        return Optional.ofNullable(relayPins.get(device.hostname().toLowerCase(Locale.ROOT)));
    }

    /**
     * @param device a device of this configuration
     * @return the boot file name or URL its own reservation carries (its token, say), if it has one
     */
    public Optional<String> bootfileFor(DeviceRecord device) {
        return Optional.ofNullable(bootfiles.get(device.hostname().toLowerCase(Locale.ROOT)));
    }

    /**
     * @param device a device of this configuration
     * @return the options its own reservation carries in place of its platform offer's options of
     *         the same codes (its token, say); empty when it has none
     */
    public List<BootOption> optionsFor(DeviceRecord device) {
        return ownOptions.getOrDefault(device.hostname().toLowerCase(Locale.ROOT), List.of());
    }

    /**
     * @param device a device
     * @return the offer of the device's platform, if the device names one that is configured
     */
    public Optional<BootOffer> offerFor(DeviceRecord device) {
        return offers.stream().filter(o -> o.platform().equals(device.platform())).findFirst();
    }

    /** Collects and checks the settings of a {@link DhcpConfig}. */
    public static final class Builder {

        private DhcpServerFormat format;
        private final List<BootOffer> offers = new ArrayList<>();
        private final List<Inet4Address> tftpServers = new ArrayList<>();
        private String tftpServerName;
        private Ipv4Subnet subnet;
        private Ipv4Range range;
        private Inet4Address router;
        private final List<Inet4Address> dnsServers = new ArrayList<>();
        private String domainName;
        private final Map<String, Inet4Address> hostRecords = new LinkedHashMap<>();
        private Long leaseTimeSeconds;
        private final List<DeviceRecord> devices = new ArrayList<>();
        private String interfaceName;
        private String leaseFile;
        private String poolName = "ztp";
        private final List<DhcpOption> extraOptions = new ArrayList<>();
        private Function<? super DeviceRecord, Optional<RelayPin>> relayPins = RelayPin::of;

        private Builder() {
        }

        /** @param format the server to write for (required) @return this builder */
        public Builder format(DhcpServerFormat format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        /** @param offers the platforms' offers, at least one (replaces earlier ones) @return this builder */
        public Builder offers(Collection<BootOffer> offers) {
            this.offers.clear();
            this.offers.addAll(Objects.requireNonNull(offers, "offers"));
            return this;
        }

        /**
         * @param servers TFTP server addresses for option 150 and next-server (replaces earlier ones)
         * @return this builder
         * @throws IllegalArgumentException when one is not IPv4
         */
        public Builder tftpServers(Collection<? extends InetAddress> servers) {
            this.tftpServers.clear();
            for (InetAddress a : Objects.requireNonNull(servers, "tftpServers")) {
                this.tftpServers.add(Ipv4.require("TFTP server", a));
            }
            return this;
        }

        /**
         * @param name option 66 text (host name or dotted address); by default the first TFTP server address
         * @return this builder
         */
        public Builder tftpServerName(String name) {
            if (name != null && !name.matches("[A-Za-z0-9.:-]{1,253}")) {
                throw new IllegalArgumentException("TFTP server name: '" + name + "' must be a host name or address");
            }
            this.tftpServerName = name;
            return this;
        }

        /** @param subnet the subnet served, or {@code null} for a fragment without scope @return this builder */
        public Builder subnet(Ipv4Subnet subnet) {
            this.subnet = subnet;
            return this;
        }

        /** @param range the dynamic range inside the subnet, or {@code null} @return this builder */
        public Builder range(Ipv4Range range) {
            this.range = range;
            return this;
        }

        /** @param router the default router (option 3) inside the subnet, or {@code null} @return this builder */
        public Builder router(InetAddress router) {
            this.router = router == null ? null : Ipv4.require("router", router);
            return this;
        }

        /** @param servers DNS servers (option 6) (replaces earlier ones) @return this builder */
        public Builder dns(Collection<? extends InetAddress> servers) {
            this.dnsServers.clear();
            for (InetAddress a : Objects.requireNonNull(servers, "dns")) {
                this.dnsServers.add(Ipv4.require("DNS server", a));
            }
            return this;
        }

        /** @param domain the domain name (option 15), or {@code null} @return this builder */
        public Builder domain(String domain) {
            Checks.noControlCharacters("domain", domain);
            if (domain != null && !domain.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})")) {
                throw new IllegalArgumentException("domain: '" + domain + "' is not a domain name");
            }
            this.domainName = domain;
            return this;
        }

        /**
         * A name the devices look up in DNS to find their server, such as Cisco PnP's
         * {@code pnpserver.<domain>}: dnsmasq answers it (its DNS server stays on, only for hosts on
         * its own subnets unless an interface is named) when no {@link #dns(Collection) DNS server} is
         * given; with DNS servers given, and in the other formats, a comment says that it must
         * resolve in the network's DNS.
         *
         * @param name    a fully qualified host name
         * @param address its IPv4 address
         * @return this builder
         * @throws IllegalArgumentException naming the name when it is not a host name, or the address when it is not IPv4
         */
        public Builder hostRecord(String name, InetAddress address) {
            Objects.requireNonNull(name, "name");
            Checks.noControlCharacters("host record", name);
            if (!name.matches("(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*")) {
                throw new IllegalArgumentException("host record: '" + name + "' is not a host name");
            }
            this.hostRecords.put(name, Ipv4.require("host record " + name, Objects.requireNonNull(address, "address")));
            return this;
        }

        /** @param seconds the lease time, 120..4294967295 seconds, or {@code null} for the server's default @return this builder */
        public Builder leaseTime(Long seconds) {
            if (seconds != null && (seconds < 120 || seconds > 0xFFFF_FFFFL)) {
                throw new IllegalArgumentException("lease time: " + seconds + " is not 120..4294967295 seconds");
            }
            this.leaseTimeSeconds = seconds;
            return this;
        }

        /** @param devices devices to reserve for, from an {@link org.ztp4j.core.Inventory} (replaces earlier ones) @return this builder */
        public Builder devices(Collection<DeviceRecord> devices) {
            this.devices.clear();
            this.devices.addAll(Objects.requireNonNull(devices, "devices"));
            return this;
        }

        /** @param name the interface dnsmasq and Kea should serve, or {@code null} for all @return this builder */
        public Builder interfaceName(String name) {
            if (name != null && !name.matches("[A-Za-z0-9_.@:-]{1,15}")) {
                throw new IllegalArgumentException("interface: '" + name + "' is not an interface name");
            }
            this.interfaceName = name;
            return this;
        }

        /** @param path the lease file dnsmasq or Kea should write, or {@code null} for the server's default @return this builder */
        public Builder leaseFile(String path) {
            Checks.noControlCharacters("lease file", path);
            if (path != null && (path.isBlank() || path.contains("\""))) {
                throw new IllegalArgumentException("lease file: '" + path + "' is not a usable path");
            }
            this.leaseFile = path;
            return this;
        }

        /** @param name the IOS network pool's name (default {@code ztp}) @return this builder */
        public Builder poolName(String name) {
            if (name == null || !name.matches("[A-Za-z0-9_-]{1,32}")) {
                throw new IllegalArgumentException("pool name: '" + name + "' must be 1..32 letters, digits, '_' or '-'");
            }
            this.poolName = name;
            return this;
        }

        /**
         * Further options every device in the scope gets, written as raw bytes in each server's
         * syntax and sent even when the device does not ask for them: for example Cisco PnP's
         * option 43 ({@link DhcpOption#ciscoPnp(String, int, boolean)}) for users who run PnP and ZTP
         * side by side. Options the configuration writes from its own settings (1, 3, 6, 15, 51, 53,
         * 54, 66, 67, 150) are refused here.
         *
         * @param options the options (replaces earlier ones)
         * @return this builder
         * @throws IllegalArgumentException naming an option given twice, with no value, or written
         *                                  from the configuration's own settings
         */
        public Builder options(Collection<DhcpOption> options) {
            Set<Integer> codes = new HashSet<>();
            for (DhcpOption o : Objects.requireNonNull(options, "options")) {
                if (Set.of(1, 3, 6, 15, 51, 53, 54, 66, 67, 150).contains(o.code())) {
                    throw new IllegalArgumentException("option " + o.code() + ": written from the configuration's own settings, not as an extra option");
                }
                if (o.length() == 0) {
                    throw new IllegalArgumentException("option " + o.code() + ": an extra option needs a value");
                }
                if (!codes.add(o.code())) {
                    throw new IllegalArgumentException("option " + o.code() + ": given twice");
                }
            }
            this.extraOptions.clear();
            this.extraOptions.addAll(options);
            return this;
        }

        /**
         * Where each device's option 82 pin comes from. By default {@link RelayPin#of(DeviceRecord)}:
         * the device's inventory variables {@value RelayPin#CIRCUIT_ID_VARIABLE} and
         * {@value RelayPin#REMOTE_ID_VARIABLE}. An application that keeps ports elsewhere passes its
         * own lookup, for example {@code d -> Optional.ofNullable(portsByHost.get(d.hostname()))};
         * {@code d -> Optional.empty()} pins nothing.
         *
         * @param pins the pin of a device, or empty for a device that is not pinned
         * @return this builder
         */
        public Builder relayPins(Function<? super DeviceRecord, Optional<RelayPin>> pins) {
            this.relayPins = Objects.requireNonNull(pins, "relayPins");
            return this;
        }

        /**
         * Where each device's own boot file name or URL comes from, when its reservation must carry
         * one of its own instead of its platform's (option 67, and the BOOTP file field where the
         * server writes it): under day-0 access {@code token}, {@code t/<token>/...}
         * ({@link org.ztp4j.core.PlatformAdapter#deviceBootfile}). By default none has one.
         *
         * @param own the device's own boot file, or empty
         * @return this builder
         */
        public Builder deviceBootfiles(Function<? super DeviceRecord, Optional<String>> own) {
            this.deviceBootfiles = Objects.requireNonNull(own, "deviceBootfiles");
            return this;
        }

        private Function<? super DeviceRecord, Optional<String>> deviceBootfiles = d -> Optional.empty();

        /**
         * Where each device's own further options come from, when its reservation must carry its
         * own instead of its platform offer's (option 43 or 239 with its token under day-0 access
         * {@code token}, {@link org.ztp4j.core.PlatformAdapter#deviceOptions}). Each must have the
         * code and the type of one of the offer's options: the servers declare an option once, for
         * the offer. By default none has any.
         *
         * @param own the device's own options, or an empty list
         * @return this builder
         */
        public Builder deviceOptions(Function<? super DeviceRecord, List<BootOption>> own) {
            this.deviceOptions = Objects.requireNonNull(own, "deviceOptions");
            return this;
        }

        private Function<? super DeviceRecord, List<BootOption>> deviceOptions = d -> List.of();

        /**
         * @return the configuration
         * @throws IllegalArgumentException naming the setting at fault: no format or offers, two offers
         *                                  for one platform or for any device, no TFTP server where an
         *                                  offer needs one, range or router outside the subnet, two
         *                                  devices with one host name, a device's relay pin that is
         *                                  not valid, an option that is both an extra option and an
         *                                  offer's own
         */
        public DhcpConfig build() {
            if (format == null) {
                throw new IllegalArgumentException("DHCP config: format missing (isc, kea, dnsmasq or ios)");
            }
            if (offers.isEmpty()) {
                throw new IllegalArgumentException("DHCP config: no platform offers given");
            }
            Set<String> platforms = new HashSet<>();
            int anyDevice = 0;
            for (BootOffer o : offers) {
                if (!platforms.add(o.platform())) {
                    throw new IllegalArgumentException("DHCP config: platform " + o.platform() + " given twice");
                }
                if (o.matchOption() == BootOffer.ANY_DEVICE) {
                    anyDevice++;
                }
                if (o.tftpServer() && tftpServers.isEmpty()) {
                    throw new IllegalArgumentException("DHCP config: platform " + o.platform() + " needs a TFTP server address");
                }
                for (DhcpOption extra : extraOptions) {
                    if (o.option(extra.code()).isPresent()) {
                        // servers rank scope and class options differently: one of them would be lost
                        throw new IllegalArgumentException("DHCP config: option " + extra.code()
                                + " is both an extra option for every device and in platform " + o.platform() + "'s offer");
                    }
                }
            }
            if (anyDevice > 1) {
                throw new IllegalArgumentException("DHCP config: only one platform may match any device, got " + anyDevice);
            }
            if ((range != null || router != null) && subnet == null) {
                throw new IllegalArgumentException("DHCP config: a range or router needs a subnet");
            }
            if (range != null && !(subnet.contains(range.first()) && subnet.contains(range.last()))) {
                throw new IllegalArgumentException("DHCP config: range " + range + " is not inside subnet " + subnet);
            }
            if (router != null && !subnet.contains(router)) {
                throw new IllegalArgumentException("DHCP config: router " + router.getHostAddress() + " is not inside subnet " + subnet);
            }
            Set<String> names = new HashSet<>();
            Map<String, RelayPin> pins = new HashMap<>();
            Map<String, String> bootfiles = new HashMap<>();
            Map<String, List<BootOption>> own = new HashMap<>();
            for (DeviceRecord d : devices) {
                String name = d.hostname().toLowerCase(Locale.ROOT);
                if (!names.add(name)) {
                    throw new IllegalArgumentException("DHCP config: two devices are named " + d.hostname());
                }
                Optional<RelayPin> pin;
                try {
                    pin = relayPins.apply(d);
                } catch (IllegalArgumentException e) {
                    String m = e.getMessage();
                    throw new IllegalArgumentException("DHCP config: " + (m.startsWith("device ") ? m : "device " + d.hostname() + ": " + m), e);
                }
                if (pin == null) {
                    throw new IllegalArgumentException("DHCP config: the relay pin lookup returned null for device " + d.hostname());
                }
                pin.ifPresent(p -> pins.put(name, p));
                Optional<String> bootfile = deviceBootfiles.apply(d);
                if (bootfile != null && bootfile.isPresent()) {
                    String f = bootfile.get();
                    if (f.isEmpty() || f.length() > 255 || f.chars().anyMatch(c -> c < 0x21 || c > 0x7E || c == '"' || c == '\\')) {
                        throw new IllegalArgumentException("DHCP config: device " + d.hostname()
                                + ": its boot file is not 1 to 255 printable characters without blanks, quotes or backslashes");
                    }
                    bootfiles.put(name, f);
                }
                List<BootOption> options = deviceOptions.apply(d);
                if (options != null && !options.isEmpty()) {
                    own.put(name, checkOwn(d, options));
                }
            }
            return new DhcpConfig(this, pins, bootfiles, own);
        }

        /** A device's own options replace its offer's: same code, same type, each code once. */
        private List<BootOption> checkOwn(DeviceRecord d, List<BootOption> options) {
            BootOffer offer = offers.stream().filter(o -> o.platform().equals(d.platform())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("DHCP config: device " + d.hostname()
                            + ": options of its own need its platform's offer (platform " + d.platform() + ")"));
            Set<Integer> seen = new HashSet<>();
            for (BootOption o : options) {
                Optional<BootOption> shared = offer.option(o.code());
                if (shared.isEmpty() || shared.get().type() != o.type()) {
                    throw new IllegalArgumentException("DHCP config: device " + d.hostname() + ": its own option " + o.code()
                            + " must replace an option of the same code and type in platform " + offer.platform() + "'s offer");
                }
                if (!seen.add(o.code())) {
                    throw new IllegalArgumentException("DHCP config: device " + d.hostname() + ": its own option " + o.code()
                            + " given twice");
                }
            }
            return List.copyOf(options);
        }
    }
}
