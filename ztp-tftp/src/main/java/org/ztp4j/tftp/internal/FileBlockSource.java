package org.ztp4j.tftp.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * Blocks read from a file: block {@code n} is the bytes at {@code (n - 1) * blockSize}. A
 * retransmission reads the block again, which the page cache answers, so a transfer of a
 * multi-gigabyte image costs a file handle and one read-ahead buffer, whatever its size, and
 * resending from any block of the window is as cheap as sending it the first time.
 *
 * <p>Blocks come from a read-ahead buffer of at least 32 KiB and at most one window (one block,
 * when a block is larger): one system call fills it for many small blocks or a whole window of
 * large ones. {@link #readAhead(long)} fills it for the next window while the client is still busy
 * with this one, so in lockstep the file read is off the round trip: after an ACK the block is
 * already in memory. Blocks of {@value #SLOTTED_FROM} bytes and more are read into slots that
 * leave room for the DATA header in front of each, and {@link #packet(long, ByteBuffer)} sends
 * them from there without copying them again. Without a buffer (the pool's budget is spent) each
 * block is read straight into the packet.
 *
 * <p>A file written over in place while it is being sent would reach the client as part old, part
 * new. So every read first checks that the file is the one opened: the same size, and, when its
 * path is known, the same modification time (unless the path now names another file, as after a
 * replace by rename, which leaves the open file whole). A changed file ends the transfer with an
 * error; the client never gets a mixed file.
 */
public final class FileBlockSource implements BlockSource {

    /** The smallest read-ahead buffer: small blocks are read 32 KiB at a time. */
    public static final int MIN_READ_AHEAD = 32 << 10;
    /** The largest read-ahead buffer's data, unless one block is larger. */
    public static final int MAX_READ_AHEAD = 64 << 10;
    /** Blocks this large are read into header-sized slots and sent in place (copying costs more). */
    static final int SLOTTED_FROM = 8192;

    private static final int HEADER = TftpCodec.DATA_HEADER;

    private final FileChannel channel;
    private final int blockSize;
    private final long size;
    private final int blocksAhead; // how many blocks one fill reads
    private final int stride; // bytes from one block to the next in the buffer
    private final ReadAheadPool pool;
    private ByteBuffer ahead; // taken from the pool on first use
    private ByteBuffer[] slots; // views of each block's packet in the buffer, when slotted
    private ByteBuffer[] slotData; // views of each block's data, to read into
    private boolean noBuffer; // the pool had none: read each block on demand
    private long firstAhead; // the block at the start of the buffer
    private int blocksHeld; // whole or last blocks in the buffer from firstAhead
    private long filePosition = -1; // the channel's position, as far as this source moved it
    private final Path path; // to tell a change in place from a replace, or null
    private final Object fileKey; // the opened file's identity (device and inode), or null
    private final FileTime modified; // its modification time when opened, or null

    /**
     * A source with a read-ahead buffer of its own (no shared budget), in lockstep.
     *
     * @param channel   the open file; closed with this source
     * @param blockSize bytes per block
     * @throws IOException when the file's size cannot be read
     */
    public FileBlockSource(FileChannel channel, int blockSize) throws IOException {
        this(channel, blockSize, 1, null, null);
    }

    /**
     * @param channel    the open file; closed with this source
     * @param blockSize  bytes per block
     * @param windowSize blocks per window: the buffer holds one window if that fits in
     *                   {@link #MAX_READ_AHEAD}
     * @param pool       where the buffer comes from and goes back to, or null to allocate one
     * @param path       the file's path, to notice it written over in place; null checks its size only
     * @throws IOException when the file's size cannot be read
     */
    public FileBlockSource(FileChannel channel, int blockSize, int windowSize, ReadAheadPool pool, Path path)
            throws IOException {
        this.channel = channel;
        this.path = path;
        BasicFileAttributes attributes = path == null ? null : Files.readAttributes(path, BasicFileAttributes.class);
        this.fileKey = attributes == null ? null : attributes.fileKey();
        this.modified = attributes == null ? null : attributes.lastModifiedTime();
        this.blockSize = blockSize;
        this.size = channel.size(); // fixed at open: tsize and the last block agree with it
        long window = (long) blockSize * windowSize;
        long bytes = Math.max(blockSize, Math.max(MIN_READ_AHEAD, Math.min(window, MAX_READ_AHEAD)));
        this.blocksAhead = (int) (bytes / blockSize);
        this.stride = blockSize >= SLOTTED_FROM ? HEADER + blockSize : blockSize;
        this.pool = pool;
    }

    @Override
    public int read(long block, ByteBuffer dst) throws IOException {
        long offset = offset(block);
        int length = length(offset);
        if (length == 0) {
            return 0;
        }
        if (!fill(block)) {
            readFully(dst, offset, length);
            return length;
        }
        dst.put(dst.position(), ahead, dataIndex(block), length);
        dst.position(dst.position() + length);
        return length;
    }

    @Override
    public ByteBuffer packet(long block, ByteBuffer scratch) throws IOException {
        if (stride == blockSize || length(offset(block)) == 0 || !fill(block)) {
            return BlockSource.super.packet(block, scratch);
        }
        ByteBuffer slot = slots[(int) (block - firstAhead)];
        return slot.limit(HEADER + length(offset(block))).position(0);
    }

    @Override
    public void readAhead(long block) throws IOException {
        if (block >= 1 && length(offset(block)) > 0) {
            fill(block);
        }
    }

    private long offset(long block) {
        return (block - 1) * blockSize;
    }

    private int length(long offset) {
        return (int) Math.max(0, Math.min(blockSize, size - offset));
    }

    private int dataIndex(long block) {
        int i = (int) (block - firstAhead);
        return stride == blockSize ? i * blockSize : i * stride + HEADER;
    }

    /** Makes sure the buffer holds the block; false when there is no buffer. */
    private boolean fill(long block) throws IOException {
        if (ahead == null && !takeBuffer()) {
            return false;
        }
        if (block >= firstAhead && block < firstAhead + blocksHeld) {
            return true;
        }
        blocksHeld = 0; // until the read below succeeds
        long offset = offset(block);
        long bytes = Math.min((long) blocksAhead * blockSize, size - offset);
        int blocks = (int) ((bytes + blockSize - 1) / blockSize);
        if (stride == blockSize) {
            ahead.clear().limit((int) bytes);
            readFully(ahead, offset, (int) bytes);
        } else if (blocks == 1) {
            ByteBuffer data = slotData[0].clear().limit((int) bytes);
            readFully(data, offset, (int) bytes);
        } else {
            readSlots(offset, blocks, bytes);
        }
        firstAhead = block;
        blocksHeld = blocks;
        return true;
    }

    private boolean takeBuffer() {
        if (noBuffer) {
            return false;
        }
        int capacity = blocksAhead * stride;
        ahead = pool == null ? ByteBuffer.allocateDirect(capacity) : pool.take(capacity);
        if (ahead == null) {
            noBuffer = true;
            return false;
        }
        if (stride != blockSize) {
            slots = new ByteBuffer[blocksAhead];
            slotData = new ByteBuffer[blocksAhead];
            for (int i = 0; i < blocksAhead; i++) {
                slots[i] = ahead.slice(i * stride, stride);
                slotData[i] = ahead.slice(i * stride + HEADER, blockSize);
            }
        }
        return true;
    }

    /** One scattering read of several blocks, each into its slot after the header's room. */
    private void readSlots(long offset, int blocks, long bytes) throws IOException {
        for (int i = 0; i < blocks; i++) {
            slotData[i].clear().limit((int) Math.min(blockSize, bytes - (long) i * blockSize));
        }
        if (filePosition != offset) {
            channel.position(offset);
        }
        filePosition = -1; // unknown until the read is done
        long done = 0;
        while (done < bytes) {
            long n = channel.read(slotData, 0, blocks);
            if (n < 0) {
                throw new IOException("file shrank below " + size + " bytes while being served");
            }
            done += n;
        }
        filePosition = offset + bytes;
    }

    private void readFully(ByteBuffer dst, long offset, int length) throws IOException {
        checkUnchanged();
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

    /** @throws IOException naming what changed when the file is no longer the one opened */
    private void checkUnchanged() throws IOException {
        long now = channel.size();
        if (now != size) {
            throw new IOException("the file changed while being sent (" + size + " bytes when opened, now " + now + ")");
        }
        if (path == null || fileKey == null) {
            return;
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException gone) {
            return; // deleted or renamed away: the open file is still whole
        }
        if (fileKey.equals(attributes.fileKey()) && !modified.equals(attributes.lastModifiedTime())) {
            throw new IOException("the file changed while being sent (written over in place)");
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
            slots = null;
            slotData = null;
            noBuffer = true;
        }
    }
}
