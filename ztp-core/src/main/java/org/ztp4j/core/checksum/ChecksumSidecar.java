package org.ztp4j.core.checksum;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checksum sidecar files, {@code <file>.md5} beside {@code <file>}. Written in md5sum's own format,
 * {@code <hex>  <name>}, which NX-OS POAP accepts as it accepts {@code md5sum=<hex>}; both forms
 * (and md5sum's binary-mode {@code <hex> *<name>}) are read.
 */
public final class ChecksumSidecar {

    private static final Pattern MD5SUM_FORM = Pattern.compile("^\\s*([0-9a-fA-F]+)\\s+\\*?(\\S.*)?$");
    private static final Pattern POAP_FORM = Pattern.compile("^\\s*md5sum\\s*=\\s*\"?([0-9a-fA-F]+)\"?\\s*$");

    private ChecksumSidecar() {
    }

    /**
     * @param hex  the digest
     * @param name the file's name as it should appear (normally without a directory)
     * @return the sidecar's content: {@code <hex>  <name>} and a newline
     */
    public static String format(String hex, String name) {
        return hex.toLowerCase(Locale.ROOT) + "  " + name + "\n";
    }

    /**
     * @param file      a file
     * @param algorithm the digest
     * @return the sidecar path: the file's name plus {@code .md5}, {@code .sha256} or {@code .sha512}
     */
    public static Path pathFor(Path file, ChecksumAlgorithm algorithm) {
        return file.resolveSibling(file.getFileName() + "." + algorithm.id());
    }

    /**
     * Computes the file's digest and writes its sidecar next to it (replacing an old one atomically).
     *
     * @param file      the file
     * @param algorithm the digest
     * @return the hex digest written
     * @throws IOException when reading or writing fails
     */
    public static String write(Path file, ChecksumAlgorithm algorithm) throws IOException {
        String hex = Checksums.hex(file, algorithm);
        Path sidecar = pathFor(file, algorithm);
        Path tmp = Files.createTempFile(sidecar.toAbsolutePath().getParent(), ".sidecar", ".tmp");
        try {
            Files.writeString(tmp, format(hex, file.getFileName().toString()), StandardCharsets.UTF_8);
            Files.move(tmp, sidecar, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return hex;
    }

    /**
     * Reads the digest from a sidecar's content, in either form POAP accepts.
     *
     * @param content the sidecar's text
     * @return the lower-case hex digest, or empty when no line holds one
     */
    public static Optional<String> parse(String content) {
        for (String line : content.split("\r?\n")) {
            Matcher m = POAP_FORM.matcher(line);
            if (!m.matches()) {
                m = MD5SUM_FORM.matcher(line);
                if (!m.matches()) {
                    continue;
                }
            }
            String hex = m.group(1);
            if (hex.length() == 32 || hex.length() == 64 || hex.length() == 128) {
                return Optional.of(hex.toLowerCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }
}
