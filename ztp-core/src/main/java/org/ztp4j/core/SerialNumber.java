package org.ztp4j.core;

import java.util.Locale;

/**
 * A device's chassis serial number, normalised: surrounding blanks trimmed, upper case.
 *
 * <p>Serials are what NX-OS POAP and IOS-XE ZTP name a device by ({@code conf.SAL12345678}), so
 * the same serial must compare equal however an inventory or a device spelled it.
 *
 * @param value the normalised serial: 1 to 64 characters of letters, digits, {@code -} and {@code _}
 */
public record SerialNumber(String value) implements Comparable<SerialNumber> {

    /**
     * Normalises and validates the serial.
     *
     * @throws IllegalArgumentException naming the value when it is empty, too long or holds
     *                                  characters a serial number never has
     */
    public SerialNumber {
        if (value == null) {
            throw new IllegalArgumentException("serial number: missing");
        }
        String v = value.strip().toUpperCase(Locale.ROOT);
        if (v.isEmpty()) {
            throw new IllegalArgumentException("serial number: empty");
        }
        if (v.length() > 64) {
            throw new IllegalArgumentException("serial number: '" + v + "' is longer than 64 characters");
        }
        if (!v.matches("[A-Z0-9_-]+")) {
            throw new IllegalArgumentException("serial number: '" + value.strip()
                    + "' may hold only letters, digits, '-' and '_'");
        }
        value = v;
    }

    /**
     * Parses a serial number.
     *
     * @param text the serial as typed or sent
     * @return the normalised serial
     */
    public static SerialNumber of(String text) {
        return new SerialNumber(text);
    }

    @Override
    public int compareTo(SerialNumber o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
