package org.ztp4j.platform.junos;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.BootOption;
import org.ztp4j.core.BootServers;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.DhcpFingerprint;
import org.ztp4j.core.FileProvider;
import org.ztp4j.core.FileRequest;
import org.ztp4j.core.PlatformContext;
import org.ztp4j.core.PlatformSetting;
import org.ztp4j.core.files.FileProviders;
import org.ztp4j.core.files.Md5SidecarProvider;
import org.ztp4j.core.template.TemplateSet;
import org.ztp4j.platform.DeviceReportHandler;
import org.ztp4j.platform.TemplatedPlatformAdapter;
import org.ztp4j.platform.internal.Sha512Crypt;

/**
 * Juniper Junos Zero Touch Provisioning.
 *
 * <p><b>DHCP.</b> A Junos device with its factory-default configuration asks DHCP on its
 * management port, sending option 60 {@code Juniper-<model>-<serial>} (for example
 * {@code Juniper-ex2300-c-12t-...}), and reads option 43's sub-options (Juniper's "Zero Touch
 * Provisioning" guide): 0 the image file name, 1 the configuration file name, 2 the image file type,
 * 3 the transfer mode ({@code tftp}, {@code ftp}, {@code http}), 4 an alternate image file name,
 * 5 the HTTP port. The file server is option 150 (an address), else option 66. The offer here
 * matches option 60 on {@code Juniper-}, names the TFTP server (150, 66, next-server) and puts
 * sub-options 1 and 3 (and 5 over HTTP, 0 with {@code junos.image}) in option 43.
 *
 * <p><b>Files served.</b> Option 43 names one configuration file for every Junos device,
 * {@value #CONFIG}: ztp4j serves each device its own day-0 under that name, telling the devices
 * apart by the DHCP lease of their source address (its MAC; so the server needs the DHCP server's
 * leases, {@code --leases}), never by an inventory management address, which anyone may take
 * before the device does. {@code junos/day0/<SERIAL>.conf} is the same day-0
 * by serial (for a look, or an op script of your own), and {@code X.md5} is served for each file.
 *
 * <p><b>The day-0</b> ({@code junos/day0.conf}, Junos's hierarchical syntax): host name, the root
 * password and a {@code super-user} login ({@code admin_user}) with SHA-512 crypt
 * {@code encrypted-password} hashes, SSH, the management interface's address ({@code em0} unless
 * {@code junos.mgmt-interface} or a device's {@code mgmt_interface} says otherwise) and a default
 * route, in routing instance {@code mgmt_junos} with {@code junos.management-instance=true}. Junos
 * takes clear-text passwords only interactively, so the hashes are computed when the day-0 is
 * rendered, from {@code admin_password} (and {@code root_password}, else the same password), with a
 * salt derived from the device's host name and serial (the file is the same on every render, so its
 * {@code .md5} matches); a variable {@code admin_password_hash} / {@code root_password_hash} of
 * your own (a {@code $6$} hash) is used as it is instead.
 *
 * <p><b>Reporting.</b> Junos ZTP sends nothing back to the server once the configuration is
 * committed: the device is seen as {@code CONFIG_SERVED}, and reachable when the probe reaches it.
 *
 * <p><b>Script mode</b> ({@code junos.ztp-file=script}; needs an HTTP server). Junos ZTP runs the
 * file sub-option 1 names as a script when its first line is {@code #!} and an interpreter
 * ({@code #!/bin/sh} on every device, Juniper's "Scripts Supported During ZTP"). Sub-option 1 then
 * names {@value #SCRIPT} (template {@code junos/ztp.sh}, a POSIX shell script), and sub-option 0 is
 * never sent. The script reads the chassis serial ({@code show chassis hardware | display xml}),
 * fetches {@code junos/day0/<SERIAL>.conf} (served with a first line
 * {@code # ztp4j-device-token <TOKEN>}, which it drops), with {@code junos.image} fetches the image
 * and its {@code .md5}, checks it with {@code file checksum md5} and installs it with
 * {@code request system software add ... no-validate} only when it matches, then loads the day-0
 * with {@code load override}, commits it, reports to {@code POST /junos/report/<SERIAL>}
 * ({@link DeviceReportHandler}) and, after an install, reboots. Any failure commits nothing (unless
 * the commit was done), reports and exits 1.
 */
