package org.ztp4j.core.files;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ztp4j.core.DeviceIdentity;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.FileProvider;
import org.ztp4j.core.FileRequest;
import org.ztp4j.core.FileResource;
import org.ztp4j.core.Inventory;
import org.ztp4j.core.MacAddress;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.ProvisioningListener;
import org.ztp4j.core.RejectedPathException;
import org.ztp4j.core.RequestPath;
import org.ztp4j.core.SerialNumber;
import org.ztp4j.core.template.TemplateException;
import org.ztp4j.core.template.TemplateSet;

/**
 * Serves files rendered from templates, per device or shared, named by patterns.
 *
 * <p>A pattern is a file name in which a placeholder names the device: {@code {serial}},
 * {@code {mac_hex}} (12 hex digits), {@code {mac}} (any MAC spelling), {@code {hostname}}, or
 * {@code {hostname8}} (the host name cut to 8 characters, as IOS asks for {@code <name>.cfg}).
 * Matching ignores case. The device is looked up in the inventory and its
 * {@link DeviceRecord#templateScope()} rendered, over the globals. A pattern without a placeholder
 * is a shared file: its scope is the globals plus {@code devices} (every device's scope), plus the
 * requesting device's own fields when the request's identity is known.
 *
 * <p>With {@link Builder#platform(String)}, only that platform's devices are served and listed: a
 * file name that names a device of another platform, or one whose platform is not set, is not
 * found, so that one platform's names never return another platform's config. A {@code {hostname8}}
 * name that two devices share (IOS cuts {@code branch-rtr1} and {@code branch-rtr2} both to
 * {@code branch-r}) names neither of them: it is not found, and a warning names both.
 *
 * <pre>{@code
 * FileProvider configs = TemplateFileProvider.builder()
 *         .templates(templates).inventory(inventory).listener(listener)
 *         .globals(Map.of("domain", "example.net"))
 *         .file("conf.{serial}", "nxos/day0.cfg")
 *         .file("network-confg", "ios/network-confg")
 *         .build();
 * }</pre>
 *
 * <p>A template that cannot be rendered (a missing variable) is logged with the template, variable
 * and device, and the request fails with an {@link IOException}: a device never gets half a config.
 */
public final class TemplateFileProvider implements FileProvider {

