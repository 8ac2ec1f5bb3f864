package org.ztp4j.platform.pnp;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.BootOption;
import org.ztp4j.core.BootServers;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.DhcpFingerprint;
import org.ztp4j.core.FileProvider;
import org.ztp4j.core.FileRequest;
import org.ztp4j.core.FileResource;
import org.ztp4j.core.PlatformContext;
import org.ztp4j.core.PlatformSetting;
import org.ztp4j.core.RequestPath;
import org.ztp4j.core.SerialNumber;
import org.ztp4j.core.http.HttpEndpoint;
import org.ztp4j.core.template.TemplateSet;
import org.ztp4j.platform.TemplatedPlatformAdapter;

/**
 * Cisco Plug and Play: the PnP server side for Catalyst and ISR devices whose DHCP offer names a
 * PnP server in option 43 (or that find {@code pnpserver.<domain>} in DNS).
 *
 * <p><b>How a device is provisioned.</b> A device with no startup-config sends option 60
 * {@code ciscopnp}; the offer's option 43 {@code 5A1N;B2;K4;I<server>;J<port>} sends its PnP agent
 * to this server. The agent calls {@code GET /pnp/HELLO}, then loops: {@code POST /pnp/WORK-REQUEST}
 * (answered with one work item), the work, {@code POST /pnp/WORK-RESPONSE} (its result, answered
 * with a bye). The server keeps each device's progress by the serial of its UDI and hands out, in
 * turn: device-info; image-install when {@link #IMAGE pnp.image} is set and the device runs another
 * image (the device reloads into it, and device-info confirms it); config-upgrade copying the
 * device's day-0 from {@code ztp/pnp/<SERIAL>.cfg} (over HTTPS when the agent came over HTTPS);
 * then a backoff that ends the session. A failed step is reported
 * ({@link org.ztp4j.core.ProvisioningEvent.DeviceReported DeviceReported}, failure) and retried after a
 * backoff; the config-upgrade's success is reported too, with
 * {@link org.ztp4j.core.ProvisioningEvent.DeviceReachable DeviceReachable}. A serial that is not an
 * inventory device of platform {@code pnp} gets a backoff and nothing else.
 *
 * <p><b>The day-0</b> is the IOS-XE reachability day-0 (template {@code iosxe/day0.cfg}: host name,
 * domain, privilege-15 user, the management interface's address in its VRF and the default route,
 * RSA keys, SSH on the VTY lines), with this platform's own management settings.
 *
 * <p><b>Settings</b> ({@code pnp.*}, declared in {@link #settings()}): {@link #TRANSPORT pnp.transport}
 * (option 43 names the HTTP or the HTTPS server), {@link #DISCOVERY pnp.discovery} (option 43, or
 * {@value #DNS_NAME}{@code .<domain>} in DNS), {@link #APPLY_TO pnp.apply-to} ({@code running}:
 * merged at once, not saved; {@code startup}: written to startup-config and the device reloads into it),
 * {@link #IMAGE pnp.image} with {@link #IMAGE_MD5 pnp.image-md5}, {@link #BACKOFF pnp.backoff-minutes},
 * {@link #MGMT_INTERFACE pnp.mgmt-interface}, {@link #MGMT_VRF pnp.mgmt-vrf}.
 */
public final class PnpAdapter extends TemplatedPlatformAdapter {

    /** The platform id, also the settings prefix. */
    public static final String ID = "pnp";
    /** Where the PnP agent talks to the server. */
    public static final String PREFIX = "/pnp";
    /** The day-0 template, shared with IOS-XE ZTP. */
    public static final String DAY0_TEMPLATE = "iosxe/day0.cfg";
    /**
     * The host name a device without option 43 looks up in its offered domain ({@code pnpserver.<domain>}).
     */
    public static final String DNS_NAME = "pnpserver";
    /** Option 60 as the device sends it. */
    public static final String VENDOR_CLASS = "ciscopnp";

    private static final Pattern DAY0_FILE = Pattern.compile("ztp/pnp/([^/]+)\\.cfg", Pattern.CASE_INSENSITIVE);

