package org.ztp4j.examples.adapter;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.BootOption;
import org.ztp4j.core.BootServers;
import org.ztp4j.core.DeviceIdentity;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.FileProvider;
import org.ztp4j.core.FileRequest;
import org.ztp4j.core.FileResource;
import org.ztp4j.core.Inventory;
import org.ztp4j.core.MacAddress;
import org.ztp4j.core.PlatformAdapter;
import org.ztp4j.core.PlatformContext;
import org.ztp4j.core.PlatformSetting;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.RejectedPathException;
import org.ztp4j.core.RequestPath;
import org.ztp4j.core.files.BytesResource;
import org.ztp4j.core.files.FileProviders;
import org.ztp4j.core.files.TemplateFileProvider;
import org.ztp4j.core.http.HttpEndpoint;
import org.ztp4j.core.template.TemplateException;
import org.ztp4j.core.template.TemplateSet;

/**
 * Dell SmartFabric OS10 zero-touch deployment (ZTD), as an example of a platform adapter written
 * against ztp-core's SPI alone: it is not one of the platforms ztp4j ships, and the {@code ztp}
 * command does not load it. Plug it in with {@code Provisioning.builder().adapters(...)} or one
 * line in your own jar's {@code META-INF/services/org.ztp4j.core.PlatformAdapter}
 * (docs/writing-an-adapter.md).
 *
 * <p><b>How OS10 ZTD works</b> (Dell SmartFabric OS10 user guide, "Zero-touch deployment"; see
 * docs/platforms.md): a switch booting in ZTD mode asks DHCP on its management and front-panel
 * ports and waits for an answer carrying option 240, the URL of a provisioning script on an HTTP
 * server. It downloads the script and runs it with bash. The script names up to three files,
 * {@code IMG_FILE}, {@code CLI_CONFIG_FILE} and {@code POST_SCRIPT_FILE}, and hands them to
 * {@code os10_ztd_start.sh}, which downloads each one named, installs the image, applies the CLI
 * batch file (its {@code # PRE-CONFIG} and {@code # POST-CONFIG} sections) and runs the post-ZTD
 * script. A file that cannot be downloaded ends ZTD.
 *
 * <p><b>Files:</b>
 * <ul>
 *   <li>{@code os10/ztd.sh}, the provisioning script option 240 names (template {@code os10/ztd.sh}).
 *       Every switch asks for it under that one name, so the switch is told apart by the DHCP lease
 *       of the address it asks from (its MAC, then the inventory); from an address no OS10 device
 *       of the inventory leased, it is not found.</li>
 *   <li>{@code os10/cli/<MAC>.cfg}, the CLI batch file: the reachability day-0 (template
 *       {@code os10/day0.cfg}: host name, an admin user of role {@code sysadmin}, {@code mgmt1/1/1}'s
 *       address, the management default route, SSH).</li>
 *   <li>{@code os10/post/<MAC>.sh}, the post-ZTD script (template {@code os10/post.sh}): it reports
 *       success to {@code POST /os10/report/<MAC>} ({@link Os10ReportEndpoint}) with the device's
 *       token.</li>
 * </ul>
 * A file of the same name in the user's template folder overrides each template.
 *
 * <p><b>DHCP:</b> Dell's guide does not say what OS10 sends in option 60, and gives option 240 in
 * the switch's host entry. So the offer goes to every client of the scope unless the setting
 * {@code os10.vendor-class} names the text option 60 starts with, seen in the switch's own DHCP
 * requests; then it goes to those clients alone.
 */
public final class Os10ZtdAdapter implements PlatformAdapter {

    /** The platform id, also the prefix of its settings and of its files. */
    public static final String ID = "os10";
    /** The provisioning script's path; option 240 is its URL. */
    public static final String PROVISIONING_SCRIPT = "os10/ztd.sh";
    /** The option that carries the provisioning script's URL ({@code ztd-provision-url}). */
    public static final int PROVISION_URL_OPTION = 240;
    /** Where the post-ZTD script reports. */
    public static final String REPORT_PREFIX = "/os10/report";
    /** The day-0 template, served as the CLI batch file. */
    public static final String DAY0_TEMPLATE = "os10/day0.cfg";
    /** The post-ZTD script's template. */
    public static final String POST_TEMPLATE = "os10/post.sh";
    /** OS10 refuses a password shorter than this (user guide, "Configure user name and password"). */
    public static final int MIN_PASSWORD = 9;
    /** OS10 takes a password of at most this many characters (the same guide). */
    public static final int MAX_PASSWORD = 32;

    /** The text option 60 starts with, when the user has seen it in the switches' requests. */
    public static final PlatformSetting<String> VENDOR_CLASS = PlatformSetting.text(ID, "vendor-class", null,
            "match the DHCP offer on option 60 starting with this text (otherwise option 240 goes to every client)",
            "[ -~&&[^\"]]{1,64}", "printable text without quotes, at most 64 characters");

