package org.ztp4j.dhcp.internal;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.ztp4j.core.internal.Ipv4;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.BootOption;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.dhcp.DhcpOption;
import org.ztp4j.dhcp.config.DhcpConfig;
import org.ztp4j.dhcp.config.Ipv4Subnet;
import org.ztp4j.dhcp.config.RelayPin;

/**
 * Writes Cisco IOS DHCP server configuration commands.
 *
 * <p>An IOS pool cannot pick options by vendor class (60) or user class (77): {@code ip dhcp class}
 * matches relay information only. So one network pool serves every device with next-server and
 * options 150 and 66, and option 67 only when all platforms agree on it; otherwise each device's
 * host pool carries its own platform's option 67. Host pools inherit the rest from the network pool
 * that holds their address. A range becomes {@code ip dhcp excluded-address} lines for the rest of
 * the subnet.
 *
 * <p>A device pinned to a relay port gets no host pool (a manual binding ignores classes).
 * Instead an {@code ip dhcp class} matches the option 82 value with {@code relay-information hex}:
 * sub-option 1 (circuit-id), then sub-option 2 (remote-id) if pinned, then {@code *} for whatever
 * follows. In the network pool that class holds an {@code address range} of the device's one
 * address, and a class without a pattern (which matches every request) holds the dynamic range; a
 * request through any other port gets a pool address. The device's address is left out of
 * {@code ip dhcp excluded-address}, since excluded addresses are not handed out from a class either.
 * IOS classes match the relay information only: the device's client identifier is not checked,
 * and a class carries no client-name and no option 67 of its own. So a pin with a remote-id but no
 * circuit-id (its place in the option is not known) and a pinned device that needs a boot file of
 * its own are refused.
 *
 * <p>An offer's further options are written as {@code option N ascii TEXT} (text of printable
 * characters without blanks; quoted when it holds a {@code ;}, as Cisco writes the PnP string), {@code option N ip A B} (addresses) or {@code option N hex
 * 0102.0304} (anything else, option 43's sub-options among them). Options every platform's offer
 * carries alike go into the network pool; the others, like option 67, only into the host pools of
 * that platform's devices, and a pinned device whose platform needs options of its own is refused.
 */
final class IosPoolRenderer {

    private static final String SERVER = "Cisco IOS";
    private static final String ANY_CLASS = "ztp-any";

    private final DhcpConfig config;
    private final StringBuilder out = new StringBuilder();

    IosPoolRenderer(DhcpConfig config) {
        this.config = config;
    }

