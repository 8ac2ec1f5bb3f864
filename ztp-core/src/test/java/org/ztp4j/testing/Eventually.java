package org.ztp4j.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits, boundedly, for something a server does after the client it served has finished. */
public final class Eventually {

    /** How long a test waits for a condition: long enough for a loaded CI machine, short enough to fail. */
    public static final Duration WAIT = Duration.ofSeconds(30);

    private Eventually() {
    }

    /**
     * @param condition what should become true
     * @return whether it did within {@link #WAIT}
     * @throws InterruptedException when interrupted
     */
    public static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }
}
