package org.ztp4j.platform.nxos;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.BootServers;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.DhcpFingerprint;
import org.ztp4j.core.FileProvider;
import org.ztp4j.core.FileRequest;
import org.ztp4j.core.MacAddress;
import org.ztp4j.core.PlatformContext;
import org.ztp4j.core.PlatformSetting;
import org.ztp4j.core.RejectedPathException;
import org.ztp4j.core.RequestPath;
import org.ztp4j.core.SerialNumber;
import org.ztp4j.core.checksum.PoapScript;
import org.ztp4j.core.template.TemplateSet;
import org.ztp4j.core.files.Md5SidecarProvider;
import org.ztp4j.platform.TemplatedPlatformAdapter;

/**
 * Cisco NX-OS PowerOn Auto Provisioning (POAP).
 *
 * <p><b>DHCP.</b> A Nexus switch in POAP sends option 77 (user class) {@code Cisco-POAP} (NX-OS
 * 7.0(3)I7(4) and later) and option 61 = a 0x00 type byte and its serial as text (Cisco's NX-OS
 * Fundamentals guide). It is recognised by either; a client id of that form with option 60
 * {@code ciscopnp} is an IOS-XE device and is left to that adapter. The offer names the TFTP
 * server (options 66/150 and next-server) and option 67 = {@code poap.py}. The script itself always
 * comes over TFTP: NX-OS takes HTTP for the script only as {@code http://server} in option 66 with
 * the path in option 67, which {@link BootOffer} cannot express (it has no option 66 text of its
 * own); with {@code nxos.transfer=http} the script fetches everything else over HTTP.
 *
 * <p><b>Files served</b> (names compared without case):
 * <ul>
 *   <li>{@code poap.py}: the POAP script, rendered from template {@code nxos/poap.py} and stamped
 *       with its {@code #md5sum} line ({@link PoapScript}) on every render, so an edited template
 *       never yields a script the switch refuses;</li>
 *   <li>{@code conf.<SERIAL>}, {@code conf_<MAC12HEX>.cfg}, {@code conf_<hostname>.cfg}: the day-0,
 *       rendered from {@code nxos/day0.cfg};</li>
 *   <li>{@code X.md5} for each of these: {@code <md5>  X}, computed on request.</li>
 * </ul>
 *
 * <p><b>The day-0</b> makes the switch reachable and nothing more: host name, {@code feature ssh},
 * a {@code network-admin} user ({@code admin_user}, {@code admin_password} from the globals or the
 * device), a default route in VRF {@code management}, and {@code mgmt0}'s address. A full
 * configuration is an opt-in: put your own {@code nxos/day0.cfg} in the template folder. NX-OS
 * checks password strength by default, so {@link #day0Config} refuses an admin password the switch
 * would refuse, naming the rule (see there).
 *
 * <p><b>The script</b> reads the environment POAP sets ({@code POAP_SERIAL}, {@code POAP_MAC},
 * {@code POAP_HOST_NAME}, {@code POAP_VRF}, {@code POAP_PID}, ...), downloads its day-0 with
 * {@code copy <proto>://<server>/<file> bootflash:<file>.part vrf <vrf>}, checks the {@code .md5}
 * sidecar, optionally downloads and verifies an image (after checking {@code dir bootflash:} for
 * {@code nxos.required-space}) and sets {@code boot nxos} (ignoring SIGTERM from then on, and trying
 * {@code copy running-config startup-config} again every 30 s while the switch refuses it), then
 * runs {@code copy bootflash:<file> scheduled-config} and deletes the day-0 from bootflash. It logs
 * to {@code /bootflash/<yyyyMMddHHmmss>_poap_<pid>_script.log} and to syslog, keeping the newest 4
 * script logs, as Cisco's own script does, and exits 1 on any failure (the switch then retries
 * POAP), removing what it downloaded. The USB phase of POAP ({@code POAP_PHASE=USB}) is not
 * handled: the script always downloads from the server.
 *
 * <p><b>Settings</b> ({@code nxos.*}, declared in {@link #settings()}):
 * <table>
 *   <caption>NX-OS POAP settings</caption>
 *   <tr><th>setting</th><th>values</th><th>default</th></tr>
 *   <tr><td>{@link #MODE nxos.mode}</td><td>{@code serial}, {@code mac}, {@code hostname}: which file the script asks for
 *       ({@code hostname} needs DHCP option 12 in each switch's reservation: POAP passes it as {@code POAP_HOST_NAME})</td><td>{@code serial}</td></tr>
 *   <tr><td>{@link #TRANSFER nxos.transfer}</td><td>{@code tftp}, {@code http}, {@code https}, {@code scp}: how the script downloads</td><td>{@code tftp}</td></tr>
 *   <tr><td>{@link #VRF nxos.vrf}</td><td>the VRF to copy in</td><td>the switch's {@code POAP_VRF}, else {@code management}</td></tr>
 *   <tr><td>{@link #IMAGE nxos.image}</td><td>an image file name under the served root: download, verify, {@code boot nxos}</td><td>off</td></tr>
 *   <tr><td>{@link #HTTPS_IGNORE_CERTIFICATE nxos.https-ignore-certificate}</td><td>{@code true}: copy over HTTPS with {@code ignore-certificate} (a self-signed server certificate)</td><td>{@code false}</td></tr>
 *   <tr><td>{@link #TRANSFER_USER nxos.transfer-user}</td><td>the user for {@code scp} (its password: global {@code transfer_password})</td><td>none</td></tr>
 *   <tr><td>{@link #SCP_FOLDER nxos.scp-folder}</td><td>the folder on the scp server holding the day-0s (rendered there by you,
 *       for example with {@code ztp render}) and the image</td><td>{@code /var/lib/tftpboot/}</td></tr>
 *   <tr><td>{@link #REQUIRED_SPACE nxos.required-space}</td><td>free bootflash KB an image copy needs</td><td>100000</td></tr>
 *   <tr><td>{@link #PASSWORD_STRENGTH_CHECK nxos.password-strength-check}</td><td>{@code false}: the day-0 turns the switch's
 *       check off and the admin password need not be strong</td><td>{@code true}</td></tr>
 * </table>
 * The TFTP server is named without a port when it listens on 69; on any other port the script
 * says {@code tftp://server:port/...}, which the device emulator used by the tests understands
 * (whether a real switch does is unconfirmed: run real devices against port 69).
 */
