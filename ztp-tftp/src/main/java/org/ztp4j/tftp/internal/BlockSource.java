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
     * The DATA packet for a block: the first {@link TftpCodec#DATA_HEADER} bytes are left for the
     * caller's header, the block's data follows. By default the block is read into
     * {@code scratch}; a source that holds the block in a buffer of its own may return a view of
     * it instead, valid until the next call.
     *
     * @param block   the absolute block number, from 1
     * @param scratch a buffer whose limit is the header plus one block; its contents are replaced
     * @return a buffer from position 0 to the end of the block's data
     * @throws IOException when reading failed
     */
    default ByteBuffer packet(long block, ByteBuffer scratch) throws IOException {
        scratch.position(TftpCodec.DATA_HEADER);
        read(block, scratch);
        return scratch.flip();
    }

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
