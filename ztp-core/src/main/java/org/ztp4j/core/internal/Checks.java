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
}
