package org.ztp4j.platform.iosxe;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.BootServers;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.DhcpFingerprint;
import org.ztp4j.core.FileProvider;
import org.ztp4j.core.FileRequest;
import org.ztp4j.core.FileResource;
import org.ztp4j.core.RequestPath;
import org.ztp4j.core.PlatformContext;
import org.ztp4j.core.PlatformSetting;
import org.ztp4j.core.template.TemplateSet;
import org.ztp4j.platform.DeviceReportHandler;
import org.ztp4j.core.files.FileProviders;
import org.ztp4j.core.files.Md5SidecarProvider;
import org.ztp4j.platform.TemplatedPlatformAdapter;

/**
 * Cisco IOS-XE Zero-Touch Provisioning (16.5 and later; Catalyst 9000, ISR, ASR): the device runs
 * a Python script in Guest Shell.
 *
 * <p><b>DHCP.</b> The device sends option 60 {@code ciscopnp}. The offer's option 67 is the script's
 * HTTP URL, {@code <httpBase>/ztp/iosxe.py}; with {@code iosxe.transfer=tftp} (or when there is no
 * HTTP server) it is the file name {@code ztp/iosxe.py} and the TFTP server goes in options 66/150.
 * Do not send option 43 to these devices: an offer with a PnP option 43 sends them to Cisco Plug and
 * Play (Catalyst Center) instead of ZTP.
 *
 * <p><b>Files served:</b> {@code ztp/iosxe.py} (template {@code iosxe/ztp.py}),
 * {@code ztp/day0/<SERIAL>.cfg} (template {@code iosxe/day0.cfg}), and {@code X.md5} for each.
 * <b>Endpoint:</b> {@code POST /ztp/report/<SERIAL>} ({@link DeviceReportHandler}), which the script
 * calls with its result; a success means the day-0 is applied and saved, so the device is reachable.
 *
 * <p><b>The script</b> reads the serials from {@code show version} and {@code show inventory} (every
 * member of a stack, first the active one; its first CLI call is retried while the PnP agent still
 * holds the socket after boot) and fetches the first {@code ztp/day0/<SERIAL>.cfg} the server has
 * with {@code copy <url> flash:ztp-day0.cfg} (the device's own copy, which works whether Guest Shell
 * has a network or not; when a plain copy fails it copies through the management port: TFTP with
 * {@code vrf <VRF>}, HTTP with {@code ip http client source-interface}). It applies the day-0 with
 * {@code cli.configure}, deletes it from flash (it holds the admin password), and runs
 * {@code write memory} only when the device took every line, whichever way the release reports a
 * refused line; otherwise it reports the refused lines as a failure. With {@code iosxe.image} it
 * checks that the device boots in install mode, fetches the image and its sidecar, checks it with
 * {@code verify /md5 flash:<image> <md5>} and the room left on flash, configures an EEM applet that
 * runs {@code install add file flash:<image> activate commit prompt-level none}, reports, and starts
 * the applet as its last command: the install (and the reload) happens after the script has ended.
 *
 * <p><b>The day-0</b>: host name, {@code ip domain name} (global {@code domain_name}), a privilege-15
 * user, the management interface's address in the management VRF with its default route,
 * {@code crypto key generate rsa general-keys modulus 2048}, {@code ip ssh version 2}, and
 * {@code line vty 0 4} with {@code login local} and {@code transport input ssh}.
 *
 * <p><b>Models.</b> An inventory variable {@code model} (the product ID: {@code C9300-24T},
 * {@code ISR4431/K9}, {@code ASR1001-X}) picks the management port: ISR 4000 and ASR 1000 routers
 * have {@code GigabitEthernet0} in VRF {@code Mgmt-intf}; other models get the settings below. A
 * device's own {@code mgmt_interface} variable and {@code mgmt_vrf} column win over both. A
 * Catalyst 9200L ({@code C9200L-...}) has no IOS-XE ZTP: on this platform it is an inventory error
 * that says to use platform {@code ios} (AutoInstall).
 *
 * <p><b>Settings</b> ({@code iosxe.*}, declared in {@link #settings()}):
 * <table>
 *   <caption>IOS-XE ZTP settings</caption>
 *   <tr><th>setting</th><th>values</th><th>default</th></tr>
 *   <tr><td>{@link #TRANSFER iosxe.transfer}</td><td>{@code http}, {@code tftp}: how option 67 names the script and how the script fetches files</td><td>{@code http}</td></tr>
 *   <tr><td>{@link #IMAGE iosxe.image}</td><td>an image file name under the served root, installed after the script by an EEM applet</td><td>off</td></tr>
 *   <tr><td>{@link #MGMT_INTERFACE iosxe.mgmt-interface}</td><td>the management interface of models other than ISR/ASR routers (a device variable {@code mgmt_interface} wins)</td><td>{@code GigabitEthernet0/0}</td></tr>
 *   <tr><td>{@link #MGMT_VRF iosxe.mgmt-vrf}</td><td>its VRF, or {@code none} (the inventory's {@code mgmt_vrf} wins)</td><td>{@code Mgmt-vrf}</td></tr>
 *   <tr><td>{@link #NETCONF iosxe.netconf}</td><td>{@code true} adds {@code netconf-yang}</td><td>{@code false}</td></tr>
 * </table>
 */