    private static final Logger LOG = LoggerFactory.getLogger(TemplateFileProvider.class);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(serial|mac_hex|mac|hostname8|hostname)}");

    private final TemplateSet templates;
    private final Inventory inventory;
    private final Map<String, Object> globals;
    private final ProvisioningListener listener;
    private final List<Rule> rules;
    private final String platform;
    private final Function<DeviceRecord, ? extends Map<String, ?>> deviceScope;

    private TemplateFileProvider(Builder b) {
        this.templates = Objects.requireNonNull(b.templates, "templates");
        this.inventory = Objects.requireNonNull(b.inventory, "inventory");
        this.globals = Map.copyOf(b.globals);
        this.listener = b.listener;
        this.rules = List.copyOf(b.rules);
        this.platform = b.platform;
        this.deviceScope = b.deviceScope;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Optional<FileResource> open(FileRequest request) throws IOException {
        String name = RequestPath.parse(request.path()).toString();
        for (Rule rule : rules) {
            Matcher m = rule.regex.matcher(name);
            if (!m.matches()) {
                continue;
            }
            Map<String, Object> scope = new LinkedHashMap<>(globals);
            DeviceRecord device;
            if (rule.key == null) {
                device = inventory.find(request.identity()).filter(this::served).orElse(null);
                scope.put("devices", new DeviceScopes()); // built only when the template lists the devices
            } else {
                device = lookup(rule.key, m.group(1), name).orElse(null);
                if (device == null) {
                    continue; // not our device: a later rule or provider may have the file
                }
                listener.onEvent(new ProvisioningEvent.DeviceIdentified(Instant.now(),
                        merge(request.identity(), device), device, "file name " + name));
            }
            if (device != null) {
                scope.putAll(deviceScope.apply(device));
            }
            String label = device != null ? device.hostname() : request.identity().label();
            byte[] content;
            try {
                content = rule.transform.apply(templates.renderBytes(rule.template, scope, label));
            } catch (TemplateException e) {
                LOG.warn("cannot serve {} to {}: {}", name, label, e.getMessage());
                throw new IOException("cannot render " + name + ": " + e.getMessage(), e);
            }
            DeviceIdentity who = device != null ? merge(request.identity(), device) : request.identity();
            listener.onEvent(new ProvisioningEvent.ConfigRendered(Instant.now(), who, rule.template, name, content.length));
            return Optional.of(device != null ? BytesResource.of(name, content, who) : BytesResource.of(name, content));
        }
        return Optional.empty();
    }

    /**
     * Every device's template scope, for templates that list the devices ({@code network-confg}),
     * built only when a template reads it: a script that every device asks for ({@code poap.py})
     * costs nothing per device in the inventory.
     */
    private final class DeviceScopes extends java.util.AbstractList<Map<String, Object>> {
        private List<Map<String, Object>> scopes;

        private List<Map<String, Object>> scopes() {
            if (scopes == null) {
                List<Map<String, Object>> all = new ArrayList<>();
                inventory.devices().stream().filter(TemplateFileProvider.this::served).forEach(d -> all.add(d.templateScope()));
                scopes = all;
            }
            return scopes;
        }

        @Override
        public Map<String, Object> get(int index) {
            return scopes().get(index);
        }

        @Override
        public int size() {
            return scopes().size();
        }
    }

    /**
     * The device a per-device file name names, as {@link #open} would serve it, without rendering
     * anything: for telling who is behind a request.
     *
     * @param path a requested path
     * @return the device, if one of this provider's per-device rules names exactly one served device
     */
    public Optional<DeviceRecord> device(String path) {
        String name;
        try {
            name = RequestPath.parse(path).toString();
        } catch (RejectedPathException e) {
            return Optional.empty();
        }
        for (Rule rule : rules) {
            Matcher m = rule.regex.matcher(name);
            if (rule.key != null && m.matches()) {
                Optional<DeviceRecord> device = lookup(rule.key, m.group(1), null);
                if (device.isPresent()) {
                    return device;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The name IOS asks for after reading {@code cisconet.cfg}: the host name in lower case, cut
     * to 8 characters ({@code Branch-Rtr1} asks for {@code branch-r.cfg}).
     *
     * @param hostname a host name
     * @return its first 8 characters, in lower case
     */
    public static String hostname8(String hostname) {
        String h = hostname.toLowerCase(Locale.ROOT);
        return h.length() > 8 ? h.substring(0, 8) : h;
    }

    /** @return whether this provider serves the device: any device, or only its platform's */
    private boolean served(DeviceRecord d) {
        return platform == null || platform.equals(d.platform());
    }

    /**
     * @param name the file asked for, to log a refusal with; {@code null} logs nothing
     */
    private Optional<DeviceRecord> lookup(String key, String value, String name) {
        try {
            switch (key) {
                case "serial":
                    return inventory.bySerial(SerialNumber.of(value)).filter(this::served);
                case "mac_hex":
                case "mac":
                    return inventory.byMac(MacAddress.parse(value)).filter(this::served);
                case "hostname":
                    return inventory.byHostname(value).filter(this::served);
                case "hostname8":
                    String cut = value.toLowerCase(Locale.ROOT);
                    List<DeviceRecord> named = inventory.devices().stream()
                            .filter(d -> served(d) && hostname8(d.hostname()).equals(cut)).toList();
                    if (named.size() > 1) {
                        // Never one device's config to another: the name is ambiguous, so it names nobody.
                        if (name != null) {
                            LOG.warn("{} is not served: it names {} (host names cut to 8 characters)", name,
                                    named.stream().map(DeviceRecord::hostname).toList());
                        }
                        return Optional.empty();
                    }
                    return named.stream().findFirst();
                default:
                    throw new IllegalStateException(key);
            }
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }

    private static DeviceIdentity merge(DeviceIdentity known, DeviceRecord record) {
        DeviceIdentity id = known;
        if (id.serial() == null && record.serial() != null) {
            id = id.withSerial(record.serial());
        }
        if (id.mac() == null && record.mac() != null) {
            id = id.withMac(record.mac());
        }
        if (id.platform() == null && record.platform() != null) {
            id = id.withPlatform(record.platform());
        }
        return id;
    }

    @Override
    public String toString() {
        return "templates " + rules;
    }

    private record Rule(String pattern, Pattern regex, String key, String template, UnaryOperator<byte[]> transform) {
        @Override
        public String toString() {
            return pattern + " <- " + template;
        }
    }

    /** Builds a {@link TemplateFileProvider}. */
    public static final class Builder {
        private TemplateSet templates;
        private Inventory inventory;
        private final Map<String, Object> globals = new LinkedHashMap<>();
        private ProvisioningListener listener = ProvisioningListener.NONE;
        private final List<Rule> rules = new ArrayList<>();
        private String platform;
        private Function<DeviceRecord, ? extends Map<String, ?>> deviceScope = DeviceRecord::templateScope;

        private Builder() {
        }

        /**
         * What a device's own file sees over the globals: by default its
         * {@link DeviceRecord#templateScope()}; an adapter passes its own, so that a file it serves
         * is exactly the day-0 it renders.
         *
         * @param scope the variables of a device
         * @return this builder
         */
        public Builder deviceScope(Function<DeviceRecord, ? extends Map<String, ?>> scope) {
            this.deviceScope = Objects.requireNonNull(scope, "scope");
            return this;
        }

        /**
         * Serves only the devices of one platform: a name that names a device of another platform,
         * or one whose platform is not set, is not found, and shared files list only this
         * platform's devices. Without it, every device is served.
         *
         * @param id the platform id, such as {@code ios}
         * @return this builder
         */
        public Builder platform(String id) {
            this.platform = Objects.requireNonNull(id, "platform");
            return this;
        }

        /** @param t the templates @return this builder */
        public Builder templates(TemplateSet t) {
            this.templates = t;
            return this;
        }

        /** @param i the inventory devices are looked up in @return this builder */
        public Builder inventory(Inventory i) {
            this.inventory = i;
            return this;
        }

        /** @param vars variables every template sees (device fields take precedence) @return this builder */
        public Builder globals(Map<String, ?> vars) {
            this.globals.putAll(vars);
            return this;
        }

        /** @param l receives DeviceIdentified and ConfigRendered events @return this builder */
        public Builder listener(ProvisioningListener l) {
            this.listener = Objects.requireNonNull(l);
            return this;
        }

        /**
         * @param pattern  the file name, with at most one placeholder
         * @param template the template to render
         * @return this builder
         */
        public Builder file(String pattern, String template) {
            return file(pattern, template, UnaryOperator.identity());
        }

        /**
         * @param pattern   the file name, with at most one placeholder
         * @param template  the template to render
         * @param transform applied to the rendered bytes before serving (for example, POAP MD5 stamping)
         * @return this builder
         * @throws IllegalArgumentException when the pattern has more than one placeholder or an unknown one
         */
        public Builder file(String pattern, String template, UnaryOperator<byte[]> transform) {
            Matcher m = PLACEHOLDER.matcher(pattern);
            StringBuilder regex = new StringBuilder();
            String key = null;
            int last = 0;
            while (m.find()) {
                if (key != null) {
                    throw new IllegalArgumentException("file pattern '" + pattern + "': more than one placeholder");
                }
                key = m.group(1);
                regex.append(Pattern.quote(pattern.substring(last, m.start()))).append("([^/]+)");
                last = m.end();
            }
            String tail = pattern.substring(last);
            if (tail.contains("{") || tail.contains("}")) {
                throw new IllegalArgumentException("file pattern '" + pattern
                        + "': unknown placeholder (known: {serial}, {mac_hex}, {mac}, {hostname}, {hostname8})");
            }
            regex.append(Pattern.quote(tail));
            rules.add(new Rule(pattern, Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE), key,
                    Objects.requireNonNull(template, "template"), Objects.requireNonNull(transform)));
            return this;
        }

        /** @return the provider */
        public TemplateFileProvider build() {
            return new TemplateFileProvider(this);
        }
    }
}
