package org.ztp4j.platform.cumulus;

import java.io.IOException;
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
import org.ztp4j.core.FileResource;
import org.ztp4j.core.MacAddress;
import org.ztp4j.core.PlatformContext;
import org.ztp4j.core.PlatformSetting;
import org.ztp4j.core.RejectedPathException;
import org.ztp4j.core.RequestPath;
import org.ztp4j.core.SerialNumber;
import org.ztp4j.core.files.FileProviders;
import org.ztp4j.core.http.HttpHeaders;
import org.ztp4j.core.template.TemplateSet;
import org.ztp4j.platform.DeviceReportHandler;
import org.ztp4j.platform.TemplatedPlatformAdapter;
import org.ztp4j.platform.internal.ShellText;

/**
 * NVIDIA Cumulus Linux Zero Touch Provisioning (Cumulus Linux 5.x, configured with NVUE).
 *
 * <p><b>DHCP.</b> The switch asks on eth0 with option 60 {@code cumulus-linux x86_64} and starts
 * ZTP when the offer has option 239, the URL of its ZTP script (Cumulus Linux user guide, "Zero
 * Touch Provisioning"). The offer matches option 60 {@code cumulus-linux} and carries option 239
 * {@code <httpBase>/cumulus/ztp.sh}.
 *
 * <p><b>Which switch asks.</b> The switch fetches the script with header fields about itself,
 * {@code CUMULUS-SERIAL}, {@code CUMULUS-MGMT-MAC}, {@code CUMULUS-BASE-MAC} among them. One URL
 * serves every switch: {@code cumulus/ztp.sh} is the day-0 of the inventory device with that serial,
 * else with that management MAC, else with that base MAC; a request that names no inventory
 * device of this platform is not found. {@code cumulus/ztp/<SERIAL>.sh} serves the same script by
 * name, for {@code ztp -r URL}.
 *
 * <p><b>The script</b> (template {@code cumulus/ztp.sh}, the day-0) carries the marker line
 * {@code # CUMULUS-AUTOPROVISIONING} the switch looks for, sets the host name, eth0's address and
 * gateway and an admin user with role {@code system-admin} with NVUE, runs
 * {@code nv config apply -y} and {@code nv config save}, and reports to
 * {@code POST /cumulus/report/<SERIAL>} ({@link DeviceReportHandler}); it exits 0 on success,
 * which is what marks ZTP complete on the switch. SSH is on by default on Cumulus Linux.
 *
 * <p><b>Settings</b> ({@code cumulus.*}):
 * <table>
 *   <caption>Cumulus Linux ZTP settings</caption>
 *   <tr><th>setting</th><th>values</th><th>default</th></tr>
 *   <tr><td>{@link #PASSWORD_HARDENING cumulus.password-hardening}</td><td>{@code true}: the admin password must pass
 *       Cumulus Linux's default password policy; {@code false}: the script turns the policy off first</td><td>{@code true}</td></tr>
 *   <tr><td>{@link #IMAGE cumulus.image}</td><td>an image under the served root, installed with {@code onie-install} after an
 *       MD5 check when the switch runs another release than {@code cumulus.release}</td><td>off</td></tr>
 *   <tr><td>{@link #RELEASE cumulus.release}</td><td>the release {@code cumulus.image} holds, such as {@code 5.11.0}</td><td>none</td></tr>
 * </table>
 */
public final class CumulusZtpAdapter extends TemplatedPlatformAdapter {

    /** The platform id, also the settings prefix. */
    public static final String ID = "cumulus";
    /** What option 60 starts with ({@code cumulus-linux x86_64} on x86 switches). */
    public static final String VENDOR_CLASS = "cumulus-linux";
    /** Option 239: the ZTP script's URL ({@code cumulus-provision-url}). */
    public static final int PROVISION_URL_OPTION = 239;
    /** The script every switch is offered. */
    public static final String SCRIPT = "cumulus/ztp.sh";
    /** The day-0 template: the whole ZTP script. */
    public static final String DAY0_TEMPLATE = "cumulus/ztp.sh";
    /** The line a ZTP script must hold, or the switch does not run it. */
    public static final String MARKER = "# CUMULUS-AUTOPROVISIONING";
    /** Where the script reports: {@code POST /cumulus/report/<SERIAL>}. */
    public static final String REPORT_PREFIX = "/cumulus/report";
    /** The header field with the switch's serial number. */
    public static final String SERIAL_HEADER = "CUMULUS-SERIAL";
    /** The header field with eth0's MAC. */
    public static final String MGMT_MAC_HEADER = "CUMULUS-MGMT-MAC";
    /** The header field with the switch's base MAC. */
    public static final String BASE_MAC_HEADER = "CUMULUS-BASE-MAC";

