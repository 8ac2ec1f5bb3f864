package org.ztp4j.http.internal;

/** Makes a client-supplied string safe for one log line. */
public final class Printable {

    /** The longest text kept; the rest becomes {@code ...}. */
    public static final int MAX_LENGTH = 256;

    private Printable() {
    }

    /**
     * @param s text a client sent, may be {@code null}
     * @return it with control characters (including CR, LF and DEL) as {@code \xNN}, cut at
     *         {@value #MAX_LENGTH} characters
     */
    public static String of(String s) {
        if (s == null) {
            return "-";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_LENGTH) + 8);
        for (int i = 0; i < s.length() && i < MAX_LENGTH; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (s.length() > MAX_LENGTH) {
            b.append("...");
        }
        return b.toString();
    }
}
