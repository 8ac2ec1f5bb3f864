package org.ztp4j.tftp.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import org.ztp4j.core.checksum.ChecksumAlgorithm;
import org.ztp4j.core.FileResource;
import org.ztp4j.core.RejectedPathException;

/**
 * Sends a file: RFC 1350 lockstep, or RFC 7440 windows of blocks. Block 0 is the OACK when options
 * were acknowledged. State, in absolute block numbers: {@code base} is the oldest block not yet
 * acknowledged, {@code next} the next block to put on the wire, {@code highestSent} the newest block
 * ever sent, {@code lastBlock} the block shorter than blksize once it is known.
 *
 * <p>Each block's data is hashed (SHA-256) the first time it goes on the wire, from the packet
 * itself, so a complete transfer knows the digest of exactly what the client got without reading
 * the file again; retransmissions are not hashed twice.
 */
final class ReadTransfer extends Transfer {

    private static final long PROGRESS_FLOOR = 8L << 20;

    private BlockSource source;
    private long base;
    private long next;
    private long highestSent;
    private long lastBlock = Long.MAX_VALUE;
    private int lastLength;
    private long progressStep;
    private long nextProgress = Long.MAX_VALUE;
    private int duplicateAcks;
    private final MessageDigest sent = ChecksumAlgorithm.SHA256.newDigest();
    private long hashed; // the newest block whose data is in the digest

    ReadTransfer(TransferLoop loop, org.ztp4j.core.FileRequest request, TftpRequest tftp) {
        super(loop, request, tftp);
    }

    @Override
    boolean settleForNewRequest() {
        if (lastBlock == Long.MAX_VALUE || highestSent < lastBlock) {
            return false;
        }
        base = lastBlock + 1;
        return true;
    }

    @Override
    void open() throws IOException, TransferRefusedException {
        Optional<FileResource> found;
        try {
            found = loop.config().provider().open(request);
        } catch (RejectedPathException e) {
            throw new TransferRefusedException(TftpError.ACCESS_VIOLATION, e.getMessage());
        }
        if (found.isEmpty()) {
            throw new TransferRefusedException(TftpError.FILE_NOT_FOUND, "file not found");
        }
        FileResource resource = found.get();
        resource.identified().ifPresent(who -> device = who);
        boolean octet = tftp.mode() == TransferMode.OCTET;
        Optional<Path> file = octet ? resource.file() : Optional.empty();
        FileChannel fileChannel = file.isPresent() ? FileChannel.open(file.get(), StandardOpenOption.READ) : null;
        try {
            // netascii: the converted size is only known at the end, so no tsize (RFC 2349 lets us omit it)
            long size = fileChannel != null ? fileChannel.size() : octet ? resource.size().orElse(-1) : -1;
            options = TransferOptions.negotiate(tftp.options(), false, size,
                    loop.config().maxBlockSize(), loop.config().maxWindowSize(), loop.config().maxWindowBytes());
            if (fileChannel != null) {
                source = new FileBlockSource(fileChannel, options.blockSize(), options.windowSize(), loop.readAheadPool(),
                        file.get());
            } else {
                InputStream in = resource.openStream();
                source = new StreamBlockSource(octet ? in : new NetasciiInputStream(in),
                        options.blockSize(), options.windowSize(), size);
            }
            channel = loop.packets().openTransferChannel(options.windowSize() * (options.blockSize() + 64), false);
        } catch (IOException | RuntimeException e) {
            if (source != null) {
                source.close();
            } else if (fileChannel != null) {
                fileChannel.close();
            }
            throw e;
        }
        long total = source.size();
        progressStep = total >= 0 ? Math.max(total / 20, 1L << 20) : PROGRESS_FLOOR;
        if (total < 0 || total > PROGRESS_FLOOR) {
            nextProgress = progressStep;
        }
    }

    @Override
    void begin() throws IOException {
        if (!options.acknowledged().isEmpty()) {
            base = 0; // RFC 2347: the OACK is answered with ACK 0
            loop.packets().sendOptionAck(this);
            next = 1;
        } else {
            base = 1;
            next = 1;
            sendWindow();
        }
        readAhead();
        loop.schedule(this, System.nanoTime() + timeoutNanos(0));
    }

