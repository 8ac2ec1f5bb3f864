package org.ztp4j.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** Finds {@link PlatformAdapter}s on the class path or module path. */
public final class PlatformAdapters {

    private PlatformAdapters() {
    }

    /**
     * Loads every adapter declared with {@link ServiceLoader}, with this library's class loader.
     *
     * @return the adapters, in the order found
     * @throws IllegalStateException when two adapters claim the same id
     */
    public static List<PlatformAdapter> discover() {
        return discover(PlatformAdapters.class.getClassLoader());
    }

    /**
     * @param loader where to look
     * @return the adapters, in the order found
     * @throws IllegalStateException when two adapters claim the same id
     */
    public static List<PlatformAdapter> discover(ClassLoader loader) {
        Map<String, PlatformAdapter> byId = new LinkedHashMap<>();
        for (PlatformAdapter a : ServiceLoader.load(PlatformAdapter.class, loader)) {
            PlatformAdapter old = byId.putIfAbsent(a.id(), a);
            if (old != null && old.getClass() != a.getClass()) {
                throw new IllegalStateException("platform id '" + a.id() + "' is claimed by both "
                        + old.getClass().getName() + " and " + a.getClass().getName());
            }
        }
        return new ArrayList<>(byId.values());
    }

    /**
     * @param adapters adapters
     * @param id       an id
     * @return the adapter with that id
     */
    public static Optional<PlatformAdapter> byId(List<PlatformAdapter> adapters, String id) {
        return adapters.stream().filter(a -> a.id().equals(id)).findFirst();
    }
}
