package org.ztp4j.core.checksum;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Streaming checksums whose output is byte for byte what md5sum, sha256sum and sha512sum print:
 * lower-case hex. Files are read in fixed-size chunks, never whole.
 *
 * <pre>{@code
 * String md5 = Checksums.hex(Path.of("nxos64-cs.10.4.3.F.bin"), ChecksumAlgorithm.MD5);
 * }</pre>
 */
public final class Checksums {

    /** Chunk size: large enough that the digest, not the read calls, sets the pace. */
    private static final int CHUNK = 256 * 1024;

    private Checksums() {
    }

    /**
     * @param file      the file
     * @param algorithm the digest
     * @return the lower-case hex digest of the whole file
     * @throws IOException when the file cannot be read
     */
    public static String hex(Path file, ChecksumAlgorithm algorithm) throws IOException {
        MessageDigest digest = algorithm.newDigest();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(CHUNK);
            while (ch.read(buf) >= 0) {
                buf.flip();
                digest.update(buf.array(), 0, buf.limit());
                buf.clear();
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Reads the stream to its end (without closing it).
     *
     * @param in        the stream
     * @param algorithm the digest
     * @return the lower-case hex digest of everything read
     * @throws IOException when reading fails
     */
    public static String hex(InputStream in, ChecksumAlgorithm algorithm) throws IOException {
        MessageDigest digest = algorithm.newDigest();
        byte[] buf = new byte[CHUNK];
        int n;
        while ((n = in.read(buf)) >= 0) {
            digest.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * @param bytes     the content
     * @param algorithm the digest
     * @return the lower-case hex digest
     */
    public static String hex(byte[] bytes, ChecksumAlgorithm algorithm) {
        return HexFormat.of().formatHex(algorithm.newDigest().digest(bytes));
    }
}