    /** {@code cumulus.password-hardening}: whether the switch's password policy is left on. */
    public static final PlatformSetting<Boolean> PASSWORD_HARDENING = PlatformSetting.flag(ID, "password-hardening", true,
            "true: admin_password must pass Cumulus Linux's default password policy (8 or more characters with a lower and an "
                    + "upper case letter, a digit and a special character, not the user name); false: the script turns the "
                    + "policy off before it sets the password");
    /** {@code cumulus.image}: an image to install. */
    public static final PlatformSetting<String> IMAGE = PlatformSetting.fileName(ID, "image",
            "an image under the served root that the script checks against its .md5 and stages with onie-install -fa, with "
                    + "this same ZTP script for the new release, then reboots; only on a switch whose release is not "
                    + "cumulus.release; not set: no upgrade");
    /** {@code cumulus.release}: the release the image holds. */
    public static final PlatformSetting<String> RELEASE = PlatformSetting.text(ID, "release", null,
            "the release cumulus.image holds, as /etc/lsb-release says it (DISTRIB_RELEASE), such as 5.11.0",
            "[0-9]+(\\.[0-9]+){1,3}", "a release number such as 5.11.0");

    private static final List<PlatformSetting<?>> SETTINGS = List.of(PASSWORD_HARDENING, IMAGE, RELEASE);
    private static final Pattern DEVICE_PATH = Pattern.compile("cumulus/ztp/([^/]+)\\.sh", Pattern.CASE_INSENSITIVE);

