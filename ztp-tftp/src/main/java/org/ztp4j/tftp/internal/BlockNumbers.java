package org.ztp4j.tftp.internal;

/**
 * Block numbers: transfers count blocks in a {@code long} from 1 (0 is the OACK), the wire carries
 * the low 16 bits. Past 65535 the wire number wraps to 0, as tftp-hpa, atftp and curl expect, so
 * that files above 32 MiB at blksize 512 (65535 blocks) still transfer.
 */
public final class BlockNumbers {

    private BlockNumbers() {
    }

    /**
     * @param block the absolute block number
     * @return the 16-bit number sent on the wire
     */
    public static int wire(long block) {
        return (int) (block & 0xFFFF);
    }

    /**
     * Finds which absolute block a 16-bit number from the wire means, given the range of blocks it
     * can sensibly name. The range must be at most 65536 blocks wide for the answer to be unique.
     *
     * @param wire   the 16-bit number received
     * @param lowest the lowest absolute block it may name
     * @param highest the highest absolute block it may name
     * @return the absolute block, or -1 when the number names no block in the range (a stale or
     *         bogus packet)
     */
    public static long resolve(int wire, long lowest, long highest) {
        long candidate = lowest + ((wire - lowest) & 0xFFFF);
        return candidate <= highest ? candidate : -1;
    }
}
