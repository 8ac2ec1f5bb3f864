package org.ztp4j.tftp.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The blocks of one read transfer. A sender asks for each new block once, in order, and asks again
 * for blocks of the window it has not had acknowledged (to retransmit them); never for a block
 * more than a window behind the newest.
 */
public interface BlockSource extends Closeable {

    /**
     * Copies one block's data into {@code dst} at its position, advancing the position.
     *
     * @param block the absolute block number, from 1
     * @param dst   the buffer; it has room for at least one block
     * @return the number of bytes in the block: the block size, or less for the last block
     * @throws IOException when reading failed
     */
    int read(long block, ByteBuffer dst) throws IOException;

    /** @return the content's size in bytes if known up front, else -1 */
    long size();
}