public final class NxosPoapAdapter extends TemplatedPlatformAdapter {

    /** The platform id, also the settings prefix. */
    public static final String ID = "nxos";

    /** {@code nxos.mode}: which day-0 file name the script asks for. */
    public static final PlatformSetting<String> MODE = PlatformSetting.oneOf(ID, "mode", "serial",
            "which day-0 the script asks for: conf.<SERIAL>, conf_<MAC12HEX>.cfg or conf_<hostname>.cfg "
                    + "(hostname needs option 12 in each switch's reservation)", "serial", "mac", "hostname");
    /** {@code nxos.transfer}: how the script downloads its files. */
    public static final PlatformSetting<String> TRANSFER = PlatformSetting.oneOf(ID, "transfer", "tftp",
            "how the script downloads the day-0 and image; http also serves the script itself over HTTP "
                    + "(option 66 = http://server); https and scp keep the script on TFTP", "tftp", "http", "https", "scp");
    /** {@code nxos.vrf}: the VRF the script copies in. */
    public static final PlatformSetting<String> VRF = PlatformSetting.text(ID, "vrf", null,
            "the VRF the script copies in; when not set, the switch's POAP_VRF, else management",
            "[A-Za-z0-9_.:-]{1,32}", "a VRF name");
    /** {@code nxos.image}: an image to install. */
    public static final PlatformSetting<String> IMAGE = PlatformSetting.fileName(ID, "image",
            "an image under the served root that the script downloads, verifies and sets with boot nxos; not set: no upgrade");
    /** {@code nxos.https-ignore-certificate}: accept a self-signed HTTPS certificate. */
    public static final PlatformSetting<Boolean> HTTPS_IGNORE_CERTIFICATE = PlatformSetting.flag(ID, "https-ignore-certificate",
            false, "with nxos.transfer=https, copy with ignore-certificate (a self-signed server certificate)");
    /** {@code nxos.transfer-user}: the scp user. */
    public static final PlatformSetting<String> TRANSFER_USER = PlatformSetting.text(ID, "transfer-user", null,
            "the user for nxos.transfer=scp (its password is the global transfer_password)",
            "[A-Za-z0-9_.-]{1,32}", "a user name");

