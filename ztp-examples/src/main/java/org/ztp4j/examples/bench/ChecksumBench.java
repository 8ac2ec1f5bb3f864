package org.ztp4j.examples.bench;

import java.nio.file.Path;
import org.ztp4j.core.checksum.ChecksumAlgorithm;
import org.ztp4j.core.checksum.Checksums;

/**
 * Times {@link Checksums#hex(Path, ChecksumAlgorithm)} on one file for {@code bench/checksum.sh}:
 * one warm-up pass, then N timed passes; prints the best time in seconds and the digest, so the
 * script can compare both with coreutils in the same run.
 */
public final class ChecksumBench {

    private ChecksumBench() {
    }

    /**
     * @param args FILE ALGORITHM [PASSES]
     * @throws Exception when the file cannot be read
     */
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        ChecksumAlgorithm algorithm = ChecksumAlgorithm.parse(args[1]);
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String hex = Checksums.hex(file, algorithm);
        long best = Long.MAX_VALUE;
        for (int i = 0; i < passes; i++) {
            long t0 = System.nanoTime();
            hex = Checksums.hex(file, algorithm);
            best = Math.min(best, System.nanoTime() - t0);
        }
        System.out.printf("%.3f %s%n", best / 1e9, hex);
    }
}
