package org.ztp4j.tftp.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Blocks read from a file with positional reads: block {@code n} is the bytes at
 * {@code (n - 1) * blockSize}. A retransmission reads the block again, which the page cache
 * answers, so a transfer of a multi-gigabyte image costs a file handle and a fixed read-ahead
 * buffer, whatever its window, and resending from any block of the window is as cheap as sending
 * it the first time.
 *
 * <p>Small blocks are served from a 32 KiB read-ahead chunk: one system call per chunk instead of
 * one per block (at blksize 512 a block costs a receive, a send and, without it, a read).
 */
public final class FileBlockSource implements BlockSource {

    private static final int CHUNK = 32 << 10;

    private final FileChannel channel;
    private final int blockSize;
    private final long size;
    private ByteBuffer chunk; // allocated on first use, only for blocks smaller than a chunk
    private long chunkStart;
    private int chunkLength;

    /**
     * @param channel   the open file; closed with this source
     * @param blockSize bytes per block
     * @throws IOException when the file's size cannot be read
     */
    public FileBlockSource(FileChannel channel, int blockSize) throws IOException {
        this.channel = channel;
        this.blockSize = blockSize;
        this.size = channel.size(); // fixed at open: tsize and the last block agree with it
    }

    @Override
    public int read(long block, ByteBuffer dst) throws IOException {
        long offset = (block - 1) * blockSize;
        int length = (int) Math.max(0, Math.min(blockSize, size - offset));
        if (length == 0) {
            return 0;
        }
        if (blockSize * 4 > CHUNK) {
            readFully(dst, offset, length);
            return length;
        }
        if (chunk == null) {
            chunk = ByteBuffer.allocateDirect(CHUNK);
        }
        if (offset < chunkStart || offset + length > chunkStart + chunkLength) {
            chunk.clear().limit((int) Math.min(CHUNK, size - offset));
            readFully(chunk, offset, chunk.limit());
            chunkStart = offset;
            chunkLength = chunk.limit();
        }
        dst.put(dst.position(), chunk, (int) (offset - chunkStart), length);
        dst.position(dst.position() + length);
        return length;
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
        channel.close();
    }
}