    /** {@code nxos.scp-folder}: where the scp server keeps the files. */
    public static final PlatformSetting<String> SCP_FOLDER = PlatformSetting.text(ID, "scp-folder", "/var/lib/tftpboot/",
            "with nxos.transfer=scp, the folder on the scp server that holds conf.<SERIAL> (and its .md5) and the image; "
                    + "/var/lib/tftpboot/ as in Cisco's POAP script",
            "(/[A-Za-z0-9_+-][A-Za-z0-9_.+-]*)*/?", "an absolute folder path");
    /** {@code nxos.required-space}: free bootflash space an image copy needs. */
    public static final PlatformSetting<Integer> REQUIRED_SPACE = PlatformSetting.integer(ID, "required-space", 100_000,
            1, Integer.MAX_VALUE, "free bootflash space in KB the script requires before it copies nxos.image "
                    + "(Cisco's POAP script: required_space, 100000 KB); set it to the image's size plus a margin");
    /** {@code nxos.password-strength-check}: whether the switch checks passwords (it does by default). */
    public static final PlatformSetting<Boolean> PASSWORD_STRENGTH_CHECK = PlatformSetting.flag(ID, "password-strength-check",
            true, "false: the day-0 starts with 'no password strength-check' and admin_password is checked only for what "
                    + "NX-OS refuses in any clear-text password; true: it must pass NX-OS's default strength check");

    private static final List<PlatformSetting<?>> SETTINGS = List.of(MODE, TRANSFER, VRF, IMAGE,
            HTTPS_IGNORE_CERTIFICATE, TRANSFER_USER, SCP_FOLDER, REQUIRED_SPACE, PASSWORD_STRENGTH_CHECK);
    /** A day-0 line that turns NX-OS's password strength check off for the lines after it. */
    private static final Pattern CHECK_OFF = Pattern.compile("(?m)^\\s*no password strength-check\\s*$");
    /** The script's file name, option 67. */
    public static final String SCRIPT = "poap.py";
    /** The script's template. */
    public static final String SCRIPT_TEMPLATE = "nxos/poap.py";
    /** The day-0 template. */
    public static final String DAY0_TEMPLATE = "nxos/day0.cfg";
    /** Option 77 as a POAP switch sends it. */
    public static final String USER_CLASS = "Cisco-POAP";

    /** Creates the adapter (as {@link java.util.ServiceLoader} does). */
    public NxosPoapAdapter() {
        super(ID, "Cisco NX-OS POAP", DAY0_TEMPLATE, DAY0_TEMPLATE, SCRIPT_TEMPLATE);
    }

    @Override
    public List<PlatformSetting<?>> settings() {
        return SETTINGS;
    }

    @Override
    protected Map<String, Object> defaults(PlatformContext context) {
        Map<String, Object> defaults = super.defaults(context);
        defaults.put("password_strength_check", setting(context, PASSWORD_STRENGTH_CHECK));
        return defaults;
    }