public final class JunosZtpAdapter extends TemplatedPlatformAdapter {

    /** The platform id, also the settings prefix. */
    public static final String ID = "junos";
    /** The configuration file option 43 sub-option 1 names, one for all Junos devices. */
    public static final String CONFIG = "junos/ztp.conf";
    /** The day-0 template. */
    public static final String DAY0_TEMPLATE = "junos/day0.conf";
    /** What option 60 starts with. */
    public static final String VENDOR_CLASS = "Juniper-";
    /** The script option 43 sub-option 1 names with {@code junos.ztp-file=script}; also its template. */
    public static final String SCRIPT = "junos/ztp.sh";
    /** Where the script reports: {@code POST /junos/report/<SERIAL>}. */
    public static final String REPORT_PREFIX = "/junos/report";

    /** {@code junos.transfer}: how the device fetches its files (option 43 sub-option 3). */
    public static final PlatformSetting<String> TRANSFER = PlatformSetting.oneOf(ID, "transfer", "tftp",
            "option 43 sub-option 3: how the device fetches its configuration (and image); http needs the HTTP server "
                    + "on the option 150 address, its port goes in sub-option 5", "tftp", "http");
    /** {@code junos.image}: an image to install (sub-option 0). */
    public static final PlatformSetting<String> IMAGE = PlatformSetting.fileName(ID, "image",
            "option 43 sub-option 0: an image under the served root that ZTP installs before the configuration (with "
                    + "junos.ztp-file=script: the script installs it once its MD5 matches, and sub-option 0 is not sent); not set: "
                    + "no upgrade");
    /** {@code junos.mgmt-interface}: the interface the day-0 addresses. */
    public static final PlatformSetting<String> MGMT_INTERFACE = PlatformSetting.interfaceName(ID, "mgmt-interface", "em0",
            "the management interface the day-0 gives the address to (fxp0 on MX, me0 on EX and most QFX, em0 on most "
                    + "others; a device variable mgmt_interface wins)");
    /** {@code junos.management-instance}: the default route in {@code mgmt_junos}. */
    public static final PlatformSetting<Boolean> MANAGEMENT_INSTANCE = PlatformSetting.flag(ID, "management-instance", false,
            "true: the day-0 sets system management-instance and puts the default route in routing instance mgmt_junos");

    /** {@code junos.ztp-file}: what option 43 sub-option 1 names, the day-0 itself or ztp4j's script. */
    public static final PlatformSetting<String> ZTP_FILE = PlatformSetting.oneOf(ID, "ztp-file", "config",
            "what option 43 sub-option 1 names: config, the day-0 itself (Junos commits it); script, " + SCRIPT
                    + ", a shell script Junos runs, which fetches the day-0 by serial, checks junos.image against its .md5 "
                    + "before it installs it, commits the day-0 and reports (needs the HTTP server)", "config", "script");

    private static final List<PlatformSetting<?>> SETTINGS = List.of(TRANSFER, IMAGE, MGMT_INTERFACE, MANAGEMENT_INSTANCE, ZTP_FILE);
    private static final String DAY0_BY_SERIAL = "junos/day0/{serial}.conf";
    private static final Pattern DAY0_PATH = Pattern.compile("junos/day0/([^/]+)\\.conf", Pattern.CASE_INSENSITIVE);
    private static final Pattern CRYPT = Pattern.compile("\\$(1|5|6)\\$[./0-9A-Za-z]{1,16}\\$[./0-9A-Za-z]{22,86}");