    String render() {
        Optional<String> sharedBootfile = sharedBootfile();
        List<DeviceRecord> pinned = new ArrayList<>();
        for (DeviceRecord d : config.devices()) {
            Optional<RelayPin> pin = config.relayPin(d);
            if (pin.isEmpty()) {
                continue;
            }
            if (pin.get().circuitId() == null) {
                throw ConfigRenderers.cannotPin(SERVER, d, pin.get(), "relay-information hex matches option 82 from its first octet, "
                        + "and where the remote-id sits depends on the circuit-id before it; pin a circuit-id too");
            }
            if (config.fixedAddress(d).isPresent()) {
                if (sharedBootfile.isEmpty() && config.offerFor(d).map(BootOffer::bootfile).isPresent()) {
                    throw ConfigRenderers.cannotPin(SERVER, d, pin.get(), "the platforms need different boot files, and an "
                            + "ip dhcp class cannot carry the device's own option 67");
                }
                List<BootOption> own = new ArrayList<>(ownOptions(d));
                own.addAll(config.optionsFor(d));
                if (!own.isEmpty()) {
                    throw ConfigRenderers.cannotPin(SERVER, d, pin.get(), "its platform's offer needs option "
                            + ConfigRenderers.codes(own) + " of its own, and an ip dhcp class cannot carry options");
                }
                pinned.add(d);
            }
        }
        out.append("! Cisco IOS DHCP server configuration for ZTP, written by ztp4j (platforms: ")
                .append(config.offers().stream().map(BootOffer::platform).collect(Collectors.joining(", "))).append(")\n");
        out.append("! IOS pools cannot select options by option 60/77: this pool serves every device.\n");
        if (sharedBootfile.isEmpty() && config.offers().stream().anyMatch(o -> o.bootfile() != null)) {
            out.append("! The platforms need different boot files (option 67): only the host pools below carry them.\n");
        }
        List<BootOption> notShared = config.offers().stream().flatMap(o -> o.options().stream())
                .filter(o -> !sharedOptions().contains(o)).toList();
        if (!notShared.isEmpty()) {
            out.append("! The platforms need different options (").append(notShared.stream().map(o -> Integer.toString(o.code()))
                    .distinct().collect(Collectors.joining(", "))).append("): only the host pools below carry them.\n");
        }
        if (config.subnet().isPresent() && config.range().isPresent()) {
            Ipv4Subnet s = config.subnet().get();
            long net = Ipv4.toLong(s.network());
            long bcast = Ipv4.toLong(s.broadcast());
            long first = Ipv4.toLong(config.range().get().first());
            long last = Ipv4.toLong(config.range().get().last());
            List<Long> keep = pinned.stream().map(d -> Ipv4.toLong(config.fixedAddress(d).orElseThrow())).sorted().toList();
            excluded(net + 1, first - 1, keep);
            excluded(last + 1, bcast - 1, keep);
        }
        for (DeviceRecord d : pinned) {
            out.append("! ").append(d.hostname()).append(": option 82 pin, its address only through ")
                    .append(config.relayPin(d).orElseThrow()).append('\n');
            out.append("ip dhcp class ").append(pinClass(d)).append('\n');
            out.append(" relay agent information\n");
            out.append("  relay-information hex ").append(pattern(config.relayPin(d).orElseThrow())).append("*\n");
        }
        if (!pinned.isEmpty() && config.range().isPresent()) {
            out.append("! no pattern: every other request\n");
            out.append("ip dhcp class ").append(ANY_CLASS).append('\n');
        } else if (!pinned.isEmpty()) {
            // a class with the whole subnet could hand a pinned address to another client first
            out.append("! no dynamic range: with classes the pool serves only the pinned devices below\n");
        }
        out.append("!\nip dhcp pool ").append(config.poolName()).append('\n');
        config.subnet().ifPresent(s -> out.append(" network ").append(s.network().getHostAddress()).append(' ')
                .append(s.netmask().getHostAddress()).append('\n'));
        config.router().ifPresent(r -> out.append(" default-router ").append(r.getHostAddress()).append('\n'));
        if (!config.dnsServers().isEmpty()) {
            out.append(" dns-server ").append(ConfigRenderers.join(config.dnsServers(), " ")).append('\n');
        }
        config.domainName().ifPresent(d -> out.append(" domain-name ").append(d).append('\n'));
        if (config.offers().stream().anyMatch(BootOffer::tftpServer)) {
            out.append(" next-server ").append(config.nextServer().orElseThrow().getHostAddress()).append('\n');
            out.append(" option 150 ip ").append(ConfigRenderers.join(config.tftpServers(), " ")).append('\n');
        }
        // One pool serves every platform: it can carry one option 66 text.
        List<String> option66 = config.offers().stream().map(o -> o.option66(config.tftpServerName().orElse(null)))
                .filter(java.util.Objects::nonNull).distinct().toList();
        if (option66.size() > 1) {
            out.append("! The platforms want different option 66 texts (").append(String.join(", ", option66))
                    .append("): this pool carries the first.\n");
        }
        if (!option66.isEmpty()) {
            out.append(" option 66 ascii ").append(option66.get(0)).append('\n');
        }
        sharedBootfile.ifPresent(f -> out.append(" option 67 ascii ").append(f).append('\n'));
        for (BootOption o : sharedOptions()) {
            option(o);
        }
        for (DhcpOption o : config.extraOptions()) {
            out.append(" option ").append(o.code()).append(" hex ").append(dotted(o.value())).append('\n');
        }
        config.leaseTimeSeconds().ifPresent(this::lease);
        for (DeviceRecord d : pinned) {
            String a = config.fixedAddress(d).orElseThrow().getHostAddress();
            out.append(" class ").append(pinClass(d)).append('\n');
            out.append("  address range ").append(a).append(' ').append(a).append('\n');
        }
        if (!pinned.isEmpty() && config.range().isPresent()) {
            out.append(" class ").append(ANY_CLASS).append('\n');
            out.append("  address range ").append(config.range().get().first().getHostAddress()).append(' ')
                    .append(config.range().get().last().getHostAddress()).append('\n');
        }
        for (DeviceRecord d : config.devices()) {
            if (pinned.contains(d)) {
                out.append("! ").append(d.hostname()).append(": pinned, so no host pool; IOS classes carry no client-name\n");
            } else {
                hostPool(d, sharedBootfile.isEmpty());
            }
        }
        out.append("!\n");
        return out.toString();
    }

    /** @return option 67 when every platform wants the same one (possibly none) */
    private Optional<String> sharedBootfile() {
        List<String> files = config.offers().stream().map(BootOffer::bootfile).distinct().collect(Collectors.toList());
        return files.size() == 1 ? Optional.ofNullable(files.get(0)) : Optional.empty();
    }

    /** Excludes from..to except the addresses in keep (sorted), which pinned classes hand out. */
    private void excluded(long from, long to, List<Long> keep) {
        long start = from;
        for (long k : keep) {
            if (k >= start && k <= to) {
                excluded(start, k - 1);
                start = k + 1;
            }
        }
        excluded(start, to);
    }