    /**
     * Renders the day-0 and checks the admin password it sets as NX-OS will: a password the switch
     * refuses leaves it without a usable admin account once POAP is over. A day-0 whose
     * {@code username} line carries {@code admin_password} is checked against NX-OS's default
     * password strength check (8 or more characters, upper and lower case letters, a digit, no
     * runs such as {@code aaa} or {@code abcd}, no common dictionary word), unless a line
     * {@code no password strength-check} comes before it ({@code nxos.password-strength-check=false}
     * puts one in the bundled day-0); and always for what no clear-text password may hold
     * ({@code $}, a space, a leading quote, {@code |} or {@code >}).
     *
     * @throws IllegalArgumentException naming the device and the rule the password breaks
     */
    @Override
    public String day0Config(DeviceRecord device, PlatformContext context) {
        String config = super.day0Config(device, context);
        Object value = scope(device, context).get("admin_password");
        if (value == null) {
            return config;
        }
        String password = value.toString();
        int used = config.indexOf("password " + password);
        if (used < 0) {
            return config; // a day-0 of the user's own that sets no password from admin_password
        }
        Optional<String> broken = NxosPassword.clearTextProblem(password);
        Matcher off = CHECK_OFF.matcher(config);
        if (broken.isEmpty() && !(off.find() && off.start() < used)) {
            broken = NxosPassword.weakness(password).map(rule -> rule
                    + " (NX-OS checks password strength by default: 8 or more characters, upper and lower case letters and"
                    + " digits, no runs such as aaa or abcd, no dictionary words; or set nxos.password-strength-check=false)");
        }
        if (broken.isPresent()) {
            throw new IllegalArgumentException("admin_password for " + device.hostname() + " would be refused by NX-OS: "
                    + broken.get());
        }
        return config;
    }

    @Override
    public boolean recognises(DhcpFingerprint dhcp) {
        if (dhcp.userClassStartsWith(USER_CLASS)) {
            return true;
        }
        if (dhcp.vendorClassStartsWith("ciscopnp")) {
            return false; // IOS-XE sends a serial client id too, with option 60 ciscopnp
        }
        byte[] id = dhcp.clientId();
        if (id == null || id.length < 2 || id[0] != 0) {
            return false;
        }
        String serial = new String(id, 1, id.length - 1, StandardCharsets.US_ASCII);
        return serial.matches("[A-Za-z0-9]{5,20}");
    }

    /**
     * The script over TFTP by default. With {@code nxos.transfer=http} the switch fetches the script
     * over HTTP too: Cisco's NX-OS fundamentals guide has option 66 carry {@code http://} and the
     * server, and option 67 the script's path. HTTPS cannot be given that way (the guide says so),
     * so {@code https} and {@code scp} keep the script on TFTP and use their protocol for everything
     * after it.
     */
    /** Its generated script or boot file carries the device's token on to every file it fetches. */
    @Override
    public boolean carriesDeviceTokens() {
        return true;
    }

    @Override
    public BootOffer bootOffer(PlatformContext context) {
        BootServers servers = context.servers();
        if (setting(context, TRANSFER).equals("http") && servers.httpBase() != null) {
            return new BootOffer(ID, BootOffer.USER_CLASS, USER_CLASS, SCRIPT, false, servers.httpBase().toString());
        }
        return new BootOffer(ID, BootOffer.USER_CLASS, USER_CLASS, SCRIPT, true);
    }

    @Override
    public FileProvider files(PlatformContext context) {
        TemplateSet templates = templates(context);
        checkTemplates(List.of(SCRIPT_TEMPLATE, DAY0_TEMPLATE), context);
        Map<String, Object> script = scriptVariables(context);
        FileProvider files = templateFiles(context, templates)
                .globals(script)
                .file(SCRIPT, SCRIPT_TEMPLATE, PoapScript::stamp)
                .file("conf.{serial}", DAY0_TEMPLATE)
                .file("conf_{mac_hex}.cfg", DAY0_TEMPLATE)
                .file("conf_{hostname}.cfg", DAY0_TEMPLATE)
                .build();
        return new Md5SidecarProvider(files);
    }

