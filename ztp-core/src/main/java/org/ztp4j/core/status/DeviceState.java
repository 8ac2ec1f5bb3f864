package org.ztp4j.core.status;

/**
 * Where a device stands in provisioning, as far as the events show. The order is the usual
 * course of a device; a later event always wins, so a device that reboots into ZTP again goes
 * back to an earlier state.
 */
public enum DeviceState {

    /** Known from the inventory, nothing heard from it yet (or only requests, nothing served). */
    WAITING,

    /** Its provisioning script (POAP {@code poap.py}, IOS-XE {@code ztp.py}) was served. */
    SCRIPT_SERVED,

    /** Its day-0 configuration was served. */
    CONFIG_SERVED,

    /** An image is being transferred; see {@link DeviceStatus#transfer()} for how far. */
    IMAGE_TRANSFERRING,

    /** Its provisioning script reported success. */
    REPORTED,

    /** Its management address answered: provisioning is done. */
    REACHABLE,

    /** A transfer failed or its script reported failure; see {@link DeviceStatus#lastError()}. */
    FAILED,

    /**
     * An image transfer was cut short because the server stopped (seen when it started again); the
     * device will ask again, and its next request moves it on.
     */
    INTERRUPTED,

    /**
     * An operator took it out of service: events are still recorded but do not move it, until it is
     * {@linkplain BoardAction#RESET reset}.
     */
    DECOMMISSIONED
}
