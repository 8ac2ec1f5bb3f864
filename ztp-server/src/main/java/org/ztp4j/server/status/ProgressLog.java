package org.ztp4j.server.status;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ztp4j.core.internal.Checks;
import org.ztp4j.core.DeviceIdentity;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.ProvisioningListener;

/**
 * Logs how far long transfers got, at INFO, at most once per interval per transfer (by the events'
 * own times), for example {@code nxos64-cs.10.3.4a.M.bin to 10.0.0.7: 45% (150 of 330 MiB)}.
 *
 * <pre>{@code
 * ProvisioningListener progress = new ProgressLog(Duration.ofSeconds(10));
 * }</pre>
 *
 * <p>The servers already log one line per finished or failed transfer; this adds the lines in
 * between. Thread-safe; remembers at most {@value #MAX_TRANSFERS} transfers at once.
 */
public final class ProgressLog implements ProvisioningListener {

    /** Transfers remembered at once; beyond that the oldest is forgotten (and may log early). */
    public static final int MAX_TRANSFERS = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ProgressLog.class);
    private static final long MIB = 1024 * 1024;

    private final Duration every;
    private final Consumer<String> sink;
    private final Map<String, Instant> lastLogged = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > MAX_TRANSFERS;
        }
    };

    /**
     * @param every the least time between two lines about one transfer (positive)
     * @throws IllegalArgumentException naming the value when not positive
     */
    public ProgressLog(Duration every) {
        this(every, line -> LOG.info("{}", line));
    }

    /**
     * @param every the least time between two lines about one transfer (positive)
     * @param sink  where the lines go instead of the log
     * @throws IllegalArgumentException naming the value when not positive
     */
    public ProgressLog(Duration every, Consumer<String> sink) {
        Objects.requireNonNull(every, "interval");
        this.every = Checks.positive("progress log interval", every);
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public void onEvent(ProvisioningEvent event) {
        if (event instanceof ProvisioningEvent.TransferProgress p) {
            String key = who(p.device()) + " " + p.path();
            Instant t = p.time() == null ? Instant.now() : p.time();
            synchronized (lastLogged) {
                Instant last = lastLogged.get(key);
                if (last != null && t.isBefore(last.plus(every))) {
                    return;
                }
                lastLogged.put(key, t);
            }
            sink.accept(line(p));
        } else if (event instanceof ProvisioningEvent.FileServed s) {
            forget(who(s.device()) + " " + s.path());
        } else if (event instanceof ProvisioningEvent.TransferFailed f) {
            forget(who(f.device()) + " " + f.path());
        }
    }

    private void forget(String key) {
        synchronized (lastLogged) {
            lastLogged.remove(key);
        }
    }

    /**
     * @param p a progress event
     * @return its log line: {@code <file> to <device>: <percent>% (<sent> of <total> MiB)}, or
     *         {@code <file> to <device>: <sent> MiB sent} when the size is not known
     */
    public static String line(ProvisioningEvent.TransferProgress p) {
        String path = Objects.requireNonNullElse(p.path(), "?");
        String file = path.substring(path.lastIndexOf('/') + 1);
        String head = file + " to " + who(p.device()) + ": ";
        long sent = Math.max(0, p.bytesSent());
        long total = p.totalBytes();
        if (total <= 0) {
            return head + amount(sent, total) + " sent";
        }
        long percent = Math.min(100, sent * 100 / total);
        return head + percent + "% (" + amountPart(sent, total) + " of " + amount(total, total) + ")";
    }

    // Both numbers in the unit of the total, so that "150 of 330 MiB" reads at a glance.
    private static String amountPart(long bytes, long total) {
        return total >= MIB ? Long.toString(bytes / MIB) : total >= 1024 ? Long.toString(bytes / 1024) : Long.toString(bytes);
    }

    private static String amount(long bytes, long total) {
        long scale = total > 0 ? total : bytes;
        String unit = scale >= MIB ? " MiB" : scale >= 1024 ? " KiB" : " B";
        return amountPart(bytes, scale) + unit;
    }

    private static String who(DeviceIdentity d) {
        if (d == null) {
            return "unknown";
        }
        return d.clientAddress() != null ? d.clientAddress().getHostAddress() : d.label();
    }
}
