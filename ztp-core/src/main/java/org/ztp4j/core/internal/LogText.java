package org.ztp4j.core.internal;

/**
 * Makes text a client or a device sent safe for one log line or one error message: control
 * characters (CR, LF, ESC, DEL and the C1 range) become {@code \xNN}, so a forged line or a
 * terminal escape cannot reach the log, and long text is cut.
 */
public final class LogText {

    /** The longest text kept unless told otherwise; the rest becomes {@code ...}. */
    public static final int MAX_LENGTH = 256;

    private LogText() {
    }

    /** A path that starts with a device's token, {@code t/<token>/...} (day-0 access token). */
    private static final java.util.regex.Pattern TOKEN_PATH = java.util.regex.Pattern.compile("^(/*t/)[A-Za-z0-9_-]{16,64}/");

    /**
     * @param s a path as a client asked for it
     * @return it with a device token at its start shown as {@code t/<token>/}: a token is a secret
     */
    public static String withoutToken(String s) {
        java.util.regex.Matcher m = TOKEN_PATH.matcher(s);
        return m.find() ? m.group(1) + "<token>/" + s.substring(m.end()) : s;
    }

    /**
     * @param s text from outside, may be {@code null}
     * @return it made safe, cut at {@value #MAX_LENGTH} characters; {@code -} for {@code null}
     */
    public static String of(String s) {
        return of(s, MAX_LENGTH);
    }

    /**
     * @param s   text from outside, may be {@code null}
     * @param max the longest text kept
     * @return it made safe, cut at {@code max} characters; {@code -} for {@code null}
     */
    public static String of(String s, int max) {
        if (s == null) {
            return "-";
        }
        s = withoutToken(s);
        StringBuilder b = new StringBuilder(Math.min(s.length(), max) + 8);
        for (int i = 0; i < s.length() && i < max; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (s.length() > max) {
            b.append("...");
        }
        return b.toString();
    }
}
