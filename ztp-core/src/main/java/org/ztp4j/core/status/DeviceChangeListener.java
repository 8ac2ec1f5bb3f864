package org.ztp4j.core.status;

/**
 * Hears every change a {@link DeviceStatusBoard} makes to a device, in order, under the board's
 * lock: hand the change on (to a queue, as the runtime's store writer does) and return at once.
 */
@FunctionalInterface
public interface DeviceChangeListener {

    /** A listener that ignores every change. */
    DeviceChangeListener NONE = change -> { };

    /** @param change what changed */
    void changed(DeviceChange change);
}
