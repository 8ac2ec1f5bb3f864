package org.ztp4j.platform.srlinux;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.BootServers;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.DhcpFingerprint;
import org.ztp4j.core.FileProvider;
import org.ztp4j.core.FileRequest;
import org.ztp4j.core.PlatformContext;
import org.ztp4j.core.PlatformSetting;
import org.ztp4j.core.files.FileProviders;
import org.ztp4j.core.template.TemplateSet;
import org.ztp4j.platform.DeviceReportHandler;
import org.ztp4j.platform.TemplatedPlatformAdapter;

/**
 * Nokia SR Linux Zero Touch Provisioning.
 *
 * <p><b>DHCP</b> (SR Linux Software Installation Guide, "Zero Touch Provisioning"): a node whose
 * auto-boot flag is set (the factory default) asks DHCP on its management port and takes the URL
 * of a Python provisioning script from option 67 (HTTP, HTTPS, TFTP or FTP); its ZTP process
 * downloads the script and runs it. The option 60 text SR Linux sends is not documented there, so
 * two offers carry the script: each inventory device's own reservation (by MAC) names its own
 * script, {@code srlinux/provision/<SERIAL>.py}, whatever the node sends; and the platform's class,
 * option 60 starting with {@code srlinux.vendor-class}, names the shared
 * {@value #SCRIPT}, which is each node's own script, the node told apart by the DHCP lease of its
 * source address (never by an inventory management address).
 *
 * <p><b>The script</b> (template {@value #DAY0_TEMPLATE}, the day-0): Python, run by the ZTP
 * process. With {@code srlinux.image} it first asks the ZTP process ({@code ztpclient.APIClient},
 * the ZTP Python library) for the running release and, when it is not {@code srlinux.release},
 * has it install the image with {@code image_upgrade(url, md5_url)}, which checks the image
 * against the {@code .md5} beside it. It then pipes the reachability day-0 to {@code sr_cli} in a
 * candidate: host name, {@code mgmt0.0}'s static address in place of its DHCP client, a
 * next-hop group and default route in network-instance {@code mgmt}, the admin user's password
 * (SR Linux takes it as cleartext and stores only a hash), SSH in {@code mgmt}, and
 * {@code commit save}. It turns auto-boot off ({@code option_autoboot(ZtpStatus.disable)}) and
 * reports to {@code POST /srlinux/report/<SERIAL>} with its device token
 * ({@link DeviceReportHandler}); it exits 0 on success.
 *
 * <p><b>Settings</b> ({@code srlinux.*}):
 * <table>
 *   <caption>Nokia SR Linux ZTP settings</caption>
 *   <tr><th>setting</th><th>values</th><th>default</th></tr>
 *   <tr><td>{@link #VENDOR_CLASS srlinux.vendor-class}</td><td>what option 60 starts with, for the class offer</td>
 *       <td>{@code NOKIA}</td></tr>
 *   <tr><td>{@link #IMAGE srlinux.image}</td><td>an image under the served root, installed by the ZTP process after its
 *       MD5 check when the node runs another release than {@code srlinux.release}</td><td>off</td></tr>
 *   <tr><td>{@link #RELEASE srlinux.release}</td><td>the release {@code srlinux.image} holds, such as {@code 24.10.1}</td><td>none</td></tr>
 * </table>
 */
public final class SrLinuxZtpAdapter extends TemplatedPlatformAdapter {

    /** The platform id, also the settings prefix. */
    public static final String ID = "srlinux";
    /** The script the class offer names: each node's own, told apart by its lease. */
    public static final String SCRIPT = "srlinux/provision.py";
    /** The day-0 template: the whole provisioning script. */
    public static final String DAY0_TEMPLATE = "srlinux/provision.py";
    /** Where the script reports: {@code POST /srlinux/report/<SERIAL>}. */
    public static final String REPORT_PREFIX = "/srlinux/report";
    /** SR Linux's built-in administrator, whose password is {@code system aaa authentication admin-user}. */
    public static final String ADMIN = "admin";
    /** User names SR Linux keeps for itself: no local user may take them. */
    public static final Set<String> RESERVED_USERS = Set.of("root", "linuxadmin", "srlinux");

    /** {@code srlinux.vendor-class}: what option 60 starts with. */
    public static final PlatformSetting<String> VENDOR_CLASS = PlatformSetting.text(ID, "vendor-class", "NOKIA",
            "what the nodes' option 60 starts with, which the DHCP class matches; every inventory node's own reservation "
                    + "names its script whatever it sends",
            "[A-Za-z0-9][A-Za-z0-9 :._-]{0,63}", "text of letters, digits, blanks and : . _ -");
    /** {@code srlinux.image}: an image to install. */
    public static final PlatformSetting<String> IMAGE = PlatformSetting.fileName(ID, "image",
            "an image under the served root that the script has the ZTP process install (image_upgrade, checked against its "
                    + ".md5) on a node whose release is not srlinux.release; not set: no upgrade");
    /** {@code srlinux.release}: the release the image holds. */
    public static final PlatformSetting<String> RELEASE = PlatformSetting.text(ID, "release", null,
            "the release srlinux.image holds, as the ZTP process lists the running image, such as 24.10.1",
            "[0-9]+(\\.[0-9]+){1,3}(-[0-9]+)?", "a release number such as 24.10.1");

