package org.ztp4j.core.internal;

import java.time.Duration;

/** Builder argument checks with one wording everywhere: {@code "threads 0: must be 1..1024"}. */
public final class Checks {

    private Checks() {
    }

    /**
     * @param what  what the value is ({@code threads}, {@code TFTP port})
     * @param value the value
     * @param min   the least allowed
     * @param max   the most allowed
     * @return the value
     * @throws IllegalArgumentException naming the value and the range when it is outside
     */
    public static int range(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " " + value + ": must be " + min + ".." + max);
        }
        return value;
    }

    /**
     * @param what  what the value is
     * @param value the value
     * @param min   the least allowed
     * @return the value
     * @throws IllegalArgumentException naming the value when it is below
     */
    public static int atLeast(String what, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(what + " " + value + ": must be at least " + min);
        }
        return value;
    }

    /**
     * @param what what the port is for ({@code TFTP})
     * @param port a port, 0 meaning any free one
     * @return the port
     * @throws IllegalArgumentException when it is not 0..65535
     */
    public static int port(String what, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(what + " port " + port + ": must be 0..65535");
        }
        return port;
    }

    /**
     * @param what  what the duration is
     * @param value the duration
     * @return the duration
     * @throws IllegalArgumentException when it is null, zero or negative
     */
    public static Duration positive(String what, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " " + value + ": must be positive");
        }
        return value;
    }

    /**
     * Text that goes into a configuration file line by line (a DHCP server's): a line break would end
     * its line early and start one of the text's choosing, and other control characters are no
     * text any server reads.
     *
     * @param what  what the text is ({@code platform nxos: match prefix})
     * @param value the text, or {@code null}
     * @return the text
     * @throws IllegalArgumentException naming the text (control characters shown as {@code \xNN}),
     *                                  the first control character and its position (from 1)
     */
    public static String noControlCharacters(String what, String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
                throw new IllegalArgumentException(what + " '" + LogText.of(value) + "': control character "
                        + String.format("U+%04X", (int) c) + " at position " + (i + 1) + " (one line of text, no control characters)");
            }
        }
        return value;
    }
}
