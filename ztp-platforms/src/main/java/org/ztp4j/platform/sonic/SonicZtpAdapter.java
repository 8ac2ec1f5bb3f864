package org.ztp4j.platform.sonic;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.BootOption;
import org.ztp4j.core.BootServers;
import org.ztp4j.core.Day0Access;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.DhcpFingerprint;
import org.ztp4j.core.FileProvider;
import org.ztp4j.core.FileRequest;
import org.ztp4j.core.PlatformContext;
import org.ztp4j.core.PlatformSetting;
import org.ztp4j.core.template.TemplateSet;
import org.ztp4j.platform.DeviceReportHandler;
import org.ztp4j.platform.TemplatedPlatformAdapter;
import org.ztp4j.platform.internal.ShellText;

/**
 * SONiC Zero Touch Provisioning (the {@code sonic-ztp} service of SONiC images).
 *
 * <p><b>DHCP.</b> A SONiC switch in ZTP sends option 77 (user class) {@code SONiC-ZTP} as bare text
 * and option 61 {@code SONiC##<product name>##<serial>} (SONiC's {@code dhclient.conf.j2}). It takes
 * a ZTP JSON URL from option 67 and, failing that, a provisioning script URL from option 239; option
 * 67 wins when both are given and its download works (the ZTP engine's discovery order). The offer
 * has both by default: option 67 {@code <httpBase>/sonic/ztp.json} and option 239
 * {@code <httpBase>/sonic/bootstrap.sh}; {@code sonic.boot=provisioning-script} sends option 239 alone.
 *
 * <p><b>Files:</b>
 * <ul>
 *   <li>{@code sonic/ztp.json} (template {@code sonic/ztp-start.json}): the same for every switch,
 *       a {@code "ztp"} object whose {@code dynamic-url} sends the switch on to its own ZTP JSON by
 *       its serial number (identifier {@code serial-number}, read from its EEPROM);</li>
 *   <li>{@code sonic/ztp/<SERIAL>.json} (template {@code sonic/ztp.json}): the switch's ZTP JSON,
 *       section {@code 01-configdb-json} (its config_db fragment, merged with {@code config load}
 *       and saved; ZTP halts there on failure) then {@code 02-provisioning-script};</li>
 *   <li>{@code sonic/config_db/<SERIAL>.json} (template {@code sonic/config_db.json}, the day-0):
 *       {@code DEVICE_METADATA} host name and {@code MGMT_INTERFACE} address with its gateway;</li>
 *   <li>{@code sonic/provision/<SERIAL>.sh} (template {@code sonic/provision.sh}): creates the
 *       admin user (config_db has no table for local users), installs {@code sonic.image} when set,
 *       and reports to {@code POST /sonic/report/<SERIAL>} ({@link DeviceReportHandler});</li>
 *   <li>{@code sonic/bootstrap.sh} (template {@code sonic/bootstrap.sh}): the option 239 script,
 *       the same for every switch: it reads the serial with the ZTP service's own EEPROM reader,
 *       then loads and saves its config_db fragment and runs its provisioning script.</li>
 * </ul>
 *
 * <p><b>Settings</b> ({@code sonic.*}):
 * <table>
 *   <caption>SONiC ZTP settings</caption>
 *   <tr><th>setting</th><th>values</th><th>default</th></tr>
 *   <tr><td>{@link #BOOT sonic.boot}</td><td>{@code ztp-json} (option 67, with 239 as the fallback),
 *       {@code provisioning-script} (option 239 only)</td><td>{@code ztp-json}</td></tr>
 *   <tr><td>{@link #IMAGE sonic.image}</td><td>an image under the served root that the provisioning script checks
 *       against its {@code .md5} and installs with {@code sonic-installer}; the switch reboots into it</td><td>off</td></tr>
 * </table>
 */
public final class SonicZtpAdapter extends TemplatedPlatformAdapter {