    private static final List<PlatformSetting<?>> SETTINGS = List.of(VENDOR_CLASS, IMAGE, RELEASE);
    private static final Pattern DEVICE_PATH = Pattern.compile("srlinux/provision/([^/]+)\\.py", Pattern.CASE_INSENSITIVE);
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}");

    /** Creates the adapter (as {@link java.util.ServiceLoader} does). */
    public SrLinuxZtpAdapter() {
        super(ID, "Nokia SR Linux ZTP", DAY0_TEMPLATE, DAY0_TEMPLATE);
    }

    @Override
    public List<PlatformSetting<?>> settings() {
        return SETTINGS;
    }

    /** Option 60 starting with {@code NOKIA} (any case): the default of {@code srlinux.vendor-class}. */
    @Override
    public boolean recognises(DhcpFingerprint dhcp) {
        return dhcp.vendorClassStartsWith(VENDOR_CLASS.defaultValue());
    }

    /** Each node's own script carries its token in its URL, and the script fetches nothing per-device after it. */
    @Override
    public boolean carriesDeviceTokens() {
        return true;
    }

    /**
     * Matched on option 60; option 67 the shared script's URL.
     *
     * @throws IllegalStateException when there is no HTTP server: the script reports over HTTP
     */
    @Override
    public BootOffer bootOffer(PlatformContext context) {
        return BootOffer.builder(ID).matchVendorClass(setting(context, VENDOR_CLASS))
                .bootfile(needsHttp(context).httpUrl(SCRIPT)).build();
    }

    /**
     * Every node's reservation names its own script, {@code srlinux/provision/<SERIAL>.py} (under
     * day-0 access token with its {@code t/<token>/}): the node gets it whatever option 60 it sends.
     */
    @Override
    public Optional<String> deviceBootfile(DeviceRecord device, PlatformContext context) {
        if (device.serial() == null) {
            return Optional.empty();
        }
        String own = needsHttp(context).httpUrl("srlinux/provision/" + device.serial() + ".py");
        return Optional.of(context.access().bootfile(own, device));
    }

    @Override
    protected Map<String, Object> defaults(PlatformContext context) {
        Map<String, Object> d = super.defaults(context);
        putHttpBases(d, context);
        putImageWithRelease(d, IMAGE, RELEASE, "24.10.1", context);
        return d;
    }

    /**
     * The day-0's variables, with {@code admin_builtin} when {@code admin_user} is SR Linux's own
     * {@value #ADMIN} (whose password is {@code admin-user}'s, not a local user's). Every render goes through here, so the inventory load names a device whose
     * user or password SR Linux would refuse before any node asks.
     *
     * @throws IllegalArgumentException naming the device when {@code admin_user} is reserved or not a
     *                                  SR Linux user name, or {@code admin_password} cannot be one CLI word
     */
    @Override
    public Map<String, Object> scope(DeviceRecord device, PlatformContext context) {
        // under day-0 access token the node's own reservation names its script by serial
        requireSerialUnderToken("srlinux/provision/{serial}.py", device, context);
        Map<String, Object> scope = super.scope(device, context);
        Object user = scope.get("admin_user");
        Object password = scope.get("admin_password");
        if (user != null && password != null) {
            check(device, user.toString(), password.toString());
            if (ADMIN.equals(user.toString())) {
                scope.put("admin_builtin", Boolean.TRUE);
            }
        }
        return scope;
    }

    private static void check(DeviceRecord device, String user, String password) {
        if (!USER.matcher(user).matches() || RESERVED_USERS.contains(user.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("admin_user for " + device.hostname() + " cannot be a SR Linux local user: "
                    + (USER.matcher(user).matches() ? "root, linuxadmin and srlinux are reserved"
                    : "1 to 32 letters, digits, _ . - (not starting with . or -)"));
        }
        if (password.isEmpty() || password.chars().anyMatch(c -> c <= ' ' || c >= 0x7f || c == '"' || c == '\'' || c == '\\')) {
            throw new IllegalArgumentException("admin_password for " + device.hostname() + " cannot go on a sr_cli line as"
                    + " one word: it must be printable ASCII without blanks, quotes or backslashes");
        }
    }

    @Override
    public FileProvider files(PlatformContext context) {
        TemplateSet templates = templates(context);
        checkTemplates(List.of(DAY0_TEMPLATE), context);
        FileProvider bySerial = templateFiles(context, templates)
                .file("srlinux/provision/{serial}.py", DAY0_TEMPLATE)
                .build();
        return FileProviders.chain(bySerial, day0ByClientAddress(SCRIPT, context, templates));
    }

    @Override
    public Optional<DeviceRecord> identify(FileRequest request, PlatformContext context) {
        Optional<DeviceRecord> bySerial = identifyBySerial(DEVICE_PATH, request, context);
        return bySerial.isPresent() ? bySerial : identifyByClientAddress(SCRIPT, request, context);
    }

    /** @return {@value #REPORT_PREFIX}, served by {@link DeviceReportHandler} */
    @Override
    protected String reportPrefix() {
        return REPORT_PREFIX;
    }

    private static BootServers needsHttp(PlatformContext context) {
        BootServers servers = context.servers();
        if (servers.httpBase() == null) {
            throw new IllegalStateException("srlinux needs an HTTP server (BootServers.httpBase): the script reports over HTTP");
        }
        return servers;
    }
}
