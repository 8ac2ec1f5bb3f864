package org.ztp4j.examples.cli;

import java.util.List;
import java.util.stream.Collectors;
import org.ztp4j.core.PlatformAdapter;
import org.ztp4j.core.PlatformAdapters;

/** The platform adapters installed with the command, found by ServiceLoader. */
final class Platforms {

    private Platforms() {
    }

    static List<PlatformAdapter> all() {
        return PlatformAdapters.discover(Platforms.class.getClassLoader());
    }

    static PlatformAdapter require(String id) {
        List<PlatformAdapter> all = all();
        return PlatformAdapters.byId(all, id).orElseThrow(() -> new IllegalArgumentException("--platform: '" + id
                + "' is not one of " + all.stream().map(PlatformAdapter::id).collect(Collectors.joining(", "))));
    }
}
