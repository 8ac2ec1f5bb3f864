package org.ztp4j.tftp.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Blocks read in order from a stream (a rendered template, a netascii conversion, any resource
 * that is not a plain file). The last {@code window} blocks are kept in a ring so that they can be
 * sent again; memory is at most {@code window * blockSize} and only as much as the content needs.
 */
public final class StreamBlockSource implements BlockSource {

    private final InputStream in;
    private final int blockSize;
    private final long size;
    private final byte[][] ring;
    private final int[] lengths;
    private long newest; // the highest block read so far, 0 before the first

    /**
     * @param in        the content; closed with this source
     * @param blockSize bytes per block
     * @param window    how many blocks back a sender may ask again
     * @param size      the content's size if known, else -1
     */
    public StreamBlockSource(InputStream in, int blockSize, int window, long size) {
        this.in = in;
        this.blockSize = blockSize;
        this.size = size;
        this.ring = new byte[window][];
        this.lengths = new int[window];
    }

    @Override
    public int read(long block, ByteBuffer dst) throws IOException {
        if (block > newest + 1 || block <= newest - ring.length || block < 1) {
            throw new IllegalStateException("block " + block + " asked out of order (newest read " + newest + ")");
        }
        int slot = (int) ((block - 1) % ring.length);
        if (block == newest + 1) {
            if (ring[slot] == null) {
                ring[slot] = new byte[blockSize];
            }
            lengths[slot] = in.readNBytes(ring[slot], 0, blockSize);
            newest = block;
        }
        dst.put(ring[slot], 0, lengths[slot]);
        return lengths[slot];
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