public final class IosXeZtpAdapter extends TemplatedPlatformAdapter {

    /** The platform id, also the settings prefix. */
    public static final String ID = "iosxe";
    /** The script's path. */
    public static final String SCRIPT = "ztp/iosxe.py";
    /** The script's template. */
    public static final String SCRIPT_TEMPLATE = "iosxe/ztp.py";
    /** The day-0 template. */
    public static final String DAY0_TEMPLATE = "iosxe/day0.cfg";
    /** Where the script reports: {@code POST /ztp/report/<SERIAL>}. */
    public static final String REPORT_PREFIX = "/ztp/report";
    /** Option 60 as the device sends it. */
    public static final String VENDOR_CLASS = "ciscopnp";
    /** The inventory variable that names a device's model (its product ID), such as {@code ISR4431/K9}. */
    public static final String MODEL = "model";

    private static final Pattern DAY0_PATH = Pattern.compile("ztp/day0/([^/]+)\\.cfg(\\.md5)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern DAY0_FILE = Pattern.compile("ztp/day0/([^/]+)\\.cfg", Pattern.CASE_INSENSITIVE);

    /** {@code iosxe.transfer}: how option 67 names the script and how the script fetches files. */
    public static final PlatformSetting<String> TRANSFER = PlatformSetting.oneOf(ID, "transfer", "http",
            "how option 67 names the script (its URL, or a file name with the TFTP server in 66/150) and how the script "
                    + "fetches files", "http", "tftp");
    /** {@code iosxe.image}: an image to install after the day-0. */
    public static final PlatformSetting<String> IMAGE = PlatformSetting.fileName(ID, "image",
            "an image under the served root that an EEM applet installs (install add ... activate commit) after the "
                    + "script has applied and saved the day-0; not set: no upgrade");
    /** {@code iosxe.mgmt-interface}: the interface the day-0 addresses. */
    public static final PlatformSetting<String> MGMT_INTERFACE = PlatformSetting.interfaceName(ID, "mgmt-interface",
            "GigabitEthernet0/0", "the management interface the day-0 gives the address to, on models other than ISR 4000 and "
                    + "ASR 1000 routers (GigabitEthernet0); a device variable mgmt_interface wins");
    /** {@code iosxe.mgmt-vrf}: the management interface's VRF. */
    public static final PlatformSetting<String> MGMT_VRF = PlatformSetting.text(ID, "mgmt-vrf", "Mgmt-vrf",
            "the management interface's VRF, or none, on models other than ISR 4000 and ASR 1000 routers (Mgmt-intf); the "
                    + "inventory's mgmt_vrf wins", "[A-Za-z0-9_.-]{1,32}",
            "a VRF name, or none");
    /** {@code iosxe.netconf}: switch NETCONF on. */
    public static final PlatformSetting<Boolean> NETCONF = PlatformSetting.flag(ID, "netconf", false,
            "add netconf-yang to the day-0");

    private static final List<PlatformSetting<?>> SETTINGS = List.of(TRANSFER, IMAGE, MGMT_INTERFACE, MGMT_VRF, NETCONF);

    /** Creates the adapter (as {@link java.util.ServiceLoader} does). */
    public IosXeZtpAdapter() {
        super(ID, "Cisco IOS-XE ZTP", DAY0_TEMPLATE, DAY0_TEMPLATE, SCRIPT_TEMPLATE);
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
     * {@code iosxe.transfer=tftp} (or no HTTP server) names the script by file name and the TFTP
     * server; otherwise option 67 is the script's URL.
     */
    /** Its generated script or boot file carries the device's token on to every file it fetches. */
    @Override
    public boolean carriesDeviceTokens() {
        return true;
    }

    @Override
    public BootOffer bootOffer(PlatformContext context) {
        BootServers servers = context.servers();
        boolean tftp = setting(context, TRANSFER).equals("tftp") || servers.httpBase() == null;
        return tftp
                ? new BootOffer(ID, BootOffer.VENDOR_CLASS, VENDOR_CLASS, SCRIPT, true)
                : new BootOffer(ID, BootOffer.VENDOR_CLASS, VENDOR_CLASS, servers.httpUrl(SCRIPT), false);
    }

    @Override
    protected Map<String, Object> defaults(PlatformContext context) {
        Map<String, Object> d = super.defaults(context);
        d.put("mgmt_interface", setting(context, MGMT_INTERFACE));
        String vrf = setting(context, MGMT_VRF);
        if (!vrf.equalsIgnoreCase("none")) {
            d.put("mgmt_vrf", vrf);
        }
        if (setting(context, NETCONF)) {
            d.put("netconf", Boolean.TRUE);
        }
        return d;
    }

    /**
     * The day-0's variables for one device: the management port follows its {@code model} (ISR 4000
     * and ASR 1000 routers: {@code GigabitEthernet0} in {@code Mgmt-intf}) unless the device or the
     * globals name it.
     *
     * @throws IllegalArgumentException for a Catalyst 9200L, which has no IOS-XE ZTP (an inventory
     *                                  error naming the device)
     */
    @Override
    public Map<String, Object> scope(DeviceRecord device, PlatformContext context) {
        Map<String, Object> scope = super.scope(device, context);
        String model = device.variables().get(MODEL);
        if (model != null) {
            ManagementPort.forModel(model).ifPresent(port -> {
                if (!device.variables().containsKey("mgmt_interface") && !context.globals().containsKey("mgmt_interface")) {
                    scope.put("mgmt_interface", port.interfaceName());
                }
                if ((device.vrf() == null || device.vrf().isBlank()) && !context.globals().containsKey("mgmt_vrf")) {
                    scope.put("mgmt_vrf", port.vrf());
                }
            });
        }
        return scope;
    }

    @Override
    public FileProvider files(PlatformContext context) {
        TemplateSet templates = templates(context);
        checkTemplates(List.of(SCRIPT_TEMPLATE, DAY0_TEMPLATE), context);
        FileProvider script = templateFiles(context, templates)
                .globals(scriptVariables(context))
                .file(SCRIPT, SCRIPT_TEMPLATE)
                .build();
        // Rendered with scope(...), so that the management port follows the device's model; the
        // first line gives the script its device's token, the proof its report needs.
        FileProvider day0 = day0BySerialWithToken(DAY0_FILE, context, templates);
        return new Md5SidecarProvider(FileProviders.chain(script, day0));
    }

    /**
     * The script this adapter serves, rendered, for a look.
     *
     * @param context the context
     * @return the script's text
     */
    public String script(PlatformContext context) {
        Map<String, Object> scope = sharedScope(context);
        scope.putAll(scriptVariables(context));
        return templates(context).render(SCRIPT_TEMPLATE, scope, null);
    }

    /** @return {@value #REPORT_PREFIX}, served by {@link DeviceReportHandler} */
    @Override
    protected String reportPrefix() {
        return REPORT_PREFIX;
    }

    @Override
    public Optional<DeviceRecord> identify(FileRequest request, PlatformContext context) {
        return identifyBySerial(DAY0_PATH, request, context);
    }

    private Map<String, Object> scriptVariables(PlatformContext context) {
        String transfer = setting(context, TRANSFER);
        BootServers servers = context.servers();
        String files;
        if (transfer.equals("http") && servers.httpBase() != null) {
            files = servers.httpBase().toString();
        } else {
            files = "tftp://" + servers.tftpAuthority();
        }
        String report = servers.httpBase() == null ? "" : servers.httpUrl(REPORT_PREFIX);
        String image = setting(context, IMAGE);
        return Map.of("files_base", files, "report_base", report, "image", image == null ? "" : image);
    }
}
