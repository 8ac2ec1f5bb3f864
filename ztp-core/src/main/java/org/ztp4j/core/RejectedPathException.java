package org.ztp4j.core;

import java.io.IOException;

/**
 * A request path that must not be served: it tries to leave the served root, or holds characters
 * no served file name has. The message names the path and the rule it broke.
 */
public class RejectedPathException extends IOException {

    private final String path;

    /**
     * @param path   the path as the client sent it
     * @param reason which rule it broke
     */
    public RejectedPathException(String path, String reason) {
        super("path '" + printable(path) + "' refused: " + reason);
        this.path = path;
    }

    /** @return the path as the client sent it */
    public String path() {
        return path;
    }

    /** Makes a hostile path safe to put in a log line: control characters become {@code \xNN}. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 256));
        for (int i = 0; i < s.length() && i < 256; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (s.length() > 256) {
            b.append("...");
        }
        return b.toString();
    }
}