    /** Creates the adapter (as {@link java.util.ServiceLoader} does). */
    public JunosZtpAdapter() {
        super(ID, "Juniper Junos ZTP", DAY0_TEMPLATE, DAY0_TEMPLATE, SCRIPT);
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
     * Option 43 with sub-options 1 ({@value #CONFIG}) and 3 (the transfer mode), 5 (the HTTP port)
     * over HTTP, 0 (the image) with {@code junos.image}; the TFTP server in options 150 and 66.
     *
     * @throws IllegalStateException with {@code junos.transfer=http} when there is no HTTP server, or
     *                               it is not on the option 150 address (Junos fetches over HTTP
     *                               from that address, at the port of sub-option 5); with
     *                               {@code junos.ztp-file=script} when there is no HTTP server
     */
    @Override
    public BootOffer bootOffer(PlatformContext context) {
        return BootOffer.builder(ID).matchVendorClass(VENDOR_CLASS).tftpServer(true)
                .option(option43(script(context) ? SCRIPT : CONFIG, context)).build();
    }

    /**
     * @return whether {@code junos.ztp-file=script}
     * @throws IllegalStateException in script mode without an HTTP server, which the script fetches from and reports to
     */
    private boolean script(PlatformContext context) {
        boolean script = setting(context, ZTP_FILE).equals("script");
        if (script && context.servers().httpBase() == null) {
            throw new IllegalStateException("junos.ztp-file=script needs an HTTP server (BootServers.httpBase): the script "
                    + "fetches its day-0 and image over HTTP and reports there");
        }
        return script;
    }

    /**
     * Option 43 naming {@code config} in sub-option 1, with the transfer mode and image of the
     * settings; in script mode no image (the script installs it after its checksum).
     */
    private BootOption option43(String config, PlatformContext context) {
        String transfer = setting(context, TRANSFER);
        List<BootOption.SubOption> subs = new ArrayList<>();
        String image = setting(context, IMAGE);
        if (image != null && !script(context)) {
            subs.add(BootOption.SubOption.text(0, image));
        }
        subs.add(BootOption.SubOption.text(1, config));
        subs.add(BootOption.SubOption.text(3, transfer));
        if (transfer.equals("http")) {
            subs.add(BootOption.SubOption.text(5, Integer.toString(httpPort(context.servers()))));
        }
        return BootOption.vendorSpecific(BootOption.VENDOR_SPECIFIC, subs);
    }

    /**
     * Under day-0 access {@code token}, a device's reservation carries its own option 43, whose
     * sub-option 1 names its own day-0 under its token, {@code t/<token>/junos/day0/<SERIAL>.conf}:
     * Junos fetches the file sub-option 1 names, and the day-0 fetches nothing further. In script
     * mode it names the script under the token, {@code t/<token>/junos/ztp.sh}, which then fetches
     * the day-0 under the same token.
     */
    @Override
    public boolean carriesDeviceTokens() {
        return true;
    }

    /**
     * Under day-0 access {@code token}: option 43 as the offer's, sub-option 1 naming
     * {@code t/<token>/junos/day0/<SERIAL>.conf} (script mode: {@code t/<token>/junos/ztp.sh}); else none.
     *
     * @throws IllegalArgumentException naming the device under {@code token} when it has no serial
     */
    @Override
    public List<BootOption> deviceOptions(DeviceRecord device, PlatformContext context) {
        Optional<String> own = tokenDay0Name(DAY0_BY_SERIAL, device, context);
        if (own.isPresent() && script(context)) {
            own = Optional.of(context.access().pathPrefix(device) + SCRIPT);
        }
        return own.map(name -> List.of(option43(name, context))).orElse(List.of());
    }

    private static int httpPort(BootServers servers) {
        URI http = servers.httpBase();
        if (http == null) {
            throw new IllegalStateException("junos.transfer=http needs an HTTP server (BootServers.httpBase)");
        }
        InetAddress host;
        try {
            host = InetAddress.getByName(http.getHost());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("junos.transfer=http: HTTP host " + http.getHost() + " does not resolve", e);
        }
        if (!host.equals(servers.tftpServers().get(0))) {
            throw new IllegalStateException("junos.transfer=http: Junos fetches over HTTP from the option 150 server "
                    + servers.tftpServer() + ", but the HTTP server is " + http.getHost()
                    + " (serve HTTP on the TFTP server's address, or use junos.transfer=tftp)");
        }
        return http.getPort() == -1 ? 80 : http.getPort();
    }

    @Override
    protected Map<String, Object> defaults(PlatformContext context) {
        Map<String, Object> d = super.defaults(context);
        d.put("mgmt_interface", setting(context, MGMT_INTERFACE));
        d.put("management_instance", setting(context, MANAGEMENT_INSTANCE));
        putHttpBases(d, context);
        String image = setting(context, IMAGE);
        d.put("image", image == null ? "" : image);
        return d;
    }

    /**
     * As the base, plus {@code admin_password_hash} and {@code root_password_hash}: SHA-512 crypt of
     * {@code admin_password} (and of {@code root_password}, else of the admin password), unless
     * given as variables already; a given hash must be a crypt hash ({@code $1$}, {@code $5$} or
     * {@code $6$}).
     *
     * @throws IllegalArgumentException naming the device and the variable when a given hash is not one,
     *                                  or under day-0 access {@code token} when the device has no serial
     */
    @Override
    public Map<String, Object> scope(DeviceRecord device, PlatformContext context) {
        requireSerialUnderToken(DAY0_BY_SERIAL, device, context);
        Map<String, Object> scope = super.scope(device, context);
        String salt = salt(device);
        hash(scope, "admin_password_hash", scope.get("admin_password"), salt, device);
        Object root = scope.containsKey("root_password") ? scope.get("root_password") : scope.get("admin_password");
        hash(scope, "root_password_hash", root, salt, device);
        return scope;
    }

    private static void hash(Map<String, Object> scope, String name, Object password, String salt, DeviceRecord device) {
        Object given = scope.get(name);
        if (given != null) {
            if (!CRYPT.matcher(given.toString()).matches()) {
                throw new IllegalArgumentException(name + " for " + device.hostname()
                        + " is not a crypt hash ($6$salt$hash, as 'openssl passwd -6' prints)");
            }
            return;
        }
        if (password != null && !password.toString().isEmpty()) {
            scope.put(name, Sha512Crypt.hash(password.toString(), salt));
        }
    }

    /** 16 salt characters from the device's host name and serial: the same on every render, different per device. */
    private static String salt(DeviceRecord device) {
        String alphabet = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(("ztp4j junos salt " + device.hostname() + " "
                    + (device.serial() == null ? "" : device.serial())).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            s.append(alphabet.charAt(digest[i] & 0x3f));
        }
        return s.toString();
    }

    /**
     * The day-0 as {@value #CONFIG} (by client address) and {@code junos/day0/<SERIAL>.conf}, with
     * {@code .md5} sidecars; in script mode also {@value #SCRIPT}, and the day-0 by serial with its
     * first line {@code # ztp4j-device-token <TOKEN>}, the proof the script's report needs.
     */
    @Override
    public FileProvider files(PlatformContext context) {
        if (!script(context)) {
            return sharedDay0Files(CONFIG, DAY0_BY_SERIAL, context);
        }
        TemplateSet templates = templates(context);
        checkTemplates(List.of(DAY0_TEMPLATE, SCRIPT), context);
        FileProvider script = templateFiles(context, templates).file(SCRIPT, SCRIPT).build();
        return new Md5SidecarProvider(FileProviders.chain(script, day0BySerialWithToken(DAY0_PATH, "#", context, templates),
                day0ByClientAddress(CONFIG, context, templates)));
    }

    /** @return {@value #REPORT_PREFIX}, served by {@link DeviceReportHandler} (a report needs the device's token) */
    @Override
    protected String reportPrefix() {
        return REPORT_PREFIX;
    }

    @Override
    public Optional<DeviceRecord> identify(FileRequest request, PlatformContext context) {
        return identifySharedDay0(CONFIG, DAY0_BY_SERIAL, request, context);
    }
}