    /** {@code pnp.transport}: what option 43 sends the agent to. */
    public static final PlatformSetting<String> TRANSPORT = PlatformSetting.oneOf(ID, "transport", "http",
            "what option 43 sends the PnP agent to: the HTTP server (K4) or the HTTPS server (K5)", "http", "https");
    /** The {@link #DISCOVERY pnp.discovery} value by which devices find the server as {@value #DNS_NAME}{@code .<domain>}. */
    public static final String DISCOVERY_DNS = "dns";
    /** {@code pnp.discovery}: how devices find the server. */
    public static final PlatformSetting<String> DISCOVERY = PlatformSetting.oneOf(ID, "discovery", "dhcp",
            "dhcp: the offer's option 43 names the server; dns: the offer has no option 43, and the devices look up "
                    + DNS_NAME + ".<domain> (option 15) with the offered DNS server (option 6) and use HTTPS on port 443, "
                    + "then HTTP on port 80", "dhcp", DISCOVERY_DNS);
    /** {@code pnp.apply-to}: which configuration the day-0 goes to. */
    public static final PlatformSetting<String> APPLY_TO = PlatformSetting.oneOf(ID, "apply-to", "running",
            "running: the day-0 is merged into the running-config at once (not saved); startup: it is written to the "
                    + "startup-config and the device reloads into it", "running", "startup");
    /** {@code pnp.image}: an image to install before the day-0. */
    public static final PlatformSetting<String> IMAGE = PlatformSetting.fileName(ID, "image",
            "an image under the served root that devices running another image install (image-install, then a reload) "
                    + "before the day-0; needs pnp.image-md5; not set: no upgrade");
    /** {@code pnp.image-md5}: the image's MD5, which the agent checks. */
    public static final PlatformSetting<String> IMAGE_MD5 = PlatformSetting.text(ID, "image-md5", null,
            "the MD5 of pnp.image (ztp checksum prints it); the agent refuses an image that does not match",
            "[0-9A-Fa-f]{32}", "32 hex digits");
    /** {@code pnp.backoff-minutes}: how long devices wait before they ask again. */
    public static final PlatformSetting<Integer> BACKOFF = PlatformSetting.integer(ID, "backoff-minutes", 5, 1, 2879,
            "how long a device the inventory does not know, or whose step failed, waits before its next work request");
    /** {@code pnp.mgmt-interface}: the interface the day-0 addresses. */
    public static final PlatformSetting<String> MGMT_INTERFACE = PlatformSetting.interfaceName(ID, "mgmt-interface",
            "GigabitEthernet0/0", "the management interface the day-0 gives the address to (a device variable mgmt_interface wins)");
    /** {@code pnp.mgmt-vrf}: the management interface's VRF. */
    public static final PlatformSetting<String> MGMT_VRF = PlatformSetting.text(ID, "mgmt-vrf", "Mgmt-vrf",
            "the management interface's VRF, or none (the inventory's mgmt_vrf wins)", "[A-Za-z0-9_.-]{1,32}",
            "a VRF name, or none");

    private static final List<PlatformSetting<?>> SETTINGS = List.of(TRANSPORT, DISCOVERY, APPLY_TO, IMAGE, IMAGE_MD5, BACKOFF,
            MGMT_INTERFACE, MGMT_VRF);

    /** Creates the adapter (as {@link java.util.ServiceLoader} does). */
    public PnpAdapter() {
        super(ID, "Cisco Plug and Play", DAY0_TEMPLATE, DAY0_TEMPLATE);
    }

    @Override
    public List<PlatformSetting<?>> settings() {
        return SETTINGS;
    }

    @Override
    public boolean recognises(DhcpFingerprint dhcp) {
        return dhcp.vendorClassStartsWith(VENDOR_CLASS);
    }

