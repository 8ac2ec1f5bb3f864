package org.ztp4j.tftp.internal;

import org.slf4j.Logger;

/**
 * Logs at WARN at most a few lines a minute, so that a flood of bad packets cannot flood the log;
 * what it drops is counted and reported with the next line let through. Used on one thread.
 */
final class RateLimitedLog {

    private static final long WINDOW_NANOS = 60_000_000_000L;
    private final Logger log;
    private final int perMinute;
    private long windowStart = System.nanoTime();
    private int written;
    private long suppressed;

    RateLimitedLog(Logger log, int perMinute) {
        this.log = log;
        this.perMinute = perMinute;
    }

    void warn(String format, Object... args) {
        long now = System.nanoTime();
        if (now - windowStart > WINDOW_NANOS) {
            windowStart = now;
            written = 0;
        }
        if (written >= perMinute) {
            suppressed++;
            log.debug(format, args);
            return;
        }
        written++;
        if (suppressed > 0) {
            log.warn("({} similar warnings suppressed)", suppressed);
            suppressed = 0;
        }
        log.warn(format, args);
    }
}
