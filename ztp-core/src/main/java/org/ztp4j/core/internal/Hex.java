package org.ztp4j.core.internal;

import java.util.HexFormat;

/** Bytes written as hex by a person: {@code 01:02:0a}, {@code 0102 0a}, {@code 0x01020a}. */
public final class Hex {

    private Hex() {
    }

    /**
     * @param what what the value is, for the message ({@code option 43})
     * @param text hex digits, optionally after {@code 0x} and separated by {@code :}, {@code .} or blanks
     * @return the bytes
     * @throws IllegalArgumentException naming the value when it is not an even number of hex digits
     */
    public static byte[] parse(String what, String text) {
        String digits = text == null ? "" : text.replaceAll("[\\s:.]", "");
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            digits = digits.substring(2);
        }
        if (digits.length() % 2 != 0 || !digits.matches("\\p{XDigit}*")) {
            throw new IllegalArgumentException(what + ": '" + LogText.of(text) + "' is not an even number of hex digits");
        }
        return HexFormat.of().parseHex(digits);
    }
}