    /**
     * Option 60 {@code ciscopnp} gets option 43 naming this server's HTTP (or, with
     * {@code pnp.transport=https}, HTTPS) address and port; no boot file, no TFTP server. With
     * {@code pnp.discovery=dns} the offer carries nothing of its own: the device finds the server as
     * {@value #DNS_NAME}{@code .<domain>}, a record of the network's DNS.
     *
     * @throws IllegalArgumentException naming the setting when there is no server of that kind
     */
    @Override
    public BootOffer bootOffer(PlatformContext context) {
        if (setting(context, DISCOVERY).equals(DISCOVERY_DNS)) {
            return BootOffer.builder(ID).matchVendorClass(VENDOR_CLASS).build();
        }
        boolean https = setting(context, TRANSPORT).equals("https");
        BootServers servers = context.servers();
        URI base = https ? servers.httpsBase() : servers.httpBase();
        if (base == null) {
            throw new IllegalArgumentException("setting pnp.transport=" + (https ? "https" : "http") + ": Cisco PnP needs an "
                    + (https ? "HTTPS" : "HTTP") + " server, and none is configured");
        }
        int port = base.getPort() > 0 ? base.getPort() : https ? 443 : 80;
        String host = base.getHost();
        if (host.startsWith("[")) {
            throw new IllegalArgumentException("Cisco PnP option 43: the server " + host + " is IPv6; option 43 names an IPv4 address or a host name");
        }
        return BootOffer.builder(ID).matchVendorClass(VENDOR_CLASS)
                .option(BootOption.ciscoPnp(host, port, https))
                .build();
    }

    @Override
    protected Map<String, Object> defaults(PlatformContext context) {
        Map<String, Object> d = super.defaults(context);
        d.put("mgmt_interface", setting(context, MGMT_INTERFACE));
        String vrf = setting(context, MGMT_VRF);
        if (!vrf.equalsIgnoreCase("none")) {
            d.put("mgmt_vrf", vrf);
        }
        return d;
    }

    @Override
    public FileProvider files(PlatformContext context) {
        plan(context); // refuses pnp.image without pnp.image-md5 when the server starts
        TemplateSet templates = templates(context);
        checkTemplates(List.of(DAY0_TEMPLATE), context);
        return new FileProvider() {
            @Override
            public Optional<FileResource> open(FileRequest request) throws IOException {
                Optional<DeviceRecord> device = identify(request, context);
                if (device.isEmpty()) {
                    return Optional.empty();
                }
                String name = RequestPath.parse(request.path()).toString();
                return Optional.of(serveDay0(device.get(), name, request.identity(), "file name " + name, context, templates));
            }

            @Override
            public String toString() {
                return "PnP day-0 configs by serial";
            }
        };
    }

    @Override
    public Optional<DeviceRecord> identify(FileRequest request, PlatformContext context) {
        return identifyBySerial(DAY0_FILE, request, context);
    }

    @Override
    public List<String> httpPrefixes() {
        return List.of(PREFIX);
    }

    /**
     * The PnP server. The endpoints of one context (its HTTP and its HTTPS server) share every
     * device's progress.
     */
    @Override
    public HttpEndpoint httpEndpoint(String prefix, PlatformContext context) {
        if (!PREFIX.equals(prefix)) {
            throw new IllegalArgumentException("pnp: no HTTP endpoint at '" + prefix + "' (only " + PREFIX + ")");
        }
        return new PnpEndpoint(context, sessions(context), plan(context));
    }

    /**
     * @param serial a device's serial
     * @return the served path of its day-0, which config-upgrade tells the agent to copy
     */
    public static String day0Path(SerialNumber serial) {
        return "ztp/pnp/" + serial.value() + ".cfg";
    }

    private PnpEndpoint.Plan plan(PlatformContext context) {
        String image = setting(context, IMAGE);
        String md5 = setting(context, IMAGE_MD5);
        if (image != null && md5 == null) {
            throw new IllegalArgumentException("setting pnp.image=" + image + ": needs pnp.image-md5 too (the agent checks the "
                    + "image against it; ztp checksum " + image + " prints it)");
        }
        if (image == null && md5 != null) {
            throw new IllegalArgumentException("setting pnp.image-md5: given without pnp.image");
        }
        return new PnpEndpoint.Plan(image, md5 == null ? null : md5.toLowerCase(Locale.ROOT),
                setting(context, APPLY_TO).equals("startup"), setting(context, BACKOFF));
    }

    private record Sessions(PlatformContext context, ConcurrentMap<SerialNumber, PnpSession> bySerial) {
    }

    private volatile Sessions sessions;

    private synchronized ConcurrentMap<SerialNumber, PnpSession> sessions(PlatformContext context) {
        Sessions s = sessions;
        if (s == null || s.context() != context) {
            s = new Sessions(context, new ConcurrentHashMap<>());
            sessions = s;
        }
        return s.bySerial();
    }
}
