package org.ztp4j.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.ztp4j.core.DeviceIdentity;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.FileResource;
import org.ztp4j.core.PlatformAdapter;
import org.ztp4j.core.PlatformContext;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.files.BytesResource;
import org.ztp4j.core.files.TemplateFileProvider;
import org.ztp4j.core.template.TemplateException;
import org.ztp4j.core.template.TemplateSet;

/**
 * What the bundled adapters share: the template set (the user's templates first, then the ones
 * bundled with the adapter), the variables a template sees, day-0 rendering and the events that go
 * with serving it, and settings parsing. A custom adapter may extend it too.
 *
 * <p>Variables, from weakest to strongest: the adapter's {@linkplain #defaults(PlatformContext)
 * defaults} (derived from its settings), the {@linkplain PlatformContext#globals() globals}, then the
 * device's own {@link DeviceRecord#templateScope()}. A device can therefore override a global
 * ({@code admin_user} for one switch) and a global can override an adapter default.
 *
 * <p>Bundled templates are read with {@link Class#getResourceAsStream(String)} from the adapter's own
 * class, so they are found on the class path and on the module path alike (a named module's
 * resources are not visible through a class loader).
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

    /**
     * @param id               the platform id, also the settings prefix
     * @param displayName      a name for people
     * @param day0Template     the day-0 template's name, such as {@code nxos/day0.cfg}
     * @param bundledTemplates the names of the templates this adapter ships under
     *                         {@value #BUNDLED_TEMPLATES}, the day-0 template among them
     * @throws IllegalStateException when a bundled template is missing from the jar
     */
    protected TemplatedPlatformAdapter(String id, String displayName, String day0Template, String... bundledTemplates) {
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
        scope.putAll(context.globals());
        return scope;
    }

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
        return scope;
    }

    @Override
    public String day0Config(DeviceRecord device, PlatformContext context) {
        return templates(context).render(day0Template, scope(device, context), device.hostname());
    }

    /**
     * A template file provider builder already wired to this adapter's templates, the inventory,
     * the listener and the {@linkplain #sharedScope shared scope}; the adapter adds its file rules.
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
                .globals(sharedScope(context));
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
        DeviceIdentity who = merge(requester, device).withPlatform(id);
        context.listener().onEvent(new ProvisioningEvent.DeviceIdentified(Instant.now(), who, device, how));
        byte[] content;
        try {
            content = templates.renderBytes(day0Template, scope(device, context), device.hostname());
        } catch (TemplateException e) {
            throw new IOException("cannot render " + path + ": " + e.getMessage(), e);
        }
        context.listener().onEvent(new ProvisioningEvent.ConfigRendered(Instant.now(), who, day0Template, path, content.length));
        return BytesResource.of(path, content);
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
     * Reads one of this adapter's settings that takes one of a few values.
     *
     * @param context  the context
     * @param name     the setting's name without the platform prefix
     * @param fallback the value when it is not set
     * @param allowed  the values it may take (compared without case; the fallback among them)
     * @return the value, lower-cased
     * @throws IllegalArgumentException naming the setting, the value and the allowed values
     */
    protected String choice(PlatformContext context, String name, String fallback, String... allowed) {
        String value = context.setting(id, name, fallback).strip().toLowerCase(Locale.ROOT);
        if (!Arrays.asList(allowed).contains(value)) {
            throw new IllegalArgumentException("setting " + id + "." + name + "=" + value + ": must be one of "
                    + String.join(", ", allowed));
        }
        return value;
    }

    /**
     * Reads an optional file name setting (an image, say): blank means not set.
     *
     * @param context the context
     * @param name    the setting's name without the platform prefix
     * @return the file name, or {@code null} when not set
     * @throws IllegalArgumentException naming the setting when the value is not a plain file name
     */
    protected String fileNameSetting(PlatformContext context, String name) {
        String value = context.setting(id, name, "").strip();
        if (value.isEmpty()) {
            return null;
        }
        if (!value.matches("[A-Za-z0-9._+-]{1,200}") || value.startsWith(".")) {
            throw new IllegalArgumentException("setting " + id + "." + name + "=" + value
                    + ": must be a plain file name (letters, digits, '.', '_', '+', '-')");
        }
        return value;
    }

    /**
     * A setting that names an interface, such as {@code ios.mgmt-interface}.
     *
     * @param context  the context
     * @param name     the setting's name after the platform id
     * @param fallback the value when the setting is not given
     * @return the interface name
     * @throws IllegalArgumentException naming the setting when the value is not an interface name
     */
    protected String interfaceSetting(PlatformContext context, String name, String fallback) {
        String value = context.setting(id, name, fallback).strip();
        if (!value.matches("[A-Za-z][A-Za-z0-9/.:-]{0,63}")) {
            throw new IllegalArgumentException("setting " + id + "." + name + "=" + value + ": not an interface name");
        }
        return value;
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
        try (InputStream in = getClass().getResourceAsStream(BUNDLED_TEMPLATES + name)) {
            if (in == null) {
                throw new IllegalStateException(id + ": bundled template " + BUNDLED_TEMPLATES + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled template " + name, e);
        }
    }

    @Override
    public String toString() {
        return displayName + " (" + id + ")";
    }
}
