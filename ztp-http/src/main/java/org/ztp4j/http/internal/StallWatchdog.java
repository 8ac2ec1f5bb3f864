package org.ztp4j.http.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Frees the thread of a client that stopped reading. The JDK server writes responses with
 * blocking socket writes that have no timeout, so a device that vanishes mid-download (power cut,
 * cable pulled) would hold a worker thread until TCP gives up, many minutes later. Each response
 * write runs inside a {@link Guard}; when one write makes no progress for the stall timeout, the
 * watchdog interrupts the writing thread, which closes the connection's interruptible channel and
 * makes the write fail. {@code sun.net.httpserver.maxRspTime} cannot do this: it limits the whole
 * response, which would cut off slow but healthy downloads of large images.
 */
public final class StallWatchdog implements AutoCloseable {

    private final long timeoutNanos;
    private final Set<Guard> guards = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;

    /**
     * @param timeout how long one write may block before its connection is dropped
     * @param name    the watchdog thread's name
     */
    public StallWatchdog(Duration timeout, String name) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("stall timeout " + timeout + ": must be positive");
        }
        this.timeoutNanos = timeout.toNanos();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        long tick = Math.max(10, Math.min(1000, timeout.toMillis() / 4));
        timer.scheduleWithFixedDelay(this::check, tick, tick, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts watching the calling thread's writes for one exchange.
     *
     * @return the guard; close it when the exchange is over
     */
    public Guard watchCurrentThread() {
        Guard g = new Guard(Thread.currentThread());
        guards.add(g);
        return g;
    }

    private void check() {
        long now = System.nanoTime();
        for (Guard g : guards) {
            g.interruptIfStalled(now, timeoutNanos);
        }
    }

    /** @return how long a write may block */
    public Duration timeout() {
        return Duration.ofNanos(timeoutNanos);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** The writes of one exchange on one thread. */
    public final class Guard implements AutoCloseable {

        private final Thread thread;
        private boolean writing;
        private long writeStarted;
        private boolean fired;

        private Guard(Thread thread) {
            this.thread = thread;
        }

        /** Marks the start of a blocking write. */
        public synchronized void enter() {
            writing = true;
            writeStarted = System.nanoTime();
        }

        /** Marks its end; after this no interrupt is sent for it. */
        public synchronized void exit() {
            writing = false;
        }

        /** @return true when the watchdog dropped this exchange's connection */
        public synchronized boolean fired() {
            return fired;
        }

        private synchronized void interruptIfStalled(long now, long timeout) {
            if (writing && !fired && now - writeStarted >= timeout) {
                fired = true;
                thread.interrupt();
            }
        }

        /** Stops watching and clears an interrupt the watchdog may have left on the thread. */
        @Override
        public void close() {
            guards.remove(this);
            synchronized (this) {
                writing = false;
            }
            if (Thread.currentThread() == thread) {
                Thread.interrupted();
            }
        }
    }
}
