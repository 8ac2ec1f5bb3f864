package org.ztp4j.tftp.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Blocks read from a file with positional reads: block {@code n} is the bytes at
 * {@code (n - 1) * blockSize}. A retransmission reads the block again, which the page cache
 * answers, so a transfer of a multi-gigabyte image costs a file handle and one read-ahead buffer,
 * whatever its size, and resending from any block of the window is as cheap as sending it the
 * first time.
 *
 * <p>Blocks come from a read-ahead buffer of at least 32 KiB and at most one window (one block,
 * when a block is larger): one system call fills it for many small blocks or a whole window of
 * large ones. {@link #readAhead(long)} fills it for the next window while the client is still busy
 * with this one, so in lockstep the file read is off the round trip: after an ACK the block is
 * already in memory. Without a buffer (the pool's budget is spent) each block is read straight
 * into the packet.
 */
public final class FileBlockSource implements BlockSource {

    /** The smallest read-ahead buffer: small blocks are read 32 KiB at a time. */
    public static final int MIN_READ_AHEAD = 32 << 10;
    /** The largest read-ahead buffer, unless one block is larger. */
    public static final int MAX_READ_AHEAD = 64 << 10;

    private final FileChannel channel;
    private final int blockSize;
    private final long size;
    private final int capacity;
    private final ReadAheadPool pool;
    private ByteBuffer ahead; // taken from the pool on first use; null while none is free
    private boolean noBuffer; // the pool had none: read each block on demand
    private long aheadStart;
    private int aheadLength;

    /**
     * A source with a read-ahead buffer of its own (no shared budget).
     *
     * @param channel   the open file; closed with this source
     * @param blockSize bytes per block
     * @throws IOException when the file's size cannot be read
     */
    public FileBlockSource(FileChannel channel, int blockSize) throws IOException {
        this(channel, blockSize, 1, null);
    }

    /**
     * @param channel    the open file; closed with this source
     * @param blockSize  bytes per block
     * @param windowSize blocks per window: the buffer holds one window if that fits in
     *                   {@link #MAX_READ_AHEAD}
     * @param pool       where the buffer comes from and goes back to, or null to allocate one
     * @throws IOException when the file's size cannot be read
     */
    public FileBlockSource(FileChannel channel, int blockSize, int windowSize, ReadAheadPool pool) throws IOException {
        this.channel = channel;
        this.blockSize = blockSize;
        this.size = channel.size(); // fixed at open: tsize and the last block agree with it
        long window = (long) blockSize * windowSize;
        this.capacity = (int) Math.max(blockSize, Math.max(MIN_READ_AHEAD, Math.min(window, MAX_READ_AHEAD)));
        this.pool = pool;
    }

    @Override
    public int read(long block, ByteBuffer dst) throws IOException {
        long offset = (block - 1) * blockSize;
        int length = length(offset);
        if (length == 0) {
            return 0;
        }
        if (!fill(offset, length)) {
            readFully(dst, offset, length);
            return length;
        }
        dst.put(dst.position(), ahead, (int) (offset - aheadStart), length);
        dst.position(dst.position() + length);
        return length;
    }

    @Override
    public void readAhead(long block) throws IOException {
        long offset = (block - 1) * blockSize;
        int length = length(offset);
        if (block >= 1 && length > 0) {
            fill(offset, length);
        }
    }

    private int length(long offset) {
        return (int) Math.max(0, Math.min(blockSize, size - offset));
    }

    /** Makes sure the buffer holds the range; false when there is no buffer. */
    private boolean fill(long offset, int length) throws IOException {
        if (ahead == null) {
            if (noBuffer) {
                return false;
            }
            ahead = pool == null ? ByteBuffer.allocateDirect(capacity) : pool.take(capacity);
            if (ahead == null) {
                noBuffer = true;
                return false;
            }
            aheadLength = 0;
        }
        if (offset < aheadStart || offset + length > aheadStart + aheadLength) {
            aheadLength = 0; // until the read below succeeds
            ahead.clear().limit((int) Math.min(capacity, size - offset));
            readFully(ahead, offset, ahead.limit());
            aheadStart = offset;
            aheadLength = ahead.limit();
        }
        return true;
    }

    private void readFully(ByteBuffer dst, long offset, int length) throws IOException {
        int limit = dst.limit();
        dst.limit(dst.position() + length);
        try {
            int done = 0;
            while (done < length) {
                int n = channel.read(dst, offset + done);
                if (n < 0) {
                    throw new IOException("file shrank below " + size + " bytes while being served");
                }
                done += n;
            }
        } finally {
            dst.limit(limit);
        }
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            if (ahead != null && pool != null) {
                pool.give(ahead);
            }
            ahead = null;
            noBuffer = true;
        }
    }
}