    /** Sends blocks from {@code next} to the end of the window that starts at {@code base}. */
    private void sendWindow() throws IOException {
        long end = Math.min(base + options.windowSize() - 1, lastBlock);
        ByteBuffer b = loop.packets().dataBuffer();
        int blockSize = options.blockSize();
        while (next <= end) {
            b.clear().limit(TftpCodec.DATA_HEADER + blockSize);
            ByteBuffer packet = source.packet(next, b);
            int n = packet.remaining() - TftpCodec.DATA_HEADER;
            if (next == hashed + 1) {
                sent.update(packet.duplicate().position(TftpCodec.DATA_HEADER));
                hashed = next;
            }
            TftpCodec.putDataHeader(packet, BlockNumbers.wire(next));
            if (n < blockSize) {
                lastBlock = next;
                lastLength = n;
                end = next;
            }
            if (!loop.packets().sendData(this, packet)) {
                return; // socket buffer full: the loop calls onWritable, which goes on from next
            }
            if (next > highestSent) {
                highestSent = next;
            }
            next++;
        }
    }

    /**
     * Fetches the next window's first blocks while the client works through this one: in lockstep
     * that takes the file read off the round trip, as the next ACK finds its block in memory.
     */
    private void readAhead() throws IOException {
        if (next <= lastBlock && (base == 0 || next == base + options.windowSize())) {
            source.readAhead(next);
        }
    }

    @Override
    void onWritable() throws IOException {
        sendWindow();
    }

    @Override
    void onPacket(ByteBuffer p) throws IOException {
        int opcode = p.getShort(p.position()) & 0xFFFF;
        if (opcode == TftpOpcode.ACK) {
            onAck(p.getShort(p.position() + 2) & 0xFFFF);
        } else if (opcode == TftpOpcode.ERROR) {
            loop.finish(this, "client sent " + PacketWriter.describeError(p));
        } else {
            loop.packets().debugPacket(this, "ignored opcode {}", opcode);
        }
    }

    private void onAck(int wire) throws IOException {
        long acked = BlockNumbers.resolve(wire, base - 1, highestSent);
        if (acked < base) {
            // A duplicate or stale ACK. Never answered with a resend: that is the Sorcerer's
            // Apprentice bug (RFC 1123 4.2.3.1); the timeout resends if something was lost.
            duplicateAcks++;
            loop.packets().debugPacket(this, "ignored duplicate or stale ACK {}", wire);
            return;
        }
        base = acked + 1;
        progressed();
        if (base > lastBlock) {
            loop.finish(this, null);
            return;
        }
        // RFC 7440 section 4: an ACK for a block inside the window means the blocks after it were
        // lost; the next window starts right after it (in lockstep this is simply the next block).
        next = base;
        sendWindow();
        readAhead();
        loop.schedule(this, System.nanoTime() + timeoutNanos(0));
        if (bytes() >= nextProgress) {
            nextProgress = bytes() + progressStep - bytes() % progressStep;
            loop.progress(this);
        }
    }

    @Override
    void onTimeout(long now) throws IOException {
        if (!retry()) {
            return;
        }
        loop.packets().debugPacket(this, "timeout: sending again from block {}", base);
        if (base == 0) {
            loop.packets().sendOptionAck(this);
        } else {
            next = base;
            sendWindow();
        }
        loop.schedule(this, now + timeoutNanos(retries));
    }

    @Override
    long bytes() {
        if (base <= 1 || options == null) {
            return 0;
        }
        if (base > lastBlock) {
            return (lastBlock - 1) * options.blockSize() + lastLength;
        }
        return (base - 1) * options.blockSize();
    }

    @Override
    long totalBytes() {
        return source == null ? -1 : source.size();
    }

    @Override
    String sha256() {
        return lastBlock != Long.MAX_VALUE && hashed == lastBlock ? HexFormat.of().formatHex(sent.digest()) : null;
    }

    int duplicateAcks() {
        return duplicateAcks;
    }

    @Override
    void release(String failure) {
        if (source != null) {
            try {
                source.close();
            } catch (IOException e) {
                loop.packets().debugPacket(this, "closing the source failed: {}", e.toString());
            }
        }
    }
}