    private void excluded(long from, long to) {
        if (from > to) {
            return;
        }
        out.append("ip dhcp excluded-address ").append(Ipv4.toAddress(from).getHostAddress());
        if (to != from) {
            out.append(' ').append(Ipv4.toAddress(to).getHostAddress());
        }
        out.append('\n');
    }

    private void lease(long seconds) {
        if (seconds >= 0xFFFF_FFFFL) {
            out.append(" lease infinite\n");
            return;
        }
        long minutes = (seconds + 59) / 60;
        out.append(" lease ").append(minutes / 1440).append(' ').append((minutes / 60) % 24).append(' ').append(minutes % 60).append('\n');
    }

    private void hostPool(DeviceRecord d, boolean perDeviceBootfile) {
        Optional<Inet4Address> address = config.fixedAddress(d);
        if (address.isEmpty()) {
            out.append("! ").append(d.hostname()).append(": no management address inside the subnet, no host pool\n");
            return;
        }
        out.append("!\nip dhcp pool ").append(d.hostname()).append('\n');
        out.append(" host ").append(address.get().getHostAddress()).append(' ')
                .append(config.subnet().orElseThrow().netmask().getHostAddress()).append('\n');
        byte[] id;
        if (d.mac() != null) {
            // type 1 (Ethernet) + MAC, as IOS devices send option 61
            byte[] mac = d.mac().toBytes();
            id = new byte[7];
            id[0] = 1;
            System.arraycopy(mac, 0, id, 1, 6);
        } else {
            id = ConfigRenderers.serialClientId(d);
        }
        out.append(" client-identifier ").append(dotted(id)).append('\n');
        out.append(" client-name ").append(d.hostname()).append('\n');
        Optional<String> own = config.bootfileFor(d);
        if (own.isPresent()) {
            out.append(" bootfile ").append(own.get()).append('\n');
            out.append(" option 67 ascii ").append(own.get()).append('\n');
        } else if (perDeviceBootfile) {
            config.offerFor(d).map(BootOffer::bootfile).filter(Objects::nonNull)
                    .ifPresent(f -> out.append(" option 67 ascii ").append(f).append('\n'));
        }
        List<BootOption> itsOwn = config.optionsFor(d);
        // a host pool's options win over the network pool's; its own replace its platform's of the same code
        ownOptions(d).stream().filter(o -> itsOwn.stream().noneMatch(x -> x.code() == o.code())).forEach(this::option);
        itsOwn.forEach(this::option);
    }

    /** @return the options every offer carries alike, in the first offer's order: the network pool's */
    private List<BootOption> sharedOptions() {
        List<BootOffer> offers = config.offers();
        return offers.get(0).options().stream().filter(o -> offers.stream().allMatch(other -> other.options().contains(o))).toList();
    }

    /** @return the options of the device's platform that the network pool does not carry */
    private List<BootOption> ownOptions(DeviceRecord d) {
        List<BootOption> shared = sharedOptions();
        return config.offerFor(d).map(o -> o.options().stream().filter(x -> !shared.contains(x)).toList()).orElse(List.of());
    }

    /** Cisco IOS DHCP server, "option" pool command: ascii, hex or ip. */
    private void option(BootOption o) {
        out.append(" option ").append(o.code());
        if (o.value() instanceof BootOption.Text t && t.text().matches("[!-~]+")) {
            // Cisco's PnP guides write the option 43 string quoted: option 43 ascii "5A1N;B2;K4;I10.0.0.1;J80"
            out.append(" ascii ").append(t.text().contains(";") ? "\"" + t.text() + "\"" : t.text());
        } else if (o.value() instanceof BootOption.Ipv4 a) {
            out.append(" ip ").append(ConfigRenderers.join(a.addresses(), " "));
        } else {
            out.append(" hex ").append(dotted(o.encode()));
        }
        out.append('\n');
    }

    private static String pinClass(DeviceRecord d) {
        return "ztp-pin-" + d.hostname();
    }

    /** RFC 3046 2.0: the option 82 value is sub-option code, length, bytes; circuit-id (1) first. */
    private static String pattern(RelayPin pin) {
        StringBuilder s = new StringBuilder();
        byte[] c = pin.circuitId();
        s.append("01").append(String.format("%02x", c.length)).append(ConfigRenderers.hex(c));
        byte[] r = pin.remoteId();
        if (r != null) {
            s.append("02").append(String.format("%02x", r.length)).append(ConfigRenderers.hex(r));
        }
        return s.toString();
    }

    /** IOS writes identifiers as hex in groups of four digits: {@code 0174.26cc.5c91.80}. */
    private static String dotted(byte[] id) {
        String hex = HexFormat.of().formatHex(id);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 4) {
            if (i > 0) {
                s.append('.');
            }
            s.append(hex, i, Math.min(i + 4, hex.length()));
        }
        return s.toString();
    }
}
