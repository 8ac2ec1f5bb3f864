package org.ztp4j.platform.pnp;

/**
 * One device's progress through the exchange, kept by its serial: which step comes next, the work
 * item it was given and not yet answered, and whether it waits (backs off) before a retry.
 * Guarded by its own monitor.
 */
final class PnpSession {

    /** The steps, in the order the server hands them out. */
    enum Step {
        /** Ask what the device runs (and confirm who it is). */
        DEVICE_INFO,
        /** Install the image ({@code pnp.image}); the device reloads into it. */
        IMAGE,
        /** After the reload: ask again, to see the new image runs. */
        IMAGE_CHECK,
        /** Copy the day-0 to the running (or startup) configuration. */
        CONFIG,
        /** Nothing more: the device is told to stop (a terminating backoff). */
        DONE
    }

    Step step = Step.DEVICE_INFO;
    /** The correlator and service of the work item handed out and not yet answered, or null. */
    String outstandingCorrelator;
    String outstandingService;
    /** A step failed: the next work request gets a backoff, the one after it the step again. */
    boolean backOffFirst;
}
