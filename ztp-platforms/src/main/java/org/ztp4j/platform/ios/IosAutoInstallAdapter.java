package org.ztp4j.platform.ios;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.BootServers;
import org.ztp4j.core.DeviceIdentity;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.DhcpFingerprint;
import org.ztp4j.core.FileProvider;
import org.ztp4j.core.FileRequest;
import org.ztp4j.core.FileResource;
import org.ztp4j.core.Inventory;
import org.ztp4j.core.LeaseLookup;
import org.ztp4j.core.PlatformContext;
import org.ztp4j.core.PlatformSetting;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.RequestPath;
import org.ztp4j.core.files.BytesResource;
import org.ztp4j.core.files.FileProviders;
import org.ztp4j.core.files.TemplateFileProvider;
import org.ztp4j.core.template.TemplateException;
import org.ztp4j.core.template.TemplateSet;
import org.ztp4j.platform.TemplatedPlatformAdapter;
import org.ztp4j.platform.internal.ByClientAddress;
import org.ztp4j.platform.internal.ByClientAddress.Found;

/**
 * Cisco IOS (and IOS-XE) AutoInstall over TFTP, the classic: a router or switch with no
 * startup-config asks a TFTP server for a network config, learns its host name from it, then asks
 * for its own config.
 *
 * <p><b>DHCP.</b> AutoInstall devices send nothing that reliably names them, so the offer applies to
 * every client of the scope ({@link BootOffer#ANY_DEVICE}): no boot file, the TFTP server in options
 * 66/150 and next-server (a C9200L on 17.1.1 used next-server while option 150 was 0.0.0.0).
 * {@link #recognises} knows the client id classic IOS DHCP clients send, 0x00 and
 * {@code cisco-<mac>-<interface>}, when option 60 is not IOS-XE's {@code ciscopnp}.
 *
 * <p><b>Files served</b> (names compared without case: devices ask in lower case whatever the host
 * name's case):
 * <ul>
 *   <li>{@code network-confg}, {@code cisconet.cfg}: {@code ip host <hostname> <address>} lines and
 *       nothing else, which is all AutoInstall reads there: the device looks for the address it just
 *       got and takes that line's name as its own. A requester known by its DHCP lease gets one line,
 *       its own host name with the address it asked from (so no reservation is needed). When leases
 *       are read, no other requester gets the file; without leases, any requester gets a line for
 *       every IOS device of the inventory with a management address (its DHCP reservation must then
 *       hand out that address), which names them to anyone who asks. Built from the inventory, not from a
 *       template, so that no variable can reach a file anyone may read. The files exist only while
 *       the inventory holds an IOS device: otherwise they are not found;</li>
 *   <li>{@code <hostname>-confg} and {@code <hostname>.cfg} (the name cut to 8 characters, as
 *       devices ask after reading {@code cisconet.cfg}): the device's day-0, template
 *       {@code ios/day0.cfg}. Only devices whose platform is {@code ios} are served under these
 *       names. A short name two devices share ({@code branch-rtr1} and {@code branch-rtr2} both
 *       ask for {@code branch-r.cfg}) is served to neither, and {@link #warnings} names both: such a
 *       device still gets {@code <hostname>-confg}, or its own day-0 for {@code router-confg} by
 *       its lease;</li>
 *   <li>{@code router-confg}, {@code ciscortr.cfg}, and a {@code <name>-confg} that names no
 *       inventory device (a new switch asks {@code switch-confg}): the requester is looked up by
 *       its source address, through its DHCP lease ({@link org.ztp4j.core.LeaseLookup}) to its MAC
 *       and the inventory, and by nothing else: an address that is merely some device's management
 *       address in the inventory (where it will be, not where it is) says nothing about who asks,
 *       and gets no device's day-0. A device found
 *       by its lease gets <em>its own</em> day-0: it asked for a default only because it could not
 *       learn its name, and a current lease says who it is. A device not found gets the safe
 *       default {@code ios/router-confg} (which changes nothing) for {@code router-confg} and
 *       {@code ciscortr.cfg}, or nothing with {@code ios.default-config=none}.</li>
 * </ul>
 *
 * <p><b>The day-0</b> first removes the address AutoInstall got by DHCP on the interface it ran on
 * ({@code interface Vlan1} / {@code no ip address} by default, {@link #AUTOINSTALL_INTERFACE}):
 * IOS refuses an address whose subnet overlaps another interface's ({@code % 192.0.2.0 overlaps with
 * Vlan1}), and the management address is in the very subnet of that DHCP address. Then: host name,
 * {@code ip domain name} (global {@code domain_name}; RSA keys need
 * it), a privilege-15 user ({@code admin_user}, {@code admin_password} as a {@code secret}), the
 * management interface's address and mask and the default route (in the management VRF when the
 * device has one), {@code crypto key generate rsa general-keys modulus 2048} (the form that does
 * not prompt: Cisco IOS Security Command Reference), {@code ip ssh version 2}, and {@code line vty 0 4}
 * with {@code login local} and {@code transport input ssh}. AutoInstall merges the file into the
 * running config and does not save it; with {@code ios.save=true} the day-0 adds an EEM applet that
 * waits 60 s ({@code event timer countdown}, which fires once), removes itself and runs
 * {@code write memory}.
 *
 * <p><b>Settings</b> ({@code ios.*}, declared in {@link #settings()}): {@link #MGMT_INTERFACE
 * ios.mgmt-interface} (default {@code GigabitEthernet0/0}; a device variable {@code mgmt_interface}
 * wins), {@link #AUTOINSTALL_INTERFACE ios.autoinstall-interface} (default {@code Vlan1}; {@code none}
 * keeps its address; a device variable {@code autoinstall_interface} wins; nothing is removed when
 * it is the management interface), {@link #SAVE ios.save} ({@code true} adds the save applet; default {@code false}),
 * {@link #DEFAULT_CONFIG ios.default-config} ({@code default} or {@code none}).
 */