    /** The platform id, also the settings prefix. */
    public static final String ID = "sonic";
    /** Option 77 as a SONiC switch in ZTP sends it (bare text, no RFC 3004 length octet). */
    public static final String USER_CLASS = "SONiC-ZTP";
    /** What option 61 starts with: {@code SONiC##<product name>##<serial>}. */
    public static final String CLIENT_ID_PREFIX = "SONiC##";
    /** Option 239: the provisioning script's URL (SONiC's {@code provisioning-script-url}). */
    public static final int PROVISIONING_SCRIPT_OPTION = 239;
    /** The ZTP JSON every switch is offered in option 67. */
    public static final String ZTP_JSON = "sonic/ztp.json";
    /** The option 239 script. */
    public static final String BOOTSTRAP = "sonic/bootstrap.sh";
    /** The day-0 template: a config_db fragment. */
    public static final String DAY0_TEMPLATE = "sonic/config_db.json";
    /** The per-device ZTP JSON's template. */
    public static final String DEVICE_ZTP_TEMPLATE = "sonic/ztp.json";
    /** The shared ZTP JSON's template. */
    public static final String START_TEMPLATE = "sonic/ztp-start.json";
    /** The per-device provisioning script's template. */
    public static final String PROVISION_TEMPLATE = "sonic/provision.sh";
    /** Where the provisioning script reports: {@code POST /sonic/report/<SERIAL>}. */
    public static final String REPORT_PREFIX = "/sonic/report";

    /** {@code sonic.boot}: which DHCP option starts ZTP. */
    public static final PlatformSetting<String> BOOT = PlatformSetting.oneOf(ID, "boot", "ztp-json",
            "ztp-json: option 67 names the ZTP JSON and option 239 the bootstrap script, which the switch runs only when the "
                    + "JSON cannot be had; provisioning-script: option 239 alone", "ztp-json", "provisioning-script");
    /** {@code sonic.image}: an image to install after the day-0. */
    public static final PlatformSetting<String> IMAGE = PlatformSetting.fileName(ID, "image",
            "an image under the served root that the provisioning script checks against its .md5 and installs with "
                    + "sonic-installer install; the switch then reboots into it; not set: no upgrade");

    private static final List<PlatformSetting<?>> SETTINGS = List.of(BOOT, IMAGE);
    private static final Pattern DEVICE_PATH = Pattern.compile(
            "sonic/(?:ztp|config_db|provision)/([^/]+)\\.(?:json|sh)(?:\\.md5)?", Pattern.CASE_INSENSITIVE);

    /** Creates the adapter (as {@link java.util.ServiceLoader} does). */
    public SonicZtpAdapter() {
        super(ID, "SONiC ZTP", DAY0_TEMPLATE, DAY0_TEMPLATE, DEVICE_ZTP_TEMPLATE, START_TEMPLATE, PROVISION_TEMPLATE, BOOTSTRAP);
    }

    @Override
    public List<PlatformSetting<?>> settings() {
        return SETTINGS;
    }

    /** By option 77 {@code SONiC-ZTP}, or by option 61 {@code SONiC##...}. */
    @Override
    public boolean recognises(DhcpFingerprint dhcp) {
        if (dhcp.userClassStartsWith(USER_CLASS)) {
            return true;
        }
        byte[] id = dhcp.clientId();
        return id != null && new String(id, StandardCharsets.US_ASCII).startsWith(CLIENT_ID_PREFIX);
    }

    /**
     * Matched on option 77; option 67 the ZTP JSON's URL and option 239 the bootstrap's, or 239
     * alone with {@code sonic.boot=provisioning-script}.
     *
     * @throws IllegalStateException when there is no HTTP server: the ZTP JSON's URLs and the
     *                               switch's report need one
     */
    @Override
    public BootOffer bootOffer(PlatformContext context) {
        BootServers servers = needsHttp(context);
        BootOffer.Builder offer = BootOffer.builder(ID).matchUserClass(USER_CLASS)
                .option(BootOption.text(PROVISIONING_SCRIPT_OPTION, servers.httpUrl(BOOTSTRAP)));
        if (setting(context, BOOT).equals("ztp-json")) {
            offer.bootfile(servers.httpUrl(ZTP_JSON));
        }
        return offer.build();
    }

