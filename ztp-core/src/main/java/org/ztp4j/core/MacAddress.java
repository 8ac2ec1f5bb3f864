package org.ztp4j.core;

import java.util.HexFormat;
import java.util.Locale;

/**
 * An IEEE 802 MAC-48 address.
 *
 * <p>{@link #parse(String)} accepts every spelling a network engineer meets:
 * {@code aa:bb:cc:dd:ee:ff}, {@code AA-BB-CC-DD-EE-FF}, Cisco's {@code aabb.ccdd.eeff} and bare
 * {@code aabbccddeeff}. {@link #toString()} gives the colon form in lower case.
 *
 * <pre>{@code
 * MacAddress mac = MacAddress.parse("7426.cc5c.9180");
 * mac.toString();    // "74:26:cc:5c:91:80"
 * mac.toHex12();     // "7426CC5C9180", as NX-OS POAP names files
 * }</pre>
 *
 * @param value the 48-bit address in the low bits of a long
 */
public record MacAddress(long value) {

    private static final long MAX = 0xFFFF_FFFF_FFFFL;

    /**
     * Validates the value.
     *
     * @throws IllegalArgumentException if the value does not fit in 48 bits
     */
    public MacAddress {
        if (value < 0 || value > MAX) {
            throw new IllegalArgumentException("MAC address: value " + Long.toHexString(value) + " does not fit in 48 bits");
        }
    }

    /**
     * Parses a MAC address in any common spelling.
     *
     * @param text {@code aa:bb:cc:dd:ee:ff}, {@code aa-bb-cc-dd-ee-ff}, {@code aabb.ccdd.eeff} or
     *             {@code aabbccddeeff}, any case, surrounding blanks ignored
     * @return the address
     * @throws IllegalArgumentException naming the text when it is not a MAC address
     */
    public static MacAddress parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("MAC address: missing");
        }
        String t = text.strip();
        String hex;
        if (t.matches("\\p{XDigit}{2}([:-])\\p{XDigit}{2}(\\1\\p{XDigit}{2}){4}")) {
            hex = t.replace(":", "").replace("-", "");
        } else if (t.matches("\\p{XDigit}{4}\\.\\p{XDigit}{4}\\.\\p{XDigit}{4}")) {
            hex = t.replace(".", "");
        } else if (t.matches("\\p{XDigit}{12}")) {
            hex = t;
        } else {
            throw new IllegalArgumentException("MAC address: '" + text
                    + "' is not aa:bb:cc:dd:ee:ff, aa-bb-cc-dd-ee-ff, aabb.ccdd.eeff or aabbccddeeff");
        }
        return new MacAddress(Long.parseLong(hex, 16));
    }

    /**
     * Builds an address from its six bytes (for example a DHCP chaddr).
     *
     * @param bytes at least six bytes; the first six are used
     * @return the address
     * @throws IllegalArgumentException if fewer than six bytes are given
     */
    public static MacAddress ofBytes(byte[] bytes) {
        if (bytes == null || bytes.length < 6) {
            throw new IllegalArgumentException("MAC address: need 6 bytes, got " + (bytes == null ? 0 : bytes.length));
        }
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = (v << 8) | (bytes[i] & 0xFF);
        }
        return new MacAddress(v);
    }

    /** @return the six bytes, most significant first */
    public byte[] toBytes() {
        byte[] b = new byte[6];
        for (int i = 5, v = 0; i >= 0; i--, v += 8) {
            b[i] = (byte) (value >>> v);
        }
        return b;
    }

    /** @return twelve upper-case hex digits without separators, as NX-OS POAP_MAC gives it */
    public String toHex12() {
        return hex().toUpperCase(Locale.ROOT);
    }

    /** @return Cisco's dotted form, {@code aabb.ccdd.eeff} */
    public String toCiscoDotted() {
        String h = hex();
        return h.substring(0, 4) + "." + h.substring(4, 8) + "." + h.substring(8);
    }

    /** @return the colon form in lower case, {@code aa:bb:cc:dd:ee:ff} */
    @Override
    public String toString() {
        return HexFormat.ofDelimiter(":").formatHex(toBytes());
    }

    private String hex() {
        return HexFormat.of().formatHex(toBytes());
    }
}