public final class IosAutoInstallAdapter extends TemplatedPlatformAdapter {

    /** The platform id, also the settings prefix. */
    public static final String ID = "ios";
    /** The day-0 template. */
    public static final String DAY0_TEMPLATE = "ios/day0.cfg";
    /** The default config template, for devices nobody knows. */
    public static final String DEFAULT_TEMPLATE = "ios/router-confg";

    /** {@code ios.mgmt-interface}: the interface the day-0 addresses. */
    public static final PlatformSetting<String> MGMT_INTERFACE = PlatformSetting.interfaceName(ID, "mgmt-interface",
            "GigabitEthernet0/0", "the management interface the day-0 gives the address to (a device variable mgmt_interface wins)");
    /** {@code ios.autoinstall-interface}: the interface AutoInstall got its DHCP address on. */
    public static final PlatformSetting<String> AUTOINSTALL_INTERFACE = PlatformSetting.interfaceName(ID, "autoinstall-interface",
            "Vlan1", "the interface AutoInstall got its DHCP address on, whose address the day-0 removes before addressing the "
                    + "management interface (IOS refuses overlapping subnets); none keeps it (a device variable autoinstall_interface wins)");
    /** {@code ios.save}: save the configuration once after it is applied. */
    public static final PlatformSetting<Boolean> SAVE = PlatformSetting.flag(ID, "save", false,
            "add an EEM applet that runs write memory once, 60 s after the day-0 is applied (AutoInstall does not save)");
    /** {@code ios.default-config}: what an unknown device gets for router-confg. */
    public static final PlatformSetting<String> DEFAULT_CONFIG = PlatformSetting.oneOf(ID, "default-config", "default",
            "what a device nobody knows gets for router-confg and ciscortr.cfg: the safe default config, or nothing",
            "default", "none");

    private static final List<PlatformSetting<?>> SETTINGS = List.of(MGMT_INTERFACE, AUTOINSTALL_INTERFACE, SAVE, DEFAULT_CONFIG);

    /** Creates the adapter (as {@link java.util.ServiceLoader} does). */
    public IosAutoInstallAdapter() {
        super(ID, "Cisco IOS AutoInstall", DAY0_TEMPLATE, DAY0_TEMPLATE, DEFAULT_TEMPLATE);
    }

    @Override
    public List<PlatformSetting<?>> settings() {
        return SETTINGS;
    }

    @Override
    public boolean recognises(DhcpFingerprint dhcp) {
        if (dhcp.vendorClassStartsWith("ciscopnp")) {
            return false;
        }
        byte[] id = dhcp.clientId();
        return id != null && id.length > 7 && id[0] == 0
                && new String(id, 1, id.length - 1, StandardCharsets.US_ASCII).startsWith("cisco-");
    }

