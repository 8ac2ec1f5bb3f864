package org.ztp4j.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ztp4j.core.BootServers;
import org.ztp4j.core.Day0Access;
import org.ztp4j.core.DeviceIdentity;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.FileProvider;
import org.ztp4j.core.FileRequest;
import org.ztp4j.core.FileResource;
import org.ztp4j.core.PlatformAdapter;
import org.ztp4j.core.PlatformContext;
import org.ztp4j.core.PlatformSetting;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.RejectedPathException;
import org.ztp4j.core.RequestPath;
import org.ztp4j.core.SerialNumber;
import org.ztp4j.core.files.BytesResource;
import org.ztp4j.core.files.FileProviders;
import org.ztp4j.core.files.Md5SidecarProvider;
import org.ztp4j.core.files.TemplateFileProvider;
import org.ztp4j.core.http.HttpEndpoint;
import org.ztp4j.core.template.TemplateException;
import org.ztp4j.core.template.TemplateSet;
import org.ztp4j.platform.internal.ByClientAddress;

/**
 * What the bundled adapters share: the template set (the user's templates first, then the ones
 * bundled with the adapter), the variables a template sees, day-0 rendering and the events that go
 * with serving it, and reading its declared settings. A custom adapter may extend it too.
 *
 * <p>Variables, from weakest to strongest: the adapter's {@linkplain #defaults(PlatformContext)
 * defaults} (derived from its settings), the {@linkplain PlatformContext#globals() globals}, then the
 * device's own {@link DeviceRecord#templateScope()}. A device can therefore override a global
 * ({@code admin_user} for one switch) and a global can override an adapter default.
 *
 * <p>The shipped adapters' templates are read from this module. An adapter of your own passes a
 * function that opens its templates with its own class (see the constructors): a named module's
 * resources are visible only to that module's code, so this is what makes them load on the module
 * path as on the class path.
 *
 * <pre>{@code
 * public final class JunosAdapter extends TemplatedPlatformAdapter {
 *     public JunosAdapter() {
 *         super("junos", "Juniper Junos ZTP", "junos/day0.cfg");
 *     }
 *     ...
 * }
 * }</pre>
 */
public abstract class TemplatedPlatformAdapter implements PlatformAdapter {

    /** Where the bundled templates live on the class path. */
    public static final String BUNDLED_TEMPLATES = "/org/ztp4j/platform/templates/";

    private final String id;
    private final String displayName;
    private final String day0Template;
    private final Map<String, String> bundled;
    private final Function<String, InputStream> source;

    /**
     * @param id               the platform id, also the settings prefix
     * @param displayName      a name for people
     * @param day0Template     the day-0 template's name, such as {@code nxos/day0.cfg}
     * @param bundledTemplates the names of the templates this adapter ships under
     *                         {@value #BUNDLED_TEMPLATES}, the day-0 template among them
     * @throws IllegalStateException when a bundled template is missing from the jar
     */
    protected TemplatedPlatformAdapter(String id, String displayName, String day0Template, String... bundledTemplates) {
        this(id, displayName, day0Template, null, bundledTemplates);
    }

