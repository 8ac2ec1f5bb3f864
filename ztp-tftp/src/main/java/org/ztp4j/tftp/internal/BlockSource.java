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

    /**
     * A hint that {@code block} (and the rest of its window) is the next the sender will ask for:
     * a source may fetch it now, while the client is busy with the blocks already sent.
     *
     * @param block the absolute block number, from 1; may lie past the end
     * @throws IOException when reading failed
     */
    default void readAhead(long block) throws IOException {
    }

    /** @return the content's size in bytes if known up front, else -1 */
    long size();
}