    /** Its generated script or boot file carries the device's token on to every file it fetches. */
    @Override
    public boolean carriesDeviceTokens() {
        return true;
    }

    @Override
    public BootOffer bootOffer(PlatformContext context) {
        return new BootOffer(ID, BootOffer.ANY_DEVICE, null, null, true);
    }

    /**
     * Under day-0 access {@code token}, the device's reservation names its own day-0 in option 67,
     * {@code t/<token>/<hostname>-confg}: IOS asks for the file option 67 names before any other.
     */
    @Override
    public Optional<String> deviceBootfile(DeviceRecord device, PlatformContext context) {
        String access = context.access().pathPrefix(device);
        return access.isEmpty() ? Optional.empty() : Optional.of(access + device.hostname() + "-confg");
    }

    @Override
    protected Map<String, Object> defaults(PlatformContext context) {
        Map<String, Object> d = super.defaults(context);
        d.put("mgmt_interface", setting(context, MGMT_INTERFACE));
        d.put("autoinstall_interface", setting(context, AUTOINSTALL_INTERFACE));
        if (setting(context, SAVE)) {
            d.put("save", Boolean.TRUE);
        }
        return d;
    }

    /**
     * As the base, except that {@code autoinstall_interface} is false (its section is left out)
     * when it is {@code none} or the management interface itself: then there is no other
     * interface's address to remove. False rather than absent, so that it wins over a global of
     * that name wherever the scopes are layered.
     */
    @Override
    public Map<String, Object> scope(DeviceRecord device, PlatformContext context) {
        Map<String, Object> scope = super.scope(device, context);
        Object used = scope.get("autoinstall_interface");
        Object mgmt = scope.get("mgmt_interface");
        if (used == null || used.toString().equalsIgnoreCase("none")
                || (mgmt != null && sameInterface(used.toString(), mgmt.toString()))) {
            scope.put("autoinstall_interface", Boolean.FALSE);
        }
        return scope;
    }

    /** {@code Vlan1}, {@code vlan 1} and {@code VLAN1} are one interface to IOS. */
    private static boolean sameInterface(String a, String b) {
        return a.replace(" ", "").equalsIgnoreCase(b.replace(" ", ""));
    }

    /**
     * Names the IOS devices whose host names cut to 8 characters are the same: a device that read
     * {@code cisconet.cfg} asks for {@code <hostname8>.cfg}, which ztp4j then serves to none of them.
     */
    @Override
    public List<String> warnings(Inventory devices, PlatformContext context) {
        Map<String, List<String>> byShortName = new TreeMap<>();
        for (DeviceRecord d : devices.devices()) {
            if (isIos(d)) {
                byShortName.computeIfAbsent(TemplateFileProvider.hostname8(d.hostname()), k -> new ArrayList<>()).add(d.hostname());
            }
        }
        List<String> warnings = new ArrayList<>();
        byShortName.forEach((cut, names) -> {
            if (names.size() > 1) {
                warnings.add("devices " + String.join(", ", names) + " (ios): all would ask for " + cut
                        + ".cfg (IOS cuts host names to 8 characters after reading cisconet.cfg), so " + cut
                        + ".cfg is served to none of them; <hostname>-confg still is, and router-confg by DHCP lease");
            }
        });
        return warnings;
    }

    @Override
    public FileProvider files(PlatformContext context) {
        TemplateSet templates = templates(context);
        checkTemplates(List.of(DAY0_TEMPLATE, DEFAULT_TEMPLATE), context);
        boolean serveDefault = setting(context, DEFAULT_CONFIG).equals("default");
        FileProvider network = new FileProvider() {
            @Override
            public Optional<FileResource> open(FileRequest request) throws IOException {
                return openNetworkConfig(request, context);
            }

            @Override
            public String toString() {
                return "IOS network-confg";
            }
        };
        FileProvider named = named(context, templates);
        FileProvider byLease = new FileProvider() {
            @Override
            public Optional<FileResource> open(FileRequest request) throws IOException {
                return openByLease(request, context, templates, serveDefault);
            }

            @Override
            public String toString() {
                return "IOS default configs by lease";
            }
        };
        return FileProviders.chain(network, named, byLease);
    }

