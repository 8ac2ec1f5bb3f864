package org.ztp4j.examples.cli;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.ztp4j.core.PlatformAdapter;
import org.ztp4j.core.PlatformAdapters;
import org.ztp4j.core.PlatformSettings;

/** The platform adapters installed with the command, found by ServiceLoader. */
final class Platforms {

    private Platforms() {
    }

    static List<PlatformAdapter> all() {
        return PlatformAdapters.discover(Platforms.class.getClassLoader());
    }

    /**
     * Checks {@code --set} values against the settings the installed adapters declare.
     *
     * @param settings {@code PLATFORM.SETTING} to value
     * @throws IllegalArgumentException naming an unknown setting and the nearest known one, or a bad value
     */
    static void checkSettings(Map<String, String> settings) {
        try {
            PlatformSettings.check(all(), settings);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--set: " + e.getMessage(), e);
        }
    }

    static PlatformAdapter require(String id) {
        List<PlatformAdapter> all = all();
        return PlatformAdapters.byId(all, id).orElseThrow(() -> new IllegalArgumentException("--platform: '" + id
                + "' is not one of " + all.stream().map(PlatformAdapter::id).collect(Collectors.joining(", "))));
    }
}