    /**
     * The POAP script this adapter serves, rendered and stamped, for a look or for a USB stick.
     *
     * @param context the context
     * @return the script's bytes, with a correct {@code #md5sum} line
     */
    public byte[] script(PlatformContext context) {
        Map<String, Object> scope = sharedScope(context);
        scope.putAll(scriptVariables(context));
        return PoapScript.stamp(templates(context).renderBytes(SCRIPT_TEMPLATE, scope, null));
    }

    @Override
    public Optional<DeviceRecord> identify(FileRequest request, PlatformContext context) {
        String name;
        try {
            name = RequestPath.parse(request.path()).toString();
        } catch (RejectedPathException e) {
            return Optional.empty();
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".md5")) {
            lower = lower.substring(0, lower.length() - 4);
            name = name.substring(0, name.length() - 4);
        }
        return byFileName(name, lower, context).filter(d -> ID.equals(d.platform())); // only NX-OS devices have these names
    }

    private static Optional<DeviceRecord> byFileName(String name, String lower, PlatformContext context) {
        try {
            if (lower.startsWith("conf.")) {
                return context.inventory().bySerial(SerialNumber.of(name.substring(5)));
            }
            if (lower.startsWith("conf_") && lower.endsWith(".cfg")) {
                String key = name.substring(5, name.length() - 4);
                if (key.matches("\\p{XDigit}{12}")) {
                    Optional<DeviceRecord> byMac = context.inventory().byMac(MacAddress.parse(key));
                    if (byMac.isPresent()) {
                        return byMac;
                    }
                }
                return context.inventory().byHostname(key);
            }
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** What the script template needs beyond the globals: where and how to download. */
    private Map<String, Object> scriptVariables(PlatformContext context) {
        String mode = setting(context, MODE);
        String transfer = setting(context, TRANSFER);
        BootServers servers = context.servers();
        String server = switch (transfer) {
            case "http" -> authority(servers.httpBase(), "nxos.transfer=http needs an HTTP server (BootServers.httpBase)");
            case "https" -> authority(servers.httpsBase(), "nxos.transfer=https needs an HTTPS server (BootServers.httpsBase)");
            case "tftp" -> servers.tftpAuthority();
            default -> servers.tftpServer();
        };
        String vrf = setting(context, VRF);
        vrf = vrf == null ? "" : vrf;
        String user = setting(context, TRANSFER_USER);
        user = user == null ? "" : user;
        String password = "";
        if (transfer.equals("scp")) {
            if (user.isEmpty()) {
                throw new IllegalArgumentException("setting nxos.transfer=scp needs nxos.transfer-user (a user name), got '" + user + "'");
            }
            password = context.globals().getOrDefault("transfer_password", "");
            if (password.isEmpty() || password.contains(" ")) {
                throw new IllegalArgumentException("setting nxos.transfer=scp needs the global transfer_password, without blanks");
            }
        } else {
            user = "";
        }
        String scpFolder = setting(context, SCP_FOLDER); // read, and so checked, whatever the transfer
        String folder = !transfer.equals("scp") ? "/" : scpFolder.endsWith("/") ? scpFolder : scpFolder + "/";
        String image = setting(context, IMAGE);
        boolean ignoreCertificate = setting(context, HTTPS_IGNORE_CERTIFICATE); // read, and so checked, whatever the transfer
        String copyOptions = transfer.equals("https") && ignoreCertificate ? "ignore-certificate " : "";
        return Map.of("server", server, "protocol", transfer, "mode", mode, "vrf", vrf,
                "image", image == null ? "" : image, "transfer_user", user,
                "transfer_password", pythonString(password), "copy_options", copyOptions,
                "remote_folder", folder, "required_space_kb", setting(context, REQUIRED_SPACE).toString());
    }

    private static String authority(URI base, String missing) {
        if (base == null) {
            throw new IllegalStateException(missing);
        }
        return base.getRawAuthority();
    }

    /** Escapes text for a double-quoted Python string literal. */
    private static String pythonString(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
