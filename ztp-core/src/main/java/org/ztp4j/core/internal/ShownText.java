package org.ztp4j.core.internal;

/**
 * Bounds text a device or a client sent (a file name it asked for, a serial in a URL, a report's
 * message) before an API shows it: a device cannot make every poll of the status API carry
 * kilobytes of its choosing. The text itself is left as it is; escaping is the job of whatever
 * writes it out (JSON, the page's {@code textContent}).
 */
public final class ShownText {

    /** The longest text an API shows, in characters; longer text is cut and ends in {@value #ELLIPSIS}. */
    public static final int MAX_LENGTH = 256;

    /** What a cut text ends with. */
    public static final String ELLIPSIS = "\u2026";

    private ShownText() {
    }

    /**
     * @param s text from outside, may be {@code null}
     * @return it, or its first 255 characters and {@value #ELLIPSIS} (never half a surrogate pair)
     *         when it is longer than {@value #MAX_LENGTH}; {@code null} for {@code null}
     */
    public static String of(String s) {
        if (s == null || s.length() <= MAX_LENGTH) {
            return s;
        }
        int end = MAX_LENGTH - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + ELLIPSIS;
    }
}
