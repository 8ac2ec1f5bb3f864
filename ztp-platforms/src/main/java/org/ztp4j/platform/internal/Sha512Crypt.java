package org.ztp4j.platform.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-512 crypt ({@code $6$salt$hash}), the password hash Junos keeps in
 * {@code encrypted-password} and glibc's {@code crypt(3)} computes, as Ulrich Drepper's
 * specification "Unix crypt using SHA-256 and SHA-512" defines it (5000 rounds, the default; no
 * {@code rounds=} field). {@code openssl passwd -6 -salt S P} gives the same text.
 */
public final class Sha512Crypt {

    private static final String ALPHABET = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int ROUNDS = 5000;

    private Sha512Crypt() {
    }

    /**
     * @param password the clear-text password
     * @param salt     1..16 characters of {@code [./0-9A-Za-z]} (longer salts are cut to 16, as crypt does)
     * @return {@code $6$<salt>$<86 characters>}
     * @throws IllegalArgumentException when the salt is empty or has other characters
     */
    public static String hash(String password, String salt) {
        if (salt.isEmpty() || !salt.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            throw new IllegalArgumentException("SHA-512 crypt salt must be 1..16 characters of [./0-9A-Za-z]");
        }
        String s = salt.length() > 16 ? salt.substring(0, 16) : salt;
        byte[] p = password.getBytes(StandardCharsets.UTF_8);
        byte[] sb = s.getBytes(StandardCharsets.US_ASCII);

        MessageDigest b = sha512();
        b.update(p);
        b.update(sb);
        b.update(p);
        byte[] bDigest = b.digest();

        MessageDigest a = sha512();
        a.update(p);
        a.update(sb);
        addRepeated(a, bDigest, p.length);
        for (int n = p.length; n > 0; n >>= 1) {
            a.update((n & 1) != 0 ? bDigest : p);
        }
        byte[] aDigest = a.digest();

        MessageDigest dp = sha512();
        for (int i = 0; i < p.length; i++) {
            dp.update(p);
        }
        byte[] pBytes = repeat(dp.digest(), p.length);

        MessageDigest ds = sha512();
        for (int i = 0; i < 16 + (aDigest[0] & 0xff); i++) {
            ds.update(sb);
        }
        byte[] sBytes = repeat(ds.digest(), sb.length);

        byte[] c = aDigest;
        for (int i = 0; i < ROUNDS; i++) {
            MessageDigest r = sha512();
            r.update((i & 1) != 0 ? pBytes : c);
            if (i % 3 != 0) {
                r.update(sBytes);
            }
            if (i % 7 != 0) {
                r.update(pBytes);
            }
            r.update((i & 1) != 0 ? c : pBytes);
            c = r.digest();
        }

        StringBuilder out = new StringBuilder("$6$").append(s).append('$');
        int[][] groups = {{0, 21, 42}, {22, 43, 1}, {44, 2, 23}, {3, 24, 45}, {25, 46, 4}, {47, 5, 26}, {6, 27, 48},
                {28, 49, 7}, {50, 8, 29}, {9, 30, 51}, {31, 52, 10}, {53, 11, 32}, {12, 33, 54}, {34, 55, 13},
                {56, 14, 35}, {15, 36, 57}, {37, 58, 16}, {59, 17, 38}, {18, 39, 60}, {40, 61, 19}, {62, 20, 41}};
        for (int[] g : groups) {
            encode(out, c[g[0]], c[g[1]], c[g[2]], 4);
        }
        encode(out, (byte) 0, (byte) 0, c[63], 2);
        return out.toString();
    }

    private static void addRepeated(MessageDigest md, byte[] block, int length) {
        int n = length;
        for (; n > 64; n -= 64) {
            md.update(block);
        }
        md.update(block, 0, n);
    }

    private static byte[] repeat(byte[] block, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = block[i % 64];
        }
        return out;
    }

    private static void encode(StringBuilder out, byte b2, byte b1, byte b0, int n) {
        int w = ((b2 & 0xff) << 16) | ((b1 & 0xff) << 8) | (b0 & 0xff);
        for (int i = 0; i < n; i++) {
            out.append(ALPHABET.charAt(w & 0x3f));
            w >>>= 6;
        }
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-512", e);
        }
    }
}
