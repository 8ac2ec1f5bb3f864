package org.ztp4j.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.ztp4j.core.internal.EditDistance;

/**
 * Checks the settings a user gives against what the installed adapters declare
 * ({@link PlatformAdapter#settings()}): a key no adapter declares is an error naming it and the
 * nearest declared key, so that {@code nxos.tranfser=http} fails at start instead of being ignored,
 * and a value that does not parse is an error naming {@code platform.name=value}.
 *
 * <pre>{@code
 * List<PlatformAdapter> adapters = PlatformAdapters.discover();
 * PlatformSettings.check(adapters, Map.of("nxos.tranfser", "http"));
 * // IllegalArgumentException: unknown setting nxos.tranfser (did you mean nxos.transfer?)
 * }</pre>
 */
public final class PlatformSettings {

    private PlatformSettings() {
    }

    /**
     * Checks every given setting: its key must be one an adapter declares, its value must parse.
     * Settings are checked in the map's order; the first bad one is reported.
     *
     * @param adapters the installed adapters
     * @param settings {@code <platform>.<name>} to value
     * @throws IllegalArgumentException for an unknown key, naming it and the nearest declared key
     *                                  (and an unknown platform), or for a value that does not
     *                                  parse, naming {@code platform.name=value}
     */
    public static void check(List<? extends PlatformAdapter> adapters, Map<String, String> settings) {
        Objects.requireNonNull(adapters, "adapters");
        Objects.requireNonNull(settings, "settings");
        Map<String, PlatformSetting<?>> declared = declared(adapters);
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String key = Objects.requireNonNull(e.getKey(), "setting name");
            PlatformSetting<?> setting = declared.get(key);
            if (setting == null) {
                throw new IllegalArgumentException(unknown(key, adapters, declared.keySet()));
            }
            setting.parse(e.getValue());
        }
    }

    /**
     * @param adapters adapters
     * @return every setting they declare, by key, in the adapters' order
     * @throws IllegalStateException when an adapter declares a setting of another platform, or one key twice
     */
    public static Map<String, PlatformSetting<?>> declared(List<? extends PlatformAdapter> adapters) {
        Map<String, PlatformSetting<?>> all = new LinkedHashMap<>();
        for (PlatformAdapter a : adapters) {
            for (PlatformSetting<?> s : a.settings()) {
                if (!s.platform().equals(a.id())) {
                    throw new IllegalStateException("adapter " + a.id() + " declares " + s.key() + ", a setting of another platform");
                }
                if (all.putIfAbsent(s.key(), s) != null) {
                    throw new IllegalStateException("setting " + s.key() + " is declared twice");
                }
            }
        }
        return all;
    }

    /**
     * The declared key nearest to a given one, by edit distance (insertions, deletions,
     * substitutions and swaps of two neighbouring characters, case ignored); the first declared
     * wins a tie.
     *
     * @param key   what the user wrote
     * @param known the declared keys
     * @return the nearest, or empty when none is known
     */
    public static Optional<String> nearest(String key, Collection<String> known) {
        return Optional.ofNullable(EditDistance.nearest(key, known));
    }

    private static String unknown(String key, List<? extends PlatformAdapter> adapters, Collection<String> known) {
        StringBuilder m = new StringBuilder("unknown setting ").append(key);
        int dot = key.indexOf('.');
        List<String> ids = new ArrayList<>();
        adapters.forEach(a -> ids.add(a.id()));
        if (dot <= 0 || dot == key.length() - 1) {
            m.append(": settings are named PLATFORM.SETTING");
        } else {
            String platform = key.substring(0, dot);
            if (!ids.contains(platform)) {
                m.append(": no installed platform is ").append(platform)
                        .append(" (installed: ").append(String.join(", ", ids)).append(')');
            } else if (adapters.stream().filter(a -> a.id().equals(platform)).allMatch(a -> a.settings().isEmpty())) {
                m.append(": platform ").append(platform).append(" declares no settings");
            }
        }
        Optional<String> near = nearest(key, known);
        if (near.isPresent()) {
            m.append(" (did you mean ").append(near.get()).append("?)");
        } else {
            m.append(" (no installed platform declares any settings)");
        }
        return m.toString();
    }
}
