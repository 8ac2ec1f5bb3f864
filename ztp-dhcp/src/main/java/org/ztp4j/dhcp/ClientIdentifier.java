package org.ztp4j.dhcp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ztp4j.core.MacAddress;
import org.ztp4j.core.SerialNumber;

/**
 * Option 61, the client identifier: a type byte and the identifier (RFC 2132 section 9.14), with
 * the forms Cisco devices send decoded.
 *
 * <ul>
 *   <li>type 1 + six bytes: an Ethernet MAC ({@link #mac()});</li>
 *   <li>type 0 + the chassis serial as text, as NX-OS POAP and IOS-XE ZTP send it
 *       ({@code "\0SAL12345678"}, {@link #serial()});</li>
 *   <li>type 0 + {@code cisco-<mac>-<interface>}, as IOS-XE sends it since 16.8
 *       ({@code "\0cisco-7426.cc5c.9180-Gi0/0"}: {@link #mac()} and {@link #interfaceName()}).</li>
 * </ul>
 *
 * @param type  the type byte, 0..255
 * @param value the identifier bytes after the type (copied)
 */
public record ClientIdentifier(int type, byte[] value) {

    private static final Pattern CISCO_FORM = Pattern.compile("cisco-(\\p{XDigit}{4}\\.\\p{XDigit}{4}\\.\\p{XDigit}{4}|\\p{XDigit}{12})-(.+)");

    /**
     * Validates the type and copies the value.
     *
     * @throws IllegalArgumentException when the type is not 0..255 or the value is missing
     */
    public ClientIdentifier {
        if (type < 0 || type > 255) {
            throw new IllegalArgumentException("option 61: type " + type + " is not 0..255");
        }
        if (value == null) {
            throw new IllegalArgumentException("option 61: value missing");
        }
        value = value.clone();
    }

    /**
     * Splits an option 61 value into type and identifier.
     *
     * @param option61 the whole option value, type byte first
     * @return the identifier
     * @throws DhcpFormatException when the value is empty
     */
    public static ClientIdentifier ofOptionValue(byte[] option61) {
        if (option61 == null || option61.length == 0) {
            throw new DhcpFormatException("option 61: empty (needs at least the type byte)");
        }
        return new ClientIdentifier(option61[0] & 0xFF, Arrays.copyOfRange(option61, 1, option61.length));
    }

    /** @return a copy of the identifier bytes after the type */
    @Override
    public byte[] value() {
        return value.clone();
    }

    /** @return the identifier after the type as text (ISO-8859-1) */
    public String text() {
        return new String(value, StandardCharsets.ISO_8859_1);
    }

    /**
     * @return the serial number when the identifier is type 0 + a serial (not the
     *         {@code cisco-<mac>-<intf>} form)
     */
    public Optional<SerialNumber> serial() {
        if (type != 0 || value.length == 0 || value.length > 64 || CISCO_FORM.matcher(text()).matches()) {
            return Optional.empty();
        }
        String t = text();
        if (!t.matches("[A-Za-z0-9_-]+")) {
            return Optional.empty();
        }
        return Optional.of(SerialNumber.of(t));
    }

    /**
     * @return the MAC: from a type 1 identifier of six bytes, or from the IOS-XE
     *         {@code cisco-<mac>-<interface>} form
     */
    public Optional<MacAddress> mac() {
        if (type == 1 && value.length == 6) {
            return Optional.of(MacAddress.ofBytes(value));
        }
        Matcher m = ciscoForm();
        return m == null ? Optional.empty() : Optional.of(MacAddress.parse(m.group(1)));
    }

    /** @return the interface of the IOS-XE {@code cisco-<mac>-<interface>} form, for example {@code Gi0/0} */
    public Optional<String> interfaceName() {
        Matcher m = ciscoForm();
        return m == null ? Optional.empty() : Optional.of(m.group(2));
    }

    /** @return type and identifier as hex, as lease files write option 61 ({@code 00:53:41:...} without colons) */
    public String toHex() {
        return String.format("%02x", type) + HexFormat.of().formatHex(value);
    }

    private Matcher ciscoForm() {
        if (type != 0) {
            return null;
        }
        Matcher m = CISCO_FORM.matcher(text());
        return m.matches() ? m : null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientIdentifier other && other.type == type && Arrays.equals(other.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "client-id " + toHex();
    }
}
