package org.ztp4j.core;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.ztp4j.core.internal.LogText;

/**
 * One setting a {@link PlatformAdapter} declares: its name, type, default and description, and how
 * a value given as text (a command line's {@code --set nxos.transfer=http}, a properties file) is
 * parsed and checked. Settings are named {@code <platform>.<name>}; an adapter lists its own in
 * {@link PlatformAdapter#settings()}, reads them with {@link PlatformContext#setting(PlatformSetting)},
 * and {@link PlatformSettings#check} refuses any key no installed adapter declares.
 *
 * <pre>{@code
 * public static final PlatformSetting<String> TRANSFER = PlatformSetting.oneOf("nxos", "transfer", "tftp",
 *         "how the script downloads its files", "tftp", "http", "https", "scp");
 * public static final PlatformSetting<Boolean> SAVE = PlatformSetting.flag("ios", "save", false,
 *         "add an EEM applet that saves the configuration once");
 *
 * String transfer = context.setting(TRANSFER);   // "tftp" unless nxos.transfer says otherwise
 * }</pre>
 *
 * <p>A blank value means the setting is not given: it takes its default. A value that does not
 * parse is an {@link IllegalArgumentException} whose message names {@code platform.name=value}
 * and what the value must be.
 *
 * @param <T> the type of the parsed value
 */
