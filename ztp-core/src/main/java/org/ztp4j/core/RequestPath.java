package org.ztp4j.core;

import java.nio.file.Path;
import java.util.List;

/**
 * A request path that is safe to look up below a served root: relative, made of plain names.
 *
 * <p>The rules, the same for TFTP and HTTP (HTTP percent-decodes first):
 * <ul>
 *   <li>one leading {@code /} is allowed and means the served root, as tftpd-hpa's {@code -s} treats
 *       it (devices ask both {@code poap.py} and {@code /poap.py});</li>
 *   <li>refused: an empty path, NUL or any other control character, a backslash, a path that is
 *       still absolute after that ({@code //etc}), a drive letter ({@code C:}), empty segments
 *       ({@code a//b}), {@code .} and {@code ..} segments, and paths longer than {@value #MAX_LENGTH}
 *       characters.</li>
 * </ul>
 *
 * @param segments the path's names, none empty, {@code .} or {@code ..}
 */
public record RequestPath(List<String> segments) {

    /** The longest path accepted, in characters. */
    public static final int MAX_LENGTH = 1024;

    /** Copies the segments. */
    public RequestPath {
        segments = List.copyOf(segments);
    }

    /**
     * Checks a path as a client sent it.
     *
     * @param raw the path
     * @return the safe relative path
     * @throws RejectedPathException naming the rule the path broke
     */
    public static RequestPath parse(String raw) throws RejectedPathException {
        if (raw == null || raw.isEmpty()) {
            throw new RejectedPathException(raw == null ? "" : raw, "empty path");
        }
        if (raw.length() > MAX_LENGTH) {
            throw new RejectedPathException(raw, "longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == 0) {
                throw new RejectedPathException(raw, "NUL character");
            }
            if (c < 0x20 || c == 0x7F) {
                throw new RejectedPathException(raw, "control character");
            }
            if (c == '\\') {
                throw new RejectedPathException(raw, "backslash");
            }
        }
        String p = raw.startsWith("/") ? raw.substring(1) : raw;
        if (p.isEmpty()) {
            throw new RejectedPathException(raw, "names the root, not a file");
        }
        if (p.startsWith("/")) {
            throw new RejectedPathException(raw, "absolute path");
        }
        if (p.length() >= 2 && Character.isLetter(p.charAt(0)) && p.charAt(1) == ':') {
            throw new RejectedPathException(raw, "drive letter");
        }
        String[] parts = p.split("/", -1);
        for (String s : parts) {
            if (s.isEmpty()) {
                throw new RejectedPathException(raw, "empty path segment");
            }
            if (s.equals(".") || s.equals("..")) {
                throw new RejectedPathException(raw, "'" + s + "' segment");
            }
        }
        return new RequestPath(List.of(parts));
    }

    /** @return the last segment, the file's own name */
    public String fileName() {
        return segments.get(segments.size() - 1);
    }

    /**
     * Resolves this path below a root. The result is lexically inside the root; symbolic links are
     * the caller's to check (see {@code DirectoryFileProvider}).
     *
     * @param root the served root
     * @return the file's path
     */
    public Path resolveUnder(Path root) {
        Path p = root;
        for (String s : segments) {
            p = p.resolve(s);
        }
        return p;
    }

    /** @return the segments joined by {@code /}, without a leading slash */
    @Override
    public String toString() {
        return String.join("/", segments);
    }
}