    /** Creates the adapter (as {@link java.util.ServiceLoader} does). */
    public CumulusZtpAdapter() {
        super(ID, "NVIDIA Cumulus Linux ZTP", DAY0_TEMPLATE, DAY0_TEMPLATE);
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
     * Matched on option 60; option 239 is the script's URL.
     *
     * @throws IllegalStateException when there is no HTTP server: the switch is told apart by the
     *                               header fields it sends over HTTP
     */
    @Override
    public BootOffer bootOffer(PlatformContext context) {
        BootServers servers = context.servers();
        if (servers.httpBase() == null) {
            throw new IllegalStateException("cumulus needs an HTTP server (BootServers.httpBase): the switch is told apart by"
                    + " the " + SERIAL_HEADER + " header it sends with its request for the script");
        }
        return BootOffer.builder(ID).matchVendorClass(VENDOR_CLASS)
                .option(BootOption.text(PROVISION_URL_OPTION, servers.httpUrl(SCRIPT)))
                .build();
    }

    /**
     * Under day-0 access {@code token}, a switch's reservation carries its own option 239,
     * {@code <httpBase>/t/<token>/cumulus/ztp.sh}: the script rendered for it stages itself by that
     * URL for a new image, and reports with the token.
     */
    @Override
    public boolean carriesDeviceTokens() {
        return true;
    }

    /**
     * Under day-0 access {@code token}: option 239 with the switch's token before the script's path;
     * else none. The switch is still told apart by its header fields, and the token must be its own.
     */
    @Override
    public List<BootOption> deviceOptions(DeviceRecord device, PlatformContext context) {
        String access = context.access().pathPrefix(device);
        if (access.isEmpty()) {
            return List.of();
        }
        return List.of(BootOption.text(PROVISION_URL_OPTION, bootOffer(context).option(PROVISION_URL_OPTION)
                .map(o -> context.access().bootfile(((BootOption.Text) o.value()).text(), device)).orElseThrow()));
    }

    @Override
    protected Map<String, Object> defaults(PlatformContext context) {
        Map<String, Object> d = super.defaults(context);
        BootServers servers = context.servers();
        putHttpBases(d, context);
        d.put("script_url", servers.httpBase() == null ? "" : servers.httpUrl(SCRIPT));
        if (!setting(context, PASSWORD_HARDENING)) {
            d.put("password_hardening_off", Boolean.TRUE);
        }
        putImageWithRelease(d, IMAGE, RELEASE, "5.11.0", context);
        return d;
    }

    /** The day-0's variables, with {@code admin_user_sh} and {@code admin_password_sh} quoted for bash. */
    @Override
    public Map<String, Object> scope(DeviceRecord device, PlatformContext context) {
        Map<String, Object> scope = super.scope(device, context);
        ShellText.addQuoted(scope, "admin_user", "admin_password");
        String access = context.access().pathPrefix(device);
        if (!access.isEmpty() && context.servers().httpBase() != null && !context.globals().containsKey("script_url")) {
            // the URL onie-install stages for the new release: the switch's own, under its token
            scope.put("script_url", context.servers().httpUrl(access + SCRIPT));
        }
        return scope;
    }

    /**
     * Renders the script and checks the admin password as the switch will: with
     * {@code cumulus.password-hardening} on (the default), a password that Cumulus Linux's default
     * policy refuses would make {@code nv config apply} fail and leave the switch without its user.
     *
     * @throws IllegalArgumentException naming the device and the rule the password breaks
     */
    @Override
    public String day0Config(DeviceRecord device, PlatformContext context) {
        String script = super.day0Config(device, context);
        checkPassword(device, context);
        return script;
    }

    /** A script whose password the switch would refuse is not served: the request fails, naming the device and the rule. */
    private void refuseWeakPassword(DeviceRecord device, String path, PlatformContext context) throws IOException {
        try {
            checkPassword(device, context);
        } catch (IllegalArgumentException refused) {
            throw new IOException("cannot serve " + path + ": " + refused.getMessage(), refused);
        }
    }

    private void checkPassword(DeviceRecord device, PlatformContext context) {
        if (!setting(context, PASSWORD_HARDENING)) {
            return;
        }
        Map<String, Object> scope = super.scope(device, context);
        Object password = scope.get("admin_password");
        Object user = scope.get("admin_user");
        if (password == null) {
            return;
        }
        List<String> broken = CumulusPassword.problems(password.toString(), user == null ? null : user.toString());
        if (!broken.isEmpty()) {
            throw new IllegalArgumentException("admin_password for " + device.hostname() + " would be refused by Cumulus Linux's "
                    + "password policy: " + String.join(", ", broken) + " (or set cumulus.password-hardening=false)");
        }
    }

    @Override
    public FileProvider files(PlatformContext context) {
        TemplateSet templates = templates(context);
        checkTemplates(List.of(DAY0_TEMPLATE), context);
        FileProvider names = templateFiles(context, templates)
                .file("cumulus/ztp/{serial}.sh", DAY0_TEMPLATE)
                .build();
        FileProvider byName = request -> {
            Optional<DeviceRecord> device = identifyBySerial(DEVICE_PATH, request, context);
            if (device.isPresent()) {
                refuseWeakPassword(device.get(), request.path(), context);
            }
            return names.open(request);
        };
        FileProvider byHeaders = new FileProvider() {
            @Override
            public Optional<FileResource> open(FileRequest request) throws IOException {
                String name;
                try {
                    name = RequestPath.parse(request.path()).toString();
                } catch (RejectedPathException e) {
                    return Optional.empty();
                }
                if (!name.equalsIgnoreCase(SCRIPT)) {
                    return Optional.empty();
                }
                Optional<Found> found = byHeaders(request.headers(), context);
                if (found.isEmpty()) {
                    return Optional.empty();
                }
                refuseWeakPassword(found.get().device(), name, context);
                return Optional.of(serveDay0(found.get().device(), name, request.identity(), found.get().how(), context, templates));
            }

            @Override
            public String toString() {
                return "Cumulus Linux ZTP script by " + SERIAL_HEADER + " / " + MGMT_MAC_HEADER;
            }
        };
        return FileProviders.chain(byHeaders, byName);
    }

    @Override
    public Optional<DeviceRecord> identify(FileRequest request, PlatformContext context) {
        try {
            if (RequestPath.parse(request.path()).toString().equalsIgnoreCase(SCRIPT)) {
                return byHeaders(request.headers(), context).map(Found::device);
            }
        } catch (RejectedPathException e) {
            return Optional.empty();
        }
        return identifyBySerial(DEVICE_PATH, request, context);
    }

    /** An inventory device and how its request named it. */
    private record Found(DeviceRecord device, String how) {
    }

    /** The device by CUMULUS-SERIAL, else CUMULUS-MGMT-MAC, else CUMULUS-BASE-MAC: this platform's only. */
    private static Optional<Found> byHeaders(HttpHeaders headers, PlatformContext context) {
        List<Found> candidates = new ArrayList<>();
        headers.first(SERIAL_HEADER).map(String::trim).filter(s -> !s.isEmpty()).ifPresent(s -> {
            try {
                context.inventory().bySerial(SerialNumber.of(s))
                        .ifPresent(d -> candidates.add(new Found(d, SERIAL_HEADER + " " + s)));
            } catch (IllegalArgumentException notASerial) {
                // a header we cannot read names nobody
            }
        });
        for (String field : List.of(MGMT_MAC_HEADER, BASE_MAC_HEADER)) {
            headers.first(field).map(String::trim).filter(s -> !s.isEmpty()).ifPresent(m -> {
                try {
                    context.inventory().byMac(MacAddress.parse(m)).ifPresent(d -> candidates.add(new Found(d, field + " " + m)));
                } catch (IllegalArgumentException notAMac) {
                    // a header we cannot read names nobody
                }
            });
        }
        return candidates.stream().filter(f -> ID.equals(f.device().platform())).findFirst();
    }

    /** @return {@value #REPORT_PREFIX}, served by {@link DeviceReportHandler} */
    @Override
    protected String reportPrefix() {
        return REPORT_PREFIX;
    }
}