    private static final String BUNDLED = "org/ztp4j/examples/adapter/";
    private static final Pattern OWN_FILE = Pattern.compile("os10/(?:cli/([0-9A-Fa-f]{12})\\.cfg|post/([0-9A-Fa-f]{12})\\.sh)");

    private volatile Templates templates;

    /** Creates the adapter; {@link java.util.ServiceLoader} needs this constructor. */
    public Os10ZtdAdapter() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Dell SmartFabric OS10 ZTD (example)";
    }


    @Override
    public List<PlatformSetting<?>> settings() {
        return List.of(VENDOR_CLASS);
    }

    @Override
    public BootOffer bootOffer(PlatformContext context) {
        BootServers servers = context.servers();
        if (servers.httpBase() == null) {
            throw new IllegalStateException("os10: OS10 ZTD fetches its provisioning script over HTTP; give the server an HTTP port");
        }
        BootOffer.Builder offer = BootOffer.builder(ID)
                .option(BootOption.text(PROVISION_URL_OPTION, servers.httpUrl(PROVISIONING_SCRIPT)));
        String vendorClass = context.setting(VENDOR_CLASS);
        return (vendorClass == null ? offer.matchAnyDevice() : offer.matchVendorClass(vendorClass)).build();
    }

    @Override
    public FileProvider files(PlatformContext context) {
        TemplateSet set = templates(context);
        set.check(PROVISIONING_SCRIPT);
        set.check(DAY0_TEMPLATE);
        set.check(POST_TEMPLATE);
        FileProvider ownFiles = TemplateFileProvider.builder()
                .templates(set)
                .inventory(context.inventory())
                .listener(context.listener())
                .globals(context.globals())
                .deviceScope(device -> scope(device, context))
                .platform(ID)
                .file("os10/cli/{mac_hex}.cfg", DAY0_TEMPLATE)
                .file("os10/post/{mac_hex}.sh", POST_TEMPLATE)
                .build();
        return FileProviders.chain(request -> provisioningScript(request, context, set), ownFiles);
    }

    @Override
    public String day0Config(DeviceRecord device, PlatformContext context) {
        Map<String, Object> scope = scope(device, context);
        checkCredentials(device, scope);
        return templates(context).render(DAY0_TEMPLATE, scope, device.hostname());
    }

    /**
     * The day-0's {@code username <user> password <password> role sysadmin} line takes each as one
     * word: a blank would end it early and make the rest of the line other words. The password is
     * never in a message, nor where its characters are: only what is wrong with it.
     */
    private static void checkCredentials(DeviceRecord device, Map<String, Object> scope) {
        Object user = scope.get("admin_user");
        if (user != null && !user.toString().matches("[!-~]{1,32}")) {
            throw new IllegalArgumentException("admin_user of " + device.hostname()
                    + " is not one word of 1 to 32 printable ASCII characters, as OS10's username command takes it");
        }
        Object value = scope.get("admin_password");
        if (value == null) {
            return;
        }
        String password = value.toString();
        String at = "admin_password of " + device.hostname() + " ";
        if (password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            throw new IllegalArgumentException(at + "has " + password.length() + " characters; OS10 takes " + MIN_PASSWORD
                    + " to " + MAX_PASSWORD);
        }
        if (password.chars().anyMatch(c -> c == ' ')) {
            throw new IllegalArgumentException(at + "holds a blank, which would end the password in the day-0's username line;"
                    + " OS10 takes it as one word of printable ASCII");
        }
        if (!password.matches("[!-~]+")) {
            throw new IllegalArgumentException(at + "holds a control or non-ASCII character, which OS10's command line does"
                    + " not take; OS10 takes the password as one word of printable ASCII");
        }
        if (password.matches("\\$[156]\\$.*")) {
            throw new IllegalArgumentException(at + "starts as a hashed password does ($1$, $5$ or $6$), which OS10 does not"
                    + " take as a clear-text password");
        }
    }

    @Override
    public Optional<DeviceRecord> identify(FileRequest request, PlatformContext context) {
        String path;
        try {
            path = RequestPath.parse(request.path()).toString();
        } catch (RejectedPathException e) {
            return Optional.empty();
        }
        if (path.equals(PROVISIONING_SCRIPT)) {
            return byLease(request.client().getAddress(), context);
        }
        Matcher m = OWN_FILE.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        String mac = m.group(1) != null ? m.group(1) : m.group(2);
        return ofThisPlatform(context.inventory().byMac(MacAddress.parse(mac)));
    }

    /** Every OS10 device is told apart by its MAC: one without is never served. */
    @Override
    public List<String> warnings(Inventory devices, PlatformContext context) {
        List<String> warnings = new ArrayList<>();
        for (DeviceRecord d : devices.devices()) {
            if (ID.equals(d.platform()) && d.mac() == null) {
                warnings.add("device " + d.hostname() + " (os10): no MAC in the inventory, and OS10 ZTD devices are told"
                        + " apart by the MAC of their DHCP lease: it is served nothing");
            }
        }
        return warnings;
    }

    @Override
    public List<String> httpPrefixes() {
        return List.of(REPORT_PREFIX);
    }

    @Override
    public HttpEndpoint httpEndpoint(String prefix, PlatformContext context) {
        if (!REPORT_PREFIX.equals(prefix)) {
            return PlatformAdapter.super.httpEndpoint(prefix, context);
        }
        return new Os10ReportEndpoint(REPORT_PREFIX, context);
    }

    /**
     * The variables a device's files see: the globals, then the device's own fields, then what the
     * scripts need (the URLs of its files and its token).
     *
     * @param device  the device
     * @param context the globals, servers and tokens
     * @return a new mutable map
     */
    public Map<String, Object> scope(DeviceRecord device, PlatformContext context) {
        Map<String, Object> scope = new LinkedHashMap<>(context.globals());
        scope.putAll(device.templateScope());
        scope.put("device_token", context.access().tokens().tokenFor(device));
        if (device.mac() != null && context.servers().httpBase() != null) {
            String mac = device.mac().toHex12();
            scope.put("cli_url", context.servers().httpUrl("os10/cli/" + mac + ".cfg"));
            scope.put("post_url", context.servers().httpUrl("os10/post/" + mac + ".sh"));
            scope.put("report_url", context.servers().httpUrl(REPORT_PREFIX + "/" + mac));
        }
        return scope;
    }

    /** The script option 240 names, rendered for the OS10 device whose lease the asking address is. */
    private Optional<FileResource> provisioningScript(FileRequest request, PlatformContext context, TemplateSet set)
            throws IOException {
        String path = RequestPath.parse(request.path()).toString();
        if (!path.equals(PROVISIONING_SCRIPT)) {
            return Optional.empty();
        }
        InetAddress from = request.client().getAddress();
        Optional<DeviceRecord> found = byLease(from, context);
        if (found.isEmpty()) {
            return Optional.empty(); // no OS10 device of the inventory holds this address: ZTD ends, as for any missing file
        }
        DeviceRecord device = found.get();
        DeviceIdentity who = withDevice(request.identity(), device);
        context.listener().onEvent(new ProvisioningEvent.DeviceIdentified(Instant.now(), who, device,
                "DHCP lease of " + from.getHostAddress() + " (MAC " + device.mac() + ")"));
        byte[] script;
        try {
            script = set.render(PROVISIONING_SCRIPT, scope(device, context), device.hostname()).getBytes(StandardCharsets.UTF_8);
        } catch (TemplateException e) {
            throw new IOException("cannot render " + path + ": " + e.getMessage(), e);
        }
        context.listener().onEvent(new ProvisioningEvent.ConfigRendered(Instant.now(), who, PROVISIONING_SCRIPT, path, script.length));
        return Optional.of(BytesResource.of(path, script, who));
    }

    private static Optional<DeviceRecord> byLease(InetAddress from, PlatformContext context) {
        return context.leasedDevice(from, ID);
    }

    private static Optional<DeviceRecord> ofThisPlatform(Optional<DeviceRecord> device) {
        return device.filter(d -> ID.equals(d.platform()));
    }

    private static DeviceIdentity withDevice(DeviceIdentity known, DeviceRecord device) {
        DeviceIdentity who = known.withPlatform(ID);
        if (who.mac() == null) {
            who = who.withMac(device.mac());
        }
        if (who.serial() == null && device.serial() != null) {
            who = who.withSerial(device.serial());
        }
        return who;
    }

    /**
     * The user's templates first, then the ones bundled beside this class; built once per user set
     * and kept, so that compiled templates are cached (a reload of the user's set reaches it).
     */
    private TemplateSet templates(PlatformContext context) {
        Templates t = templates;
        if (t != null && t.user() == context.templates()) {
            return t.set();
        }
        TemplateSet.Builder b = TemplateSet.builder();
        if (context.templates() != null) {
            b.fallback(context.templates());
        }
        TemplateSet set = b.classpath(BUNDLED, Os10ZtdAdapter.class.getClassLoader()).build();
        templates = new Templates(context.templates(), set);
        return set;
    }

    private record Templates(TemplateSet user, TemplateSet set) {
    }

    @Override
    public String toString() {
        return displayName() + " (" + ID + ")";
    }
}
