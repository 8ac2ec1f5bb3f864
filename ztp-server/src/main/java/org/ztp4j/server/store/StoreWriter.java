package org.ztp4j.server.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ztp4j.core.status.DeviceChange;
import org.ztp4j.core.status.DeviceChangeListener;
import org.ztp4j.core.status.DeviceSnapshot;
import org.ztp4j.core.store.DeviceWrite;
import org.ztp4j.core.store.ProvisioningStore;
import org.ztp4j.core.store.StoreException;

/**
 * Writes a board's changes to a {@link ProvisioningStore} behind the servers' backs: serving threads
 * only put a change on a bounded queue, and one thread writes batches of them, so a slow or
 * unreachable database never holds a device up.
 *
 * <p>When the store fails, the writer keeps the batch and tries it again (after 0.1 s, doubling up
 * to 5 s), logging once when the store goes and once when it is back; changes queue up meanwhile.
 * When the queue is full (its capacity counts the batch being written too), further changes' journal entries are dropped (counted, logged once per
 * episode at WARN), but no device's state is lost: the devices whose changes were dropped are
 * written again, as they then stand on the board, once the queue has room.
 */
public final class StoreWriter implements DeviceChangeListener, AutoCloseable {

    /** Changes queued unless told otherwise. */
    public static final int DEFAULT_CAPACITY = 50_000;

    private static final Logger LOG = LoggerFactory.getLogger(StoreWriter.class);
    private static final int BATCH = 500;
    private static final long FIRST_RETRY_MILLIS = 100;
    private static final long LAST_RETRY_MILLIS = 5_000;

    private final ProvisioningStore store;
    private final String server;
    private final BlockingQueue<DeviceWrite> queue;
    private final int capacity;
    /** Changes taken in and not yet written: queued, or in the batch under way. */
    private final AtomicInteger held = new AtomicInteger();
    private int fromQueue;
    private final Function<String, Optional<DeviceSnapshot>> board;
    private final Thread thread;
    private final Object lock = new Object();
    // Guarded by lock.
    private final Set<String> dropped = new LinkedHashSet<>();
    private long droppedEntries;
    private boolean full;
    private int inFlight;
    private volatile boolean closing;

    /**
     * @param store    where to write
     * @param server   this server's name, kept with each journal entry
     * @param capacity changes queued at most, 1 or more
     * @param board    the current state of a device by key, to write again after changes were dropped
     */
    public StoreWriter(ProvisioningStore store, String server, int capacity, Function<String, Optional<DeviceSnapshot>> board) {
        this.store = Objects.requireNonNull(store, "store");
        this.server = server;
        if (capacity < 1) {
            throw new IllegalArgumentException("store queue capacity " + capacity + ": must be 1 or more");
        }
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.board = Objects.requireNonNull(board, "board");
        this.thread = new Thread(this::run, "ztp-store-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a change; never blocks. */
    @Override
    public void changed(DeviceChange change) {
        DeviceWrite w = DeviceWrite.of(change, server);
        // The capacity counts changes queued and changes in the batch being written (or retried).
        for (int h = held.get(); h < capacity; h = held.get()) {
            if (held.compareAndSet(h, h + 1)) {
                queue.add(w);
                return;
            }
        }
        synchronized (lock) {
            dropped.add(w.device().key());
            dropped.addAll(w.formerKeys());
            if (w.entry() != null) {
                droppedEntries++;
            }
            if (!full) {
                full = true;
                LOG.warn("store {}: the write queue is full ({} changes): journal entries are dropped until it drains "
                        + "(the devices' states are written again then)", store.describe(), capacity);
            }
        }
    }

    /** @return changes waiting to be written (queued or in the batch under way) */
    public int pending() {
        synchronized (lock) {
            return queue.size() + inFlight + dropped.size();
        }
    }

    /** @return journal entries dropped so far because the queue was full */
    public long droppedEntries() {
        synchronized (lock) {
            return droppedEntries;
        }
    }

    /**
     * Waits until everything queued so far is written.
     *
     * @param timeout how long to wait at most
     * @return true when all was written, false when the time ran out (the store is down or slow)
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean flush(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (queue.size() + inFlight + dropped.size() > 0) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
            return true;
        }
    }

    /** Writes what is queued (waiting up to 10 s for the store), then stops. */
    @Override
    public void close() {
        try {
            if (!flush(Duration.ofSeconds(10))) {
                LOG.warn("store {}: {} changes could not be written before stopping", store.describe(), pending());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closing = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<DeviceWrite> batch = new ArrayList<>(BATCH);
        long retry = FIRST_RETRY_MILLIS;
        StoreException outage = null;
        while (!closing) {
            try {
                if (batch.isEmpty()) {
                    DeviceWrite first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first != null) {
                        synchronized (lock) {
                            batch.add(first);
                            queue.drainTo(batch, BATCH - 1);
                            inFlight = batch.size();
                            fromQueue = batch.size();
                        }
                    } else {
                        again(batch);
                        if (batch.isEmpty()) {
                            continue;
                        }
                    }
                }
                store.write(batch);
                if (outage != null) {
                    LOG.info("store {}: back; writing the changes kept meanwhile", store.describe());
                    outage = null;
                }
                retry = FIRST_RETRY_MILLIS;
                synchronized (lock) {
                    batch.clear();
                    inFlight = 0;
                    held.addAndGet(-fromQueue);
                    fromQueue = 0;
                    lock.notifyAll();
                }
            } catch (InterruptedException e) {
                if (closing) {
                    return;
                }
            } catch (RuntimeException e) {
                if (outage == null) {
                    LOG.warn("store {}: cannot write ({}); keeping changes and trying again", store.describe(), e.getMessage());
                    outage = e instanceof StoreException s ? s : new StoreException(e.toString(), e);
                }
                try {
                    Thread.sleep(retry);
                } catch (InterruptedException x) {
                    if (closing) {
                        return;
                    }
                }
                retry = Math.min(LAST_RETRY_MILLIS, retry * 2);
            }
        }
    }

    /**
     * Once the queue is empty: the devices whose changes were dropped, as they now stand. The board
     * is read outside this writer's lock (a serving thread holds the board's lock when it calls
     * {@link #changed}); a key is taken off the dropped set before, so a drop meanwhile puts it back.
     */
    private void again(List<DeviceWrite> batch) {
        List<String> keys = new ArrayList<>();
        synchronized (lock) {
            for (String k : dropped) {
                keys.add(k);
                if (keys.size() == BATCH) {
                    break;
                }
            }
            dropped.removeAll(keys);
            inFlight = keys.size();
        }
        for (String key : keys) {
            board.apply(key).ifPresent(d -> batch.add(new DeviceWrite(d, List.of(), null)));
        }
        synchronized (lock) {
            inFlight = batch.size();
            if (dropped.isEmpty() && full && queue.isEmpty()) {
                full = false;
                LOG.info("store {}: the write queue drained; {} journal entries were dropped in all", store.describe(), droppedEntries);
            }
            lock.notifyAll();
        }
    }
}
