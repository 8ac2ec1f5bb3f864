package org.ztp4j.tftp.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import org.ztp4j.core.FileRequest;
import org.ztp4j.core.RejectedPathException;
import org.ztp4j.tftp.UploadSink;

/**
 * Receives a file (write request) into the {@link UploadSink}: ACK 0 or an OACK, then DATA blocks
 * acknowledged one by one, or once per window (RFC 7440), with the last in-order block
 * acknowledged again when a gap shows. Writes to the sink happen on the selector thread: sinks
 * write local files, and uploads are small and rare in provisioning.
 *
 * <p>After the last block the transfer dallies for one timeout, answering a repeated last block
 * with the final ACK again in case that ACK was lost (RFC 1350 section 6).
 */
final class WriteTransfer extends Transfer {

    private OutputStream out;
    private OutputStream sinkStream;
    private byte[] scratch;
    private long expected = 1;
    private long bytes;
    private int inWindow;
    private boolean gapAcknowledged;
    private boolean dallying;
    private boolean committed;

    WriteTransfer(TransferLoop loop, FileRequest request, TftpRequest tftp) {
        super(loop, request, tftp);
    }

    private UploadSink sink() {
        return loop.config().uploadSink();
    }

    @Override
    void open() throws IOException, TransferRefusedException {
        options = TransferOptions.negotiate(tftp.options(), true, -1,
                loop.config().maxBlockSize(), loop.config().maxWindowSize(), loop.config().maxWindowBytes());
        if (options.transferSize() > sink().maxBytes()) {
            throw new TransferRefusedException(TftpError.DISK_FULL,
                    "file of " + options.transferSize() + " bytes is larger than the " + sink().maxBytes() + " allowed");
        }
        try {
            sinkStream = sink().open(request);
        } catch (RejectedPathException e) {
            throw new TransferRefusedException(TftpError.ACCESS_VIOLATION, e.getMessage());
        } catch (FileAlreadyExistsException e) {
            throw new TransferRefusedException(TftpError.FILE_EXISTS, "file already exists");
        }
        out = tftp.mode() == TransferMode.NETASCII ? new NetasciiOutputStream(sinkStream) : sinkStream;
        try {
            channel = loop.packets().openTransferChannel(options.windowSize() * (options.blockSize() + 64), true);
        } catch (IOException | RuntimeException e) {
            sink().abort(request, sinkStream, "no socket: " + e.getMessage());
            sinkStream = null;
            throw e;
        }
        scratch = new byte[options.blockSize()];
    }

    @Override
    void begin() throws IOException {
        acknowledgeLast();
        loop.schedule(this, System.nanoTime() + timeoutNanos(0));
    }

    /** Sends the OACK before the first block (RFC 2347), otherwise ACK of the last block taken in. */
    private void acknowledgeLast() throws IOException {
        if (expected == 1 && !options.acknowledged().isEmpty()) {
            loop.packets().sendOptionAck(this);
        } else {
            loop.packets().sendAck(this, BlockNumbers.wire(expected - 1));
        }
    }

    @Override
    void onPacket(ByteBuffer p) throws IOException {
        int opcode = p.getShort(p.position()) & 0xFFFF;
        if (opcode == TftpOpcode.ERROR) {
            loop.finish(this, "client sent " + PacketWriter.describeError(p));
            return;
        }
        if (opcode != TftpOpcode.DATA) {
            loop.packets().debugPacket(this, "ignored opcode {}", opcode);
            return;
        }
        long block = BlockNumbers.resolve(p.getShort(p.position() + 2) & 0xFFFF, expected - 32768, expected + 32767);
        int length = p.remaining() - TftpCodec.DATA_HEADER;
        if (dallying) {
            if (block == expected - 1) {
                loop.packets().sendAck(this, BlockNumbers.wire(block)); // our final ACK was lost
            }
            return;
        }
        if (length > options.blockSize()) {
            loop.packets().sendError(this, TftpError.ILLEGAL_OPERATION, "block larger than blksize " + options.blockSize());
            loop.finish(this, "client sent a block of " + length + " bytes, blksize is " + options.blockSize());
            return;
        }
        if (block == expected) {
            takeBlock(p, length);
        } else if (block == expected - 1) {
            acknowledgeLast(); // the sender did not get our ACK and sent the block again
        } else if (block > expected && options.windowSize() > 1 && !gapAcknowledged) {
            gapAcknowledged = true; // RFC 7440: ACK the last block received in order, once per gap
            acknowledgeLast();
        }
    }

    private void takeBlock(ByteBuffer p, int length) throws IOException {
        if (bytes + length > sink().maxBytes()) {
            loop.packets().sendError(this, TftpError.DISK_FULL, "file larger than the " + sink().maxBytes() + " bytes allowed");
            loop.finish(this, "upload exceeded the cap of " + sink().maxBytes() + " bytes");
            return;
        }
        p.get(p.position() + TftpCodec.DATA_HEADER, scratch, 0, length);
        out.write(scratch, 0, length);
        bytes += length;
        expected++;
        progressed();
        inWindow++;
        gapAcknowledged = false;
        if (length < options.blockSize()) {
            try {
                out.close(); // the sink commits the file here
                committed = true;
            } catch (IOException e) {
                loop.packets().sendError(this, TftpError.UNDEFINED, "could not store the file");
                loop.finish(this, "storing the upload failed: " + e.getMessage());
                return;
            }
            loop.packets().sendAck(this, BlockNumbers.wire(expected - 1));
            dallying = true;
        } else if (inWindow >= options.windowSize()) {
            inWindow = 0;
            loop.packets().sendAck(this, BlockNumbers.wire(expected - 1));
        }
        loop.schedule(this, System.nanoTime() + timeoutNanos(0));
    }

    @Override
    void onTimeout(long now) throws IOException {
        if (dallying) {
            loop.finish(this, null);
            return;
        }
        if (!retry()) {
            return;
        }
        inWindow = 0;
        acknowledgeLast();
        loop.schedule(this, now + timeoutNanos(retries));
    }

    @Override
    long bytes() {
        return bytes;
    }

    @Override
    long totalBytes() {
        return options == null ? -1 : options.transferSize();
    }

    @Override
    void release(String failure) {
        if (sinkStream == null || committed) {
            return;
        }
        try {
            sink().abort(request, sinkStream, failure == null ? "incomplete" : failure);
        } catch (IOException | RuntimeException e) {
            loop.packets().debugPacket(this, "aborting the upload failed: {}", e.toString());
        }
    }
}