    /**
     * Under day-0 access {@code token}, a switch's reservation names {@code <httpBase>/t/<token>/sonic/ztp.json}
     * in option 67; rendered for that switch, its {@code dynamic-url} and every URL of its own ZTP JSON
     * and scripts carry the token on ({@code access_path}), and its report sends it.
     */
    @Override
    public boolean carriesDeviceTokens() {
        return true;
    }

    /**
     * As the default (the offer's option 67 with the device's token before its path).
     *
     * @throws IllegalArgumentException under day-0 access {@code token} with {@code sonic.boot=provisioning-script}
     */
    @Override
    public Optional<String> deviceBootfile(DeviceRecord device, PlatformContext context) {
        if (tokenWithoutOption67(context)) {
            throw new IllegalArgumentException("device " + device.hostname() + " (" + ID + "): " + NEEDS_OPTION_67);
        }
        return super.deviceBootfile(device, context);
    }

    /**
     * Option 239 is the DHCP class's, the same for every switch, so it cannot carry one switch's
     * token: under day-0 access {@code token} a switch must start from option 67.
     */
    private boolean tokenWithoutOption67(PlatformContext context) {
        return context.access().mode() == Day0Access.TOKEN && setting(context, BOOT).equals("provisioning-script");
    }

    private static final String NEEDS_OPTION_67 = "day-0 access token needs sonic.boot=ztp-json"
            + " (option 239 is the same for every switch and cannot carry its token)";

    @Override
    protected Map<String, Object> defaults(PlatformContext context) {
        Map<String, Object> d = super.defaults(context);
        putHttpBases(d, context);
        String image = setting(context, IMAGE);
        if (image != null) {
            d.put("image", image);
        }
        return d;
    }

    /**
     * The day-0's variables, with {@code admin_user_sh} and {@code admin_password_sh} quoted for bash.
     *
     * @throws IllegalArgumentException naming the device under day-0 access {@code token} with
     *                                  {@code sonic.boot=provisioning-script} (refused at inventory load)
     */
    @Override
    public Map<String, Object> scope(DeviceRecord device, PlatformContext context) {
        if (tokenWithoutOption67(context)) {
            throw new IllegalArgumentException(NEEDS_OPTION_67);
        }
        Map<String, Object> scope = super.scope(device, context);
        ShellText.addQuoted(scope, "admin_user", "admin_password");
        return scope;
    }

    @Override
    public FileProvider files(PlatformContext context) {
        TemplateSet templates = templates(context);
        checkTemplates(List.of(DAY0_TEMPLATE, DEVICE_ZTP_TEMPLATE, START_TEMPLATE, PROVISION_TEMPLATE, BOOTSTRAP), context);
        return templateFiles(context, templates)
                .file(ZTP_JSON, START_TEMPLATE)
                .file(BOOTSTRAP, BOOTSTRAP)
                .file("sonic/ztp/{serial}.json", DEVICE_ZTP_TEMPLATE)
                .file("sonic/config_db/{serial}.json", DAY0_TEMPLATE)
                .file("sonic/provision/{serial}.sh", PROVISION_TEMPLATE)
                .build();
    }

    @Override
    public Optional<DeviceRecord> identify(FileRequest request, PlatformContext context) {
        return identifyBySerial(DEVICE_PATH, request, context);
    }

    /** @return {@value #REPORT_PREFIX}, served by {@link DeviceReportHandler} */
    @Override
    protected String reportPrefix() {
        return REPORT_PREFIX;
    }

    private static BootServers needsHttp(PlatformContext context) {
        BootServers servers = context.servers();
        if (servers.httpBase() == null) {
            throw new IllegalStateException("sonic needs an HTTP server (BootServers.httpBase): the ZTP JSON names its files "
                    + "by URL and the switch reports over HTTP");
        }
        return servers;
    }
}