    private TemplateFileProvider named(PlatformContext context, TemplateSet templates) {
        return templateFiles(context, templates)
                .file("{hostname}-confg", DAY0_TEMPLATE)
                .file("{hostname8}.cfg", DAY0_TEMPLATE)
                .build();
    }

    /**
     * {@code network-confg} and {@code cisconet.cfg}: {@code ip host} lines only (Cisco's AI2524
     * manual: the file "maps the IP address of the new router (just obtained dynamically) to the
     * name of the new router", minimal form {@code ip host newrouter 131.108.10.2}); none at all
     * when the inventory holds no IOS device.
     */
    private Optional<FileResource> openNetworkConfig(FileRequest request, PlatformContext context) throws IOException {
        String name = RequestPath.parse(request.path()).toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (!lower.equals("network-confg") && !lower.equals("cisconet.cfg")) {
            return Optional.empty();
        }
        List<DeviceRecord> ios = context.inventory().devices().stream().filter(IosAutoInstallAdapter::isIos).toList();
        if (ios.isEmpty()) {
            return Optional.empty(); // AutoInstall is not in use: the file does not exist
        }
        InetAddress address = request.client() == null ? null : request.client().getAddress();
        Optional<Found> found = byLease(request, context);
        StringBuilder lines = new StringBuilder();
        if (found.isPresent() && address != null) {
            DeviceRecord d = found.get().device();
            lines.append(ipHost(d.hostname(), address));
            DeviceIdentity who = merge(request.identity(), d).withPlatform(ID);
            context.listener().onEvent(new ProvisioningEvent.DeviceIdentified(Instant.now(), who, d, found.get().how()));
            return Optional.of(BytesResource.of(name, lines.toString().getBytes(StandardCharsets.US_ASCII), who));
        }
        if (context.leases() != LeaseLookup.NONE) {
            return Optional.empty(); // leases are read, and none names this requester: no list of the others
        }
        for (DeviceRecord d : ios) {
            if (d.managementAddress() != null) {
                lines.append(ipHost(d.hostname(), d.managementAddress()));
            }
        }
        return Optional.of(BytesResource.of(name, lines.toString().getBytes(StandardCharsets.US_ASCII)));
    }

    private static String ipHost(String hostname, InetAddress address) {
        return "ip host " + hostname + " " + address.getHostAddress() + "\n";
    }

    private Optional<FileResource> openByLease(FileRequest request, PlatformContext context, TemplateSet templates,
                                               boolean serveDefault) throws IOException {
        String name = RequestPath.parse(request.path()).toString();
        String lower = name.toLowerCase(Locale.ROOT);
        boolean isDefault = lower.equals("router-confg") || lower.equals("ciscortr.cfg");
        if (!isDefault && !(lower.endsWith("-confg") && !lower.contains("/") && !lower.equals("network-confg"))) {
            return Optional.empty();
        }
        Optional<Found> found = byLease(request, context);
        if (found.isPresent()) {
            return Optional.of(serveDay0(found.get().device(), name, request.identity(), found.get().how(), context, templates));
        }
        if (!isDefault || !serveDefault) {
            return Optional.empty();
        }
        byte[] content;
        try {
            content = templates.renderBytes(DEFAULT_TEMPLATE, sharedScope(context), request.identity().label());
        } catch (TemplateException e) {
            throw new IOException("cannot render " + name + ": " + e.getMessage(), e);
        }
        context.listener().onEvent(new ProvisioningEvent.ConfigRendered(Instant.now(),
                request.identity().withPlatform(ID), DEFAULT_TEMPLATE, name, content.length));
        return Optional.of(BytesResource.of(name, content));
    }

    @Override
    public Optional<DeviceRecord> identify(FileRequest request, PlatformContext context) {
        Optional<DeviceRecord> named = named(context, templates(context)).device(request.path());
        return named.isPresent() ? named : byLease(request, context).map(Found::device);
    }

    /**
     * The IOS device whose DHCP lease the requester's address is, if the lease lookup knows it.
     * Never by the inventory's management addresses: that is where a device will be, and anyone
     * may ask from there before it is.
     */
    private Optional<Found> byLease(FileRequest request, PlatformContext context) {
        return ByClientAddress.find(request, ID, context);
    }

    private static boolean isIos(DeviceRecord d) {
        return ID.equals(d.platform());
    }
}
