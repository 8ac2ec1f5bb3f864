package org.ztp4j.core.checksum;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code #md5sum="..."} line of an NX-OS POAP script: compute, stamp and verify it exactly as
 * Cisco's recipe does, so that the switch accepts the script.
 *
 * <p>The recipe is {@code sed '/^#md5sum/d' f > f.md5} (the hash covers the file without any line
 * that starts with {@code #md5sum}, every other byte as it is: line endings, a missing final
 * newline, any encoding), then {@code sed -i "s/^#md5sum=.*\/#md5sum=\"HASH\"/" f} (every line that
 * starts with {@code #md5sum=} becomes exactly {@code #md5sum="HASH"}; its line ending stays, except
 * that a CR before it belongs to the replaced text, as {@code .*} takes it in sed). This class works
 * on bytes, so it yields the same hash and the same file as the recipe, byte for byte.
 *
 * <pre>{@code
 * byte[] stamped = PoapScript.stamp(Files.readAllBytes(script));
 * PoapScript.Verification v = PoapScript.verify(stamped);   // v.status() == OK
 * }</pre>
 */
public final class PoapScript {

    private static final byte[] MARK = "#md5sum".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STAMP_MARK = "#md5sum=".getBytes(StandardCharsets.US_ASCII);

    private PoapScript() {
    }

    /** The result of checking a script's embedded MD5. */
    public enum Status {
        /** The embedded MD5 matches the content. */
        OK,
        /** The embedded MD5 differs from the content's. */
        MISMATCH,
        /** The script has no {@code #md5sum="<hex>"} line. */
        NO_MD5_LINE
    }

    /**
     * The result of {@link #verify(byte[])}.
     *
     * @param status   the outcome
     * @param embedded the hash the script carries, or {@code null} when it has none
     * @param computed the hash of the script's content
     */
    public record Verification(Status status, String embedded, String computed) {
    }

    /**
     * The MD5 the switch computes: of the script without its {@code #md5sum} lines.
     *
     * @param script the script's bytes
     * @return 32 lower-case hex digits
     */
    public static String md5(byte[] script) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream(script.length);
        for (int[] line : lines(script)) {
            if (!startsWith(script, line[0], line[1], MARK)) {
                kept.write(script, line[0], line[2] - line[0]);
            }
        }
        return Checksums.hex(kept.toByteArray(), ChecksumAlgorithm.MD5);
    }

    /**
     * Stamps a script: every {@code #md5sum=} line gets the right hash; a script with none gets one
     * inserted as line 2, after the shebang (line 1 of a one-line script with no newline gets one).
     *
     * @param script the script's bytes
     * @return the stamped script
     */
    public static byte[] stamp(byte[] script) {
        List<int[]> lines = lines(script);
        if (lines.stream().noneMatch(l -> startsWith(script, l[0], l[1], STAMP_MARK))) {
            // Insert a placeholder first, so that the hash is taken over the bytes as finally laid
            // out (a one-line script gains a newline here), then stamp it like any other script.
            byte[] placeholder = "#md5sum=\"\"".getBytes(StandardCharsets.US_ASCII);
            byte[] withLine = insertAsLineTwo(script, lines, placeholder);
            return stamp(withLine);
        }
        String hash = md5(script);
        byte[] line = ("#md5sum=\"" + hash + "\"").getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream(script.length + 64);
        for (int[] l : lines) {
            if (startsWith(script, l[0], l[1], STAMP_MARK)) {
                // sed's ".*" takes everything up to the newline, a CR included.
                out.writeBytes(line);
                if (l[2] > l[1]) {
                    out.write('\n');
                }
            } else {
                out.write(script, l[0], l[2] - l[0]);
            }
        }
        return out.toByteArray();
    }

    private static byte[] insertAsLineTwo(byte[] script, List<int[]> lines, byte[] line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(script.length + 64);
        if (lines.isEmpty()) {
            out.writeBytes(line);
            out.write('\n');
            return out.toByteArray();
        }
        int[] first = lines.get(0);
        boolean crlf = first[1] >= 1 && first[1] > first[0] && script[first[1] - 1] == '\r';
        byte[] eol = crlf ? new byte[] {'\r', '\n'} : new byte[] {'\n'};
        out.write(script, first[0], first[2] - first[0]);
        if (first[2] == first[1]) {
            out.writeBytes(eol); // line 1 had no newline: give it one so ours is line 2
            out.writeBytes(line);
            return out.toByteArray();
        }
        out.writeBytes(line);
        out.writeBytes(eol);
        out.write(script, first[2], script.length - first[2]);
        return out.toByteArray();
    }

    /**
     * Checks a script's embedded MD5 against its content, as the switch does.
     *
     * @param script the script's bytes
     * @return the outcome, with both hashes
     */
    public static Verification verify(byte[] script) {
        String computed = md5(script);
        Optional<String> embedded = embedded(script);
        if (embedded.isEmpty()) {
            return new Verification(Status.NO_MD5_LINE, null, computed);
        }
        return new Verification(embedded.get().equals(computed) ? Status.OK : Status.MISMATCH, embedded.get(), computed);
    }

    /**
     * @param script the script's bytes
     * @return the hash in the first {@code #md5sum="<32 hex>"} line, lower-cased, if there is one
     */
    public static Optional<String> embedded(byte[] script) {
        for (int[] l : lines(script)) {
            if (startsWith(script, l[0], l[1], STAMP_MARK)) {
                String rest = new String(script, l[0] + STAMP_MARK.length, l[1] - l[0] - STAMP_MARK.length,
                        StandardCharsets.ISO_8859_1).strip();
                if (rest.length() == 34 && rest.startsWith("\"") && rest.endsWith("\"")
                        && rest.substring(1, 33).matches("[0-9a-fA-F]{32}")) {
                    return Optional.of(rest.substring(1, 33).toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Stamps a script file in place; the file is replaced atomically, so a crash never leaves half a
     * script behind.
     *
     * @param file the script
     * @return the MD5 now embedded
     * @throws IOException when reading or writing fails
     */
    public static String stamp(Path file) throws IOException {
        byte[] stamped = stamp(Files.readAllBytes(file));
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".poap", ".tmp");
        try {
            Files.write(tmp, stamped);
            try {
                Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(file));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the default permissions stand
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return embedded(stamped).orElseThrow();
    }

    /** Lines as {start, end of content (before LF), end including LF}. */
    private static List<int[]> lines(byte[] b) {
        List<int[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n') {
                lines.add(new int[] {start, i, i + 1});
                start = i + 1;
            }
        }
        if (start < b.length) {
            lines.add(new int[] {start, b.length, b.length});
        }
        return lines;
    }

    private static boolean startsWith(byte[] b, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