public final class PlatformSetting<T> {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9._+-]{1,200}");
    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z][A-Za-z0-9/.:-]{0,63}");

    private final String platform;
    private final String name;
    private final String type;
    private final T defaultValue;
    private final String description;
    private final Function<String, T> parser;
    private final List<String> choices;

    private PlatformSetting(String platform, String name, String type, T defaultValue, String description,
                            Function<String, T> parser, List<String> choices) {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(name, "name");
        if (!ID.matcher(platform).matches()) {
            throw new IllegalArgumentException("setting " + platform + "." + name + ": platform '" + platform
                    + "' must be a lower-case id like nxos");
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("setting " + platform + "." + name + ": name '" + name
                    + "' must be lower-case letters, digits and '-'");
        }
        this.platform = platform;
        this.name = name;
        this.type = Objects.requireNonNull(type, "type");
        this.defaultValue = defaultValue;
        this.description = Objects.requireNonNull(description, "description");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.choices = List.copyOf(choices);
    }

    /**
     * A setting of any type: the parser turns the stripped, non-blank text into a value or throws
     * {@link IllegalArgumentException} with what the value must be ({@code "must be a port number"});
     * the message the user sees adds {@code setting platform.name=value: } in front.
     *
     * @param platform     the adapter's id
     * @param name         the setting's name after the id
     * @param type         what the value is, for people ({@code port number})
     * @param defaultValue the value when the setting is not given, or {@code null} for "not set"
     * @param description  what the setting does, one sentence
     * @param parser       text to value
     * @param <T>          the value's type
     * @return the setting
     */
    public static <T> PlatformSetting<T> of(String platform, String name, String type, T defaultValue, String description,
                                            Function<String, T> parser) {
        return new PlatformSetting<>(platform, name, type, defaultValue, description, parser, List.of());
    }

    /**
     * Text that matches a pattern, such as a VRF or user name.
     *
     * @param platform     the adapter's id
     * @param name         the setting's name
     * @param defaultValue the value when not given, or {@code null}
     * @param description  what the setting does
     * @param pattern      what a value must match, whole
     * @param what         what a value is, with its article ({@code a VRF name}): a bad value is
     *                     "not " + what
     * @return the setting
     */
    public static PlatformSetting<String> text(String platform, String name, String defaultValue, String description,
                                               String pattern, String what) {
        Pattern p = Pattern.compile(pattern);
        return of(platform, name, "text (" + what + ")", defaultValue, description, v -> {
            if (!p.matcher(v).matches()) {
                throw new IllegalArgumentException("not " + what);
            }
            return v;
        });
    }

    /**
     * {@code true} or {@code false} (case ignored).
     *
     * @param platform     the adapter's id
     * @param name         the setting's name
     * @param defaultValue the value when not given
     * @param description  what {@code true} does
     * @return the setting
     */
    public static PlatformSetting<Boolean> flag(String platform, String name, boolean defaultValue, String description) {
        return of(platform, name, "boolean", defaultValue, description, v -> {
            if (v.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (v.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
            throw new IllegalArgumentException("must be true or false");
        });
    }

    /**
     * One of a few words, compared without case; the value is the word in lower case.
     *
     * @param platform     the adapter's id
     * @param name         the setting's name
     * @param defaultValue the value when not given, one of the choices
     * @param description  what the setting chooses
     * @param choices      the words it may take, in lower case
     * @return the setting
     */
    public static PlatformSetting<String> oneOf(String platform, String name, String defaultValue, String description,
                                                String... choices) {
        List<String> allowed = Arrays.asList(choices.clone());
        if (defaultValue != null && !allowed.contains(defaultValue)) {
            throw new IllegalArgumentException("setting " + platform + "." + name + ": default '" + defaultValue
                    + "' is not one of " + String.join(", ", allowed));
        }
        return new PlatformSetting<>(platform, name, "one of " + String.join("|", allowed), defaultValue, description, v -> {
            String lower = v.toLowerCase(Locale.ROOT);
            if (!allowed.contains(lower)) {
                throw new IllegalArgumentException("must be one of " + String.join(", ", allowed));
            }
            return lower;
        }, allowed);
    }

    /**
     * A plain file name (an image under the served root): no directories, not hidden. Not set by default.
     *
     * @param platform    the adapter's id
     * @param name        the setting's name
     * @param description what the file is for
     * @return the setting
     */
    public static PlatformSetting<String> fileName(String platform, String name, String description) {
        return of(platform, name, "file name", null, description, v -> {
            if (!FILE_NAME.matcher(v).matches() || v.startsWith(".")) {
                throw new IllegalArgumentException("must be a plain file name (letters, digits, '.', '_', '+', '-')");
            }
            return v;
        });
    }

    /**
     * An interface name such as {@code GigabitEthernet0/0} or {@code mgmt0}.
     *
     * @param platform     the adapter's id
     * @param name         the setting's name
     * @param defaultValue the interface when not given
     * @param description  what the interface is for
     * @return the setting
     */
    public static PlatformSetting<String> interfaceName(String platform, String name, String defaultValue, String description) {
        return of(platform, name, "interface name", defaultValue, description, v -> {
            if (!INTERFACE.matcher(v).matches()) {
                throw new IllegalArgumentException("not an interface name");
            }
            return v;
        });
    }

    /**
     * A whole number in a range, such as a port.
     *
     * @param platform     the adapter's id
     * @param name         the setting's name
     * @param defaultValue the number when not given, or {@code null}
     * @param min          the smallest value allowed
     * @param max          the largest value allowed
     * @param description  what the number is
     * @return the setting
     */
    public static PlatformSetting<Integer> integer(String platform, String name, Integer defaultValue, int min, int max,
                                                   String description) {
        return of(platform, name, "integer " + min + ".." + max, defaultValue, description, v -> {
            try {
                int n = Integer.parseInt(v);
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("must be a whole number " + min + ".." + max);
        });
    }

    /** @return the adapter's id, the part before the dot */
    public String platform() {
        return platform;
    }

    /** @return the setting's name after the dot */
    public String name() {
        return name;
    }

    /** @return {@code <platform>.<name>}, as users write it */
    public String key() {
        return platform + "." + name;
    }

    /** @return what the value is, for people: {@code boolean}, {@code one of tftp|http}, {@code file name}, ... */
    public String type() {
        return type;
    }

    /** @return the value when the setting is not given; {@code null} when it is then simply not set */
    public T defaultValue() {
        return defaultValue;
    }

    /** @return the default as text, {@code none} when there is none */
    public String defaultText() {
        return defaultValue == null ? "none" : String.valueOf(defaultValue);
    }

    /** @return what the setting does, one sentence */
    public String description() {
        return description;
    }

    /** @return the words a one-of setting takes; empty for other settings */
    public List<String> choices() {
        return choices;
    }

    /**
     * Parses a value as given by a user.
     *
     * @param text the value; {@code null} or blank means not given
     * @return the parsed value, or the default when the text is null or blank
     * @throws IllegalArgumentException {@code "setting platform.name=value: must be ..."}
     */
    public T parse(String text) {
        if (text == null || text.isBlank()) {
            return defaultValue;
        }
        String v = text.strip();
        try {
            return Objects.requireNonNull(parser.apply(v), "parser returned null");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("setting " + key() + "=" + LogText.of(v) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return key() + " (" + type + ", default " + defaultText() + ")";
    }
}
