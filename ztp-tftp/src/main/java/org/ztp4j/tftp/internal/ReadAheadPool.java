package org.ztp4j.tftp.internal;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The direct buffers that file transfers read ahead into, shared by a server's network threads
 * under one budget in bytes. A transfer that finds the budget spent reads each block when it sends
 * it, as it would with no read-ahead at all: a boot storm costs speed, never memory beyond the
 * budget. Returned buffers are kept for the next transfer (allocating a direct buffer zeroes it and
 * registers a cleaner), up to {@link #KEEP_IDLE_BYTES}; beyond that they go back to the JVM.
 */
public final class ReadAheadPool {

    /** Idle buffers kept for reuse, in bytes, at most (never more than the budget). */
    static final int KEEP_IDLE_BYTES = 4 << 20;

    private final long budget;
    private final long keepIdle;
    private final Map<Integer, ArrayDeque<ByteBuffer>> idle = new HashMap<>();
    private long reserved; // bytes of every buffer handed out or kept idle
    private long idleBytes;

    /** @param budget the most bytes of read-ahead buffers at once; 0 turns read-ahead off */
    public ReadAheadPool(long budget) {
        if (budget < 0) {
            throw new IllegalArgumentException("read-ahead budget " + budget + ": must be at least 0");
        }
        this.budget = budget;
        this.keepIdle = Math.min(budget, KEEP_IDLE_BYTES);
    }

    /**
     * @param capacity the buffer's size in bytes
     * @return a cleared buffer of exactly that size, or null when the budget is spent
     */
    public synchronized ByteBuffer take(int capacity) {
        ArrayDeque<ByteBuffer> same = idle.get(capacity);
        if (same != null && !same.isEmpty()) {
            idleBytes -= capacity;
            return same.pop().clear();
        }
        if (reserved + capacity > budget) {
            dropIdle(reserved + capacity - budget);
            if (reserved + capacity > budget) {
                return null;
            }
        }
        reserved += capacity;
        return ByteBuffer.allocateDirect(capacity);
    }

    /** @param buffer a buffer from {@link #take(int)}, no longer used */
    public synchronized void give(ByteBuffer buffer) {
        int capacity = buffer.capacity();
        if (idleBytes + capacity > keepIdle) {
            reserved -= capacity; // left to the garbage collector
            return;
        }
        idle.computeIfAbsent(capacity, c -> new ArrayDeque<>()).push(buffer);
        idleBytes += capacity;
    }

    /** @return bytes handed out or kept idle */
    public synchronized long reserved() {
        return reserved;
    }

    private void dropIdle(long needed) {
        long freed = 0;
        for (Iterator<ArrayDeque<ByteBuffer>> it = idle.values().iterator(); it.hasNext() && freed < needed; ) {
            ArrayDeque<ByteBuffer> buffers = it.next();
            while (!buffers.isEmpty() && freed < needed) {
                int capacity = buffers.pop().capacity();
                freed += capacity;
                idleBytes -= capacity;
                reserved -= capacity;
            }
            if (buffers.isEmpty()) {
                it.remove();
            }
        }
    }
}