    /**
     * For an adapter of your own, in a module of its own: bundled templates are read with your
     * class, so they are found on the module path as on the class path (a named module's
     * resources are visible only to code of that module).
     *
     * <pre>{@code
     * public AcmeAdapter() {
     *     super("acme", "Acme OS ZTP", "acme/day0.cfg",
     *             name -> AcmeAdapter.class.getResourceAsStream("templates/" + name), "acme/day0.cfg");
     * }
     * }</pre>
     *
     * @param id               the platform id, also the settings prefix
     * @param displayName      a name for people
     * @param day0Template     the day-0 template's name, such as {@code acme/day0.cfg}
     * @param source           opens a bundled template by name (null when not found); {@code null}
     *                         reads them under {@value #BUNDLED_TEMPLATES} with {@code getClass()}
     * @param bundledTemplates the names of the templates this adapter ships, the day-0 template among them
     * @throws IllegalStateException when a bundled template cannot be found
     */
    protected TemplatedPlatformAdapter(String id, String displayName, String day0Template,
                                       Function<String, InputStream> source, String... bundledTemplates) {
        this.source = source != null ? source : name -> getClass().getResourceAsStream(BUNDLED_TEMPLATES + name);
        this.id = Objects.requireNonNull(id, "id");
        this.displayName = Objects.requireNonNull(displayName, "displayName");
        this.day0Template = Objects.requireNonNull(day0Template, "day0Template");
        Map<String, String> texts = new LinkedHashMap<>();
        for (String name : bundledTemplates) {
            texts.put(name, readBundled(name));
        }
        this.bundled = Map.copyOf(texts);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String displayName() {
        return displayName;
    }

    /** @return the name of the day-0 template, which a user overrides by a file of that name in their template folder */
    public final String day0Template() {
        return day0Template;
    }

    /**
     * The templates this adapter renders with: the user's (if any) first, then the bundled ones.
     *
     * @param context the context, whose {@link PlatformContext#templates()} may be {@code null}
     * @return the template set
     */
    public TemplateSet templates(PlatformContext context) {
        // Built once per user set and kept: compiled templates are cached inside it, and a reload of
        // the user's set reaches it (TemplateSet tracks the sets it falls back to).
        Combined c = combined;
        if (c != null && c.user() == context.templates()) {
            return c.set();
        }
        TemplateSet.Builder b = TemplateSet.builder();
        if (context.templates() != null) {
            b.fallback(context.templates());
        }
        TemplateSet set = b.templates(bundled).build();
        combined = new Combined(context.templates(), set);
        return set;
    }

    private record Combined(TemplateSet user, TemplateSet set) {
    }

    private volatile Combined combined;

    /**
     * Variables this adapter adds below the globals, usually derived from its settings (for example
     * {@code mgmt_interface} from {@code ios.mgmt-interface}). The default adds none.
     *
     * @param context the context
     * @return the variables (a new mutable map)
     */
    protected Map<String, Object> defaults(PlatformContext context) {
        return new LinkedHashMap<>();
    }

    /**
     * The variables every template of this adapter sees for files that are not a device's own:
     * the adapter's defaults under the globals.
     *
     * @param context the context
     * @return a new mutable map
     */
    public Map<String, Object> sharedScope(PlatformContext context) {
        Map<String, Object> scope = defaults(context);
        scope.put(ACCESS_PATH, "");
        scope.putAll(context.globals());
        return scope;
    }

    /**
     * The variable a script's file names start with: {@code t/<token>/} when the script was rendered
     * for a device under {@link org.ztp4j.core.Day0Access#TOKEN}, else empty. A script puts it after
     * the server's base and before each file name it fetches, so that its device's token travels on.
     */
    public static final String ACCESS_PATH = "access_path";

    /**
     * The variable holding the device's token, which a script sends with its report
     * ({@link DeviceReportHandler}: header {@code ZTP4J-Device-Token}). Only in a device's own files.
     */
    public static final String DEVICE_TOKEN = "device_token";

    /**
     * The variables the day-0 template sees for one device.
     *
     * @param device  the device
     * @param context the context
     * @return a new mutable map: defaults, then globals, then the device's own fields
     */
    public Map<String, Object> scope(DeviceRecord device, PlatformContext context) {
        Map<String, Object> scope = sharedScope(context);
        scope.putAll(device.templateScope());
        scope.put(ACCESS_PATH, context.access().pathPrefix(device));
        scope.put(DEVICE_TOKEN, context.access().tokens().tokenFor(device));
        return scope;
    }

    @Override
    public String day0Config(DeviceRecord device, PlatformContext context) {
        return templates(context).render(day0Template, scope(device, context), device.hostname());
    }

    /**
     * A template file provider builder already wired to this adapter's templates, the inventory,
     * the listener, the {@linkplain #sharedScope shared scope} and a device's {@linkplain #scope
     * scope} (so a device's file is exactly its {@link #day0Config}); the adapter adds its file rules.
     * It serves only this platform's devices ({@link TemplateFileProvider.Builder#platform}): a
     * device is served under its own platform's names alone, and a device whose platform is not
     * set under none.
     *
     * @param context   the context
     * @param templates the template set to use (normally {@link #templates(PlatformContext)})
     * @return the builder
     */
    protected TemplateFileProvider.Builder templateFiles(PlatformContext context, TemplateSet templates) {
        return TemplateFileProvider.builder()
                .templates(templates)
                .inventory(context.inventory())
                .listener(context.listener())
                .globals(sharedScope(context))
                .deviceScope(d -> scope(d, context))
                .platform(id);
    }

    /**
     * Renders a device's day-0 as a file and reports it: {@code DeviceIdentified} (with how it was
     * identified) and {@code ConfigRendered}.
     *
     * @param device    the device
     * @param path      the path the device asked for
     * @param requester what was known of the requester
     * @param how       how the device was identified, for the event
     * @param context   the context
     * @param templates the template set
     * @return the file
     * @throws IOException when the template cannot be rendered (a device never gets half a config)
     */
    protected FileResource serveDay0(DeviceRecord device, String path, DeviceIdentity requester, String how,
                                     PlatformContext context, TemplateSet templates) throws IOException {
        return serveDay0(device, path, requester, how, context, templates, "");
    }

    /**
     * {@link #serveDay0(DeviceRecord, String, DeviceIdentity, String, PlatformContext, TemplateSet)}
     * with text put before the rendered day-0 (a comment line the device's script reads, say).
     *
     * @param device    the device
     * @param path      the path the device asked for
     * @param requester what was known of the requester
     * @param how       how the device was identified, for the event
     * @param context   the context
     * @param templates the template set
     * @param head      text served before the day-0 (may be empty)
     * @return the file
     * @throws IOException when the template cannot be rendered
     */
    protected FileResource serveDay0(DeviceRecord device, String path, DeviceIdentity requester, String how,
                                     PlatformContext context, TemplateSet templates, String head) throws IOException {
        DeviceIdentity who = merge(requester, device).withPlatform(id);
        context.listener().onEvent(new ProvisioningEvent.DeviceIdentified(Instant.now(), who, device, how));
        byte[] content;
        try {
            content = templates.renderBytes(day0Template, scope(device, context), device.hostname());
        } catch (TemplateException e) {
            throw new IOException("cannot render " + path + ": " + e.getMessage(), e);
        }
        if (!head.isEmpty()) {
            byte[] h = head.getBytes(StandardCharsets.UTF_8);
            byte[] all = new byte[h.length + content.length];
            System.arraycopy(h, 0, all, 0, h.length);
            System.arraycopy(content, 0, all, h.length, content.length);
            content = all;
        }
        context.listener().onEvent(new ProvisioningEvent.ConfigRendered(Instant.now(), who, day0Template, path, content.length));
        return BytesResource.of(path, content, who);
    }

    /**
     * @param known  what was known of a requester
     * @param device the inventory record it turned out to be
     * @return the identity with the record's serial and MAC filled in where unknown
     */
    protected static DeviceIdentity merge(DeviceIdentity known, DeviceRecord device) {
        DeviceIdentity who = known;
        if (who.serial() == null && device.serial() != null) {
            who = who.withSerial(device.serial());
        }
        if (who.mac() == null && device.mac() != null) {
            who = who.withMac(device.mac());
        }
        return who;
    }

    /**
     * Reads one of this adapter's declared settings ({@link #settings()}), typed.
     *
     * @param context the context
     * @param setting the setting, one of {@link #settings()}
     * @param <T>     its type
     * @return its value, or its default
     * @throws IllegalArgumentException naming {@code platform.name=value} when the value does not parse
     * @throws IllegalStateException    when the adapter reads a setting it does not declare: every
     *                                  setting a user may give must be listed, so that a misspelt
     *                                  one is refused
     */
    protected <T> T setting(PlatformContext context, PlatformSetting<T> setting) {
        if (!settings().contains(setting)) {
            throw new IllegalStateException(id + " reads setting " + setting.key() + " without declaring it in settings()");
        }
        return context.setting(setting);
    }

    /**
     * @param names the template names to check
     * @param context the context
     * @throws TemplateException when one of them is missing or does not parse
     */
    protected void checkTemplates(List<String> names, PlatformContext context) {
        TemplateSet t = templates(context);
        names.forEach(t::check);
    }

    private String readBundled(String name) {
        try (InputStream in = source.apply(name)) {
            if (in == null) {
                throw new IllegalStateException(id + ": bundled template " + name + " not found (" + getClass().getName()
                        + " on the module path: pass your own class's getResourceAsStream to the constructor)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled template " + name, e);
        }
    }

    /**
     * Tells the device behind a request whose path carries its serial, such as
     * {@code ztp/day0/<SERIAL>.cfg}: the first group of the pattern is the serial.
     *
     * @param path    the pattern a device's own path matches, the serial in group 1
     * @param request the request
     * @param context the inventory
     * @return the inventory device of this platform with that serial, if the path matches and it is known
     */
    protected Optional<DeviceRecord> identifyBySerial(Pattern path, FileRequest request, PlatformContext context) {
        try {
            Matcher m = path.matcher(RequestPath.parse(request.path()).toString());
            return m.matches()
                    ? context.inventory().bySerial(SerialNumber.of(m.group(1))).filter(d -> id.equals(d.platform()))
                    : Optional.empty();
        } catch (RejectedPathException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Serves each device its day-0 under a path that carries its serial (see
     * {@link #identifyBySerial}), with a first line {@code ! ztp4j-device-token <TOKEN>} that gives
     * the device's script the proof its report needs ({@link DeviceReportHandler#TOKEN_LINE}). For
     * configurations that take a line starting with {@code !} as a comment.
     *
     * @param path      the pattern the day-0's path matches, the serial in group 1
     * @param context   the context
     * @param templates the template set
     * @return the provider
     */
    protected FileProvider day0BySerialWithToken(Pattern path, PlatformContext context, TemplateSet templates) {
        return day0BySerialWithToken(path, "!", context, templates);
    }

    /**
     * {@link #day0BySerialWithToken(Pattern, PlatformContext, TemplateSet)} for configurations whose
     * comments start otherwise: the first line is {@code <comment> ztp4j-device-token <TOKEN>}, such
     * as {@code # ztp4j-device-token <TOKEN>} for Junos.
     *
     * @param path      the pattern the day-0's path matches, the serial in group 1
     * @param comment   what starts a comment line in the platform's configuration, such as {@code #}
     * @param context   the context
     * @param templates the template set
     * @return the provider
     */
    protected FileProvider day0BySerialWithToken(Pattern path, String comment, PlatformContext context, TemplateSet templates) {
        return new FileProvider() {
            @Override
            public Optional<FileResource> open(FileRequest request) throws IOException {
                Optional<DeviceRecord> device = identifyBySerial(path, request, context);
                if (device.isEmpty()) {
                    return Optional.empty();
                }
                String name = RequestPath.parse(request.path()).toString();
                String head = comment + " " + DeviceReportHandler.TOKEN_LINE + " " + context.access().tokens().tokenFor(device.get()) + "\n";
                return Optional.of(serveDay0(device.get(), name, request.identity(), "file name " + name, context, templates, head));
            }

            @Override
            public String toString() {
                return displayName + " day-0 configs by serial";
            }
        };
    }

    /**
     * The files of a platform whose DHCP offer names one configuration file for all its devices
     * (Junos's option 43 sub-option 1, AOS-CX's option 67): each device's day-0 under that shared
     * name, told apart by client address ({@link #day0ByClientAddress}); the same day-0 by serial
     * under {@code bySerial}; and an {@code .md5} sidecar of each.
     *
     * @param sharedName the name every device asks for, such as {@code junos/ztp.conf}
     * @param bySerial   the day-0's name by serial, with {@code {serial}} in it, such as
     *                   {@code junos/day0/{serial}.conf}
     * @param context    the context
     * @return the provider
     * @throws TemplateException when the day-0 template is missing or does not parse
     */
    protected FileProvider sharedDay0Files(String sharedName, String bySerial, PlatformContext context) {
        TemplateSet templates = templates(context);
        checkTemplates(List.of(day0Template), context);
        FileProvider serial = templateFiles(context, templates).file(bySerial, day0Template).build();
        return new Md5SidecarProvider(FileProviders.chain(serial, day0ByClientAddress(sharedName, context, templates)));
    }

    /** Each {@code bySerial} name's pattern, compiled once: a platform has one or two such names. */
    private static final ConcurrentMap<String, Pattern> BY_SERIAL_PATTERNS = new ConcurrentHashMap<>();

    private static Pattern bySerialPattern(String bySerial) {
        int at = bySerial.indexOf("{serial}");
        return Pattern.compile(Pattern.quote(bySerial.substring(0, at)) + "([^/]+)"
                + Pattern.quote(bySerial.substring(at + "{serial}".length())), Pattern.CASE_INSENSITIVE);
    }

    /**
     * The device {@link #sharedDay0Files} serves a request to: by the serial in the path, else by the
     * client address of a request for the shared name.
     *
     * @param sharedName the name every device asks for
     * @param bySerial   the day-0's name by serial, with {@code {serial}} in it (case is ignored)
     * @param request    the request
     * @param context    the inventory and leases
     * @return the device of this platform, if the request is for one of its files
     */
    protected Optional<DeviceRecord> identifySharedDay0(String sharedName, String bySerial, FileRequest request,
                                                        PlatformContext context) {
        Pattern path = BY_SERIAL_PATTERNS.computeIfAbsent(bySerial, TemplatedPlatformAdapter::bySerialPattern);
        Optional<DeviceRecord> device = identifyBySerial(path, request, context);
        return device.isPresent() ? device : identifyByClientAddress(sharedName, request, context);
    }

    /**
     * Under day-0 access {@code token}, a device's own day-0 by serial with its token before it, such
     * as {@code t/<token>/junos/day0/<SERIAL>.conf}: the first file the device fetches, named in its
     * own reservation (a platform whose shared name tells devices apart by lease alone).
     *
     * @param bySerial the day-0's name by serial, with {@code {serial}} in it
     * @param device   the device
     * @param context  the access mode and tokens
     * @return the name, or empty when the mode is not {@code token}
     * @throws IllegalArgumentException naming the device under {@code token} when it has no serial
     */
    protected Optional<String> tokenDay0Name(String bySerial, DeviceRecord device, PlatformContext context) {
        if (context.access().mode() != Day0Access.TOKEN) {
            return Optional.empty();
        }
        if (device.serial() == null) {
            throw new IllegalArgumentException("device " + device.hostname() + " (" + id + "): " + needsSerial(bySerial));
        }
        return Optional.of(context.access().pathPrefix(device) + bySerial.replace("{serial}", device.serial().value()));
    }

    /**
     * Refuses, under day-0 access {@code token}, a device without a serial, whose own file
     * {@link #tokenDay0Name} could not name (for a device's scope: the inventory load reports it).
     *
     * @param bySerial the day-0's name by serial, with {@code {serial}} in it
     * @param device   the device
     * @param context  the access mode
     * @throws IllegalArgumentException under {@code token} when the device has no serial
     */
    protected void requireSerialUnderToken(String bySerial, DeviceRecord device, PlatformContext context) {
        if (device.serial() == null && context.access().mode() == Day0Access.TOKEN) {
            throw new IllegalArgumentException(needsSerial(bySerial));
        }
    }

    private static String needsSerial(String bySerial) {
        return "day-0 access token needs its serial (its reservation names " + bySerial.replace("{serial}", "<SERIAL>") + ")";
    }

    /**
     * Where this adapter's scripts report, {@code POST <prefix>/<SERIAL>} ({@link DeviceReportHandler}),
     * or {@code null} (the default) when its devices report nothing. With a prefix,
     * {@link #httpPrefixes()} lists it and {@link #httpEndpoint} serves it.
     *
     * @return the prefix, starting with {@code /}, or {@code null}
     */
    protected String reportPrefix() {
        return null;
    }

    /** @return {@link #reportPrefix()} alone, or none */
    @Override
    public List<String> httpPrefixes() {
        String report = reportPrefix();
        return report == null ? List.of() : List.of(report);
    }

    /**
     * @return a {@link DeviceReportHandler} for {@link #reportPrefix()}
     * @throws IllegalArgumentException when the prefix is not {@link #reportPrefix()}
     */
    @Override
    public HttpEndpoint httpEndpoint(String prefix, PlatformContext context) {
        String report = reportPrefix();
        if (report == null || !report.equals(prefix)) {
            throw new IllegalArgumentException(id + ": no HTTP endpoint at '" + prefix + "'"
                    + (report == null ? "" : " (only " + report + ")"));
        }
        return new DeviceReportHandler(id, report, context);
    }

    /**
     * Adds {@code image} and {@code release} to a script's variables when the image setting is given,
     * for a platform that installs an image only on a device not already running its release.
     *
     * @param variables where to add them
     * @param image     the image setting ({@code <platform>.image})
     * @param release   the release setting that says what the image holds ({@code <platform>.release})
     * @param example   a release number of this platform, for the error message
     * @param context   the settings
     * @throws IllegalArgumentException naming both settings when the image is given without its release
     */
    protected void putImageWithRelease(Map<String, Object> variables, PlatformSetting<String> image,
                                       PlatformSetting<String> release, String example, PlatformContext context) {
        String file = setting(context, image);
        String holds = setting(context, release);
        if (file != null && holds == null) {
            throw new IllegalArgumentException("setting " + image.key() + "=" + file + " needs " + release.key()
                    + " (the release the image holds, such as " + example + "), so that a device already on it is not"
                    + " installed again");
        }
        if (file != null) {
            variables.put("image", file);
            variables.put("release", holds);
        }
    }

    /**
     * Adds what a script fetching and reporting over HTTP needs: {@code files_base}, the HTTP base
     * URL, and {@code report_base}, the URL of {@link #reportPrefix()}; both empty without an HTTP server.
     *
     * @param variables where to add them
     * @param context   the servers
     */
    protected void putHttpBases(Map<String, Object> variables, PlatformContext context) {
        BootServers servers = context.servers();
        variables.put("files_base", servers.httpBase() == null ? "" : servers.httpBase().toString());
        variables.put("report_base", servers.httpBase() == null || reportPrefix() == null ? "" : servers.httpUrl(reportPrefix()));
    }

    /**
     * Serves, under one file name that every device of this platform asks for (the configuration
     * file a DHCP class names, such as Junos's option 43 sub-option 1), each device its own day-0:
     * the device is told apart by the request's source address, through its DHCP lease's MAC (never
     * by an inventory management address, which anyone may take first). A request from any other
     * address is not found.
     *
     * @param name      the shared file name, as served (compared exactly)
     * @param context   the context
     * @param templates the template set
     * @return the provider
     */
    protected FileProvider day0ByClientAddress(String name, PlatformContext context, TemplateSet templates) {
        return new FileProvider() {
            @Override
            public Optional<FileResource> open(FileRequest request) throws IOException {
                Optional<ByClientAddress.Found> found = isPath(name, request)
                        ? ByClientAddress.find(request, id, context) : Optional.empty();
                return found.isEmpty() ? Optional.empty()
                        : Optional.of(serveDay0(found.get().device(), name, request.identity(), found.get().how(), context, templates));
            }

            @Override
            public String toString() {
                return displayName + " " + name + " by client address";
            }
        };
    }

    /**
     * @param name    the shared file name {@link #day0ByClientAddress} serves
     * @param request the request
     * @param context the inventory and leases
     * @return the device of this platform behind the request, when it asks for that name from a known address
     */
    protected Optional<DeviceRecord> identifyByClientAddress(String name, FileRequest request, PlatformContext context) {
        return isPath(name, request) ? ByClientAddress.find(request, id, context).map(ByClientAddress.Found::device) : Optional.empty();
    }

    private static boolean isPath(String name, FileRequest request) {
        try {
            return RequestPath.parse(request.path()).toString().equals(name);
        } catch (RejectedPathException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return displayName + " (" + id + ")";
    }
}
