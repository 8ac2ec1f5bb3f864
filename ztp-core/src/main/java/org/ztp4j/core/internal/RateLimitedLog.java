package org.ztp4j.core.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Logs at WARN at most a few lines a minute, so that a flood of bad packets cannot flood the log;
 * what it drops is counted and reported with the next line let through. {@link #warnFor} also
 * limits each client to one line a minute, so one abusive address neither fills the log nor uses
 * up the budget that warnings about other addresses need. Safe to share between threads.
 */
public final class RateLimitedLog {

    private static final long WINDOW_NANOS = 60_000_000_000L;
    private final Logger log;
    private final int perMinute;
    private long windowStart = System.nanoTime();
    private int written;
    private long suppressed;
    /** Per client: when its current minute began and how many of its lines were held back since. */
    private final Map<Object, long[]> clients = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, long[]> eldest) {
            return size() > MAX_CLIENTS;
        }
    };
    private static final int MAX_CLIENTS = 4096;

    public RateLimitedLog(Logger log, int perMinute) {
        this.log = log;
        this.perMinute = perMinute;
    }

    /**
     * Logs the first line about a client in each minute; the others go to DEBUG and are counted in
     * the client's next line.
     *
     * @param client the client the line is about (its address)
     * @param format the message
     * @param args   its arguments
     */
    public synchronized void warnFor(Object client, String format, Object... args) {
        long now = System.nanoTime();
        long[] window = clients.get(client);
        if (window != null && now - window[0] <= WINDOW_NANOS) {
            window[1]++;
            log.debug(format, args);
            return;
        }
        long held = window == null ? 0 : window[1];
        clients.put(client, new long[] {now, 0});
        if (held > 0) {
            warn("({} more like this about {} in the minute before)", held, client);
        }
        warn(format, args);
    }

    public synchronized void warn(String format, Object... args) {
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
