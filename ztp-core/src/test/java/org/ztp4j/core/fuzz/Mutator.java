package org.ztp4j.core.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mutates seed inputs the way coverage-less fuzzers do: stacked bit flips, byte overwrites with
 * boundary values, inserted dictionary tokens, deleted, duplicated and truncated ranges, and
 * splices of two seeds. Deterministic for a given random source.
 */
public final class Mutator {

    private static final byte[] INTERESTING_BYTES = {0, 1, 2, 0x7F, (byte) 0x80, (byte) 0xFF, (byte) 0xFE, '\n',
        '\r', '\t', ' ', '"', '\'', ',', '/', '\\', '.', '%', '#', '{', '}', ':', ';', '=', '-', (byte) 0xC0,
        (byte) 0xE2, (byte) 0xEF};
    private static final int[] INTERESTING_INTS = {0, 1, 2, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF,
        0x10000, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 236, 240, 255, 512, 1468, 65464, 65535};

    private final List<byte[]> seeds;
    private final List<byte[]> dictionary;
    private final int maxLength;

    /**
     * @param seeds      the corpus to start from and to splice with (at least one)
     * @param dictionary tokens the target's format uses (keywords, separators, magic values)
     * @param maxLength  inputs are cut to this many bytes
     */
    public Mutator(List<byte[]> seeds, List<String> dictionary, int maxLength) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("fuzzing needs at least one seed input");
        }
        this.seeds = List.copyOf(seeds);
        List<byte[]> d = new ArrayList<>();
        dictionary.forEach(t -> d.add(t.getBytes(StandardCharsets.UTF_8)));
        for (String t : List.of("..", "../", "%2e%2e", "%00", "\u0000", "\r\n", "\"\"", "{{", "}}", "\uFEFF",
                "\uFFFD", "\u2025", "\uFF0E\uFF0E", "\uD83D\uDE00", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")) {
            d.add(t.getBytes(StandardCharsets.UTF_8));
        }
        this.dictionary = List.copyOf(d);
        this.maxLength = maxLength;
    }

    /**
     * @param rnd the random source; the same source state gives the same input
     * @return a mutated copy of a seed
     */
    public byte[] next(SplittableRandom rnd) {
        byte[] b = seeds.get(rnd.nextInt(seeds.size())).clone();
        int rounds = 1 << rnd.nextInt(4); // 1, 2, 4 or 8 stacked mutations
        for (int r = 0; r < rounds; r++) {
            b = mutateOnce(b, rnd);
        }
        return b.length > maxLength ? java.util.Arrays.copyOf(b, maxLength) : b;
    }

    private byte[] mutateOnce(byte[] b, SplittableRandom rnd) {
        int op = rnd.nextInt(10);
        if (b.length == 0 && op < 7) {
            op = 7; // only insertions and splices make sense on nothing
        }
        switch (op) {
            case 0: { // flip one bit
                b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                return b;
            }
            case 1: { // random byte
                b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                return b;
            }
            case 2: { // boundary byte
                b[rnd.nextInt(b.length)] = INTERESTING_BYTES[rnd.nextInt(INTERESTING_BYTES.length)];
                return b;
            }
            case 3: { // boundary integer, 1, 2 or 4 bytes big-endian (lengths, block numbers, opcodes)
                int width = 1 << rnd.nextInt(3);
                int at = rnd.nextInt(b.length);
                int v = INTERESTING_INTS[rnd.nextInt(INTERESTING_INTS.length)];
                for (int k = 0; k < width && at + k < b.length; k++) {
                    b[at + k] = (byte) (v >>> (8 * (width - 1 - k)));
                }
                return b;
            }
            case 4: { // delete a range
                int from = rnd.nextInt(b.length);
                int len = 1 + rnd.nextInt(Math.min(b.length - from, 16));
                return splice(b, from, from + len, new byte[0]);
            }
            case 5: { // duplicate a range, up to 64 times
                int from = rnd.nextInt(b.length);
                int len = 1 + rnd.nextInt(Math.min(b.length - from, 32));
                byte[] part = java.util.Arrays.copyOfRange(b, from, from + len);
                int times = 1 + rnd.nextInt(64);
                byte[] rep = new byte[Math.min(part.length * times, maxLength)];
                for (int k = 0; k < rep.length; k++) {
                    rep[k] = part[k % part.length];
                }
                return splice(b, from, from, rep);
            }
            case 6: { // truncate
                return java.util.Arrays.copyOf(b, rnd.nextInt(b.length));
            }
            case 7:
            case 8: { // insert a dictionary token
                byte[] token = dictionary.get(rnd.nextInt(dictionary.size()));
                int at = b.length == 0 ? 0 : rnd.nextInt(b.length + 1);
                return splice(b, at, at, token);
            }
            default: { // splice with another seed: our head, its tail
                byte[] other = seeds.get(rnd.nextInt(seeds.size()));
                int cut = b.length == 0 ? 0 : rnd.nextInt(b.length + 1);
                int from = other.length == 0 ? 0 : rnd.nextInt(other.length + 1);
                return splice(b, cut, b.length, java.util.Arrays.copyOfRange(other, from, other.length));
            }
        }
    }

    private static byte[] splice(byte[] b, int from, int to, byte[] with) {
        byte[] out = new byte[b.length - (to - from) + with.length];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(with, 0, out, from, with.length);
        System.arraycopy(b, to, out, from + with.length, b.length - to);
        return out;
    }
}
