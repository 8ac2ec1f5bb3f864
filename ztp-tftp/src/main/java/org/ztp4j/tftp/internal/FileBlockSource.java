package org.ztp4j.tftp.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Blocks read from a file with positional reads: block {@code n} is the bytes at
 * {@code (n - 1) * blockSize}. Nothing is kept between packets; a retransmission reads the block
 * again, which the page cache answers. So a transfer of a multi-gigabyte image costs a file handle
 * and no buffer of its own, whatever its window, and resending from any block of the window is as
 * cheap as sending it the first time.
 */
public final class FileBlockSource implements BlockSource {

    private final FileChannel channel;
    private final int blockSize;
    private final long size;

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
            return length;
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
