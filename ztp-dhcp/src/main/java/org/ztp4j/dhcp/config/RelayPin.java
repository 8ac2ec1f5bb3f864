package org.ztp4j.dhcp.config;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.dhcp.RelayAgentInformation;

/**
 * The relay port a device must be plugged into to get its reservation: the option 82 (RFC 3046)
 * circuit-id (sub-option 1, typically the access port) and/or remote-id (sub-option 2, typically
 * the relay switch) that the relay agent adds to the device's requests. A device with a pin gets
 * its reserved address, host name and boot options only through that port; see
 * {@link DhcpConfig} for what each server does with a request that does not match.
 *
 * <p>In an inventory, a pin is two variables (CSV columns):
 * <ul>
 *   <li>{@value #CIRCUIT_ID_VARIABLE}: the circuit-id, e.g. {@code Gi1/0/7};</li>
 *   <li>{@value #REMOTE_ID_VARIABLE}: the remote-id, e.g. {@code access-sw-12}.</li>
 * </ul>
 * A value is text (printable ASCII, sent as its bytes), or bytes written as {@code 0x} and hex
 * digits (colons between octets allowed): {@code 0x000400010007}. Either may be left empty, not
 * both.
 *
 * <pre>{@code
 * RelayPin pin = RelayPin.parse("Gi1/0/7", null);          // circuit-id only
 * RelayPin raw = RelayPin.parse("0x00040001", "0x0102");    // both, as bytes
 * }</pre>
 *
 * @param circuitId sub-option 1 bytes, or {@code null} for any circuit-id
 * @param remoteId  sub-option 2 bytes, or {@code null} for any remote-id
 */
public record RelayPin(byte[] circuitId, byte[] remoteId) {

    /** The inventory variable holding the circuit-id: {@value}. */
    public static final String CIRCUIT_ID_VARIABLE = "relay_circuit_id";

    /** The inventory variable holding the remote-id: {@value}. */
    public static final String REMOTE_ID_VARIABLE = "relay_remote_id";

    /**
     * Checks and copies the values.
     *
     * @throws IllegalArgumentException when both are missing, one is empty, or together they do not
     *                                  fit into one option 82
     */
    public RelayPin {
        if (circuitId == null && remoteId == null) {
            throw new IllegalArgumentException("relay pin: needs a circuit-id, a remote-id or both");
        }
        if (circuitId != null && circuitId.length == 0) {
            throw new IllegalArgumentException("relay pin: the circuit-id is empty");
        }
        if (remoteId != null && remoteId.length == 0) {
            throw new IllegalArgumentException("relay pin: the remote-id is empty");
        }
        // RFC 3046 2.0: every sub-option costs 2 octets of code and length, option 82 holds 255 octets
        int size = (circuitId == null ? 0 : 2 + circuitId.length) + (remoteId == null ? 0 : 2 + remoteId.length);
        if (size > 255) {
            throw new IllegalArgumentException("relay pin: circuit-id and remote-id take " + size
                    + " octets of option 82, which holds at most 255");
        }
        circuitId = circuitId == null ? null : circuitId.clone();
        remoteId = remoteId == null ? null : remoteId.clone();
    }

    /**
     * Reads a pin written as in an inventory: text, or {@code 0x} and hex digits.
     *
     * @param circuitId the circuit-id, or {@code null} / blank for none
     * @param remoteId  the remote-id, or {@code null} / blank for none
     * @return the pin
     * @throws IllegalArgumentException naming the variable and the value at fault
     */
    public static RelayPin parse(String circuitId, String remoteId) {
        byte[] c = value(CIRCUIT_ID_VARIABLE, circuitId);
        byte[] r = value(REMOTE_ID_VARIABLE, remoteId);
        if (c == null && r == null) {
            throw new IllegalArgumentException("relay pin: needs " + CIRCUIT_ID_VARIABLE + ", " + REMOTE_ID_VARIABLE + " or both");
        }
        return new RelayPin(c, r);
    }

    /**
     * The pin an inventory gives a device, in its variables {@value #CIRCUIT_ID_VARIABLE} and
     * {@value #REMOTE_ID_VARIABLE}.
     *
     * @param device a device
     * @return its pin, or empty when neither variable is set (or both are blank)
     * @throws IllegalArgumentException naming the device, the variable and the value at fault
     */
    public static Optional<RelayPin> of(DeviceRecord device) {
        String c = device.variables().get(CIRCUIT_ID_VARIABLE);
        String r = device.variables().get(REMOTE_ID_VARIABLE);
        if ((c == null || c.isBlank()) && (r == null || r.isBlank())) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(c, r));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("device " + device.hostname() + ": " + e.getMessage(), e);
        }
    }

    private static byte[] value(String variable, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.startsWith("0x") || text.startsWith("0X")) {
            String hex = text.substring(2).replace(":", "");
            if (hex.isEmpty() || hex.length() % 2 != 0 || !hex.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
                throw new IllegalArgumentException(variable + ": '" + text + "' is not 0x followed by pairs of hex digits");
            }
            return HexFormat.of().parseHex(hex);
        }
        if (!printable(text.getBytes(StandardCharsets.UTF_8))) {
            throw new IllegalArgumentException(variable + ": '" + text.replaceAll("\\p{Cntrl}", "?")
                    + "' holds characters other than printable ASCII; write such values as 0x and hex digits");
        }
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean printable(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0x20 || b > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** @return a copy of the circuit-id, or {@code null} when the pin leaves it open */
    @Override
    public byte[] circuitId() {
        return circuitId == null ? null : circuitId.clone();
    }

    /** @return a copy of the remote-id, or {@code null} when the pin leaves it open */
    @Override
    public byte[] remoteId() {
        return remoteId == null ? null : remoteId.clone();
    }

    /** @return the circuit-id as text when it is printable ASCII, else empty (also when absent) */
    public Optional<String> circuitIdText() {
        return text(circuitId);
    }

    /** @return the remote-id as text when it is printable ASCII, else empty (also when absent) */
    public Optional<String> remoteIdText() {
        return text(remoteId);
    }

    private static Optional<String> text(byte[] value) {
        return value != null && printable(value) ? Optional.of(new String(value, StandardCharsets.US_ASCII)) : Optional.empty();
    }

    /**
     * @param info the option 82 a request carries, or {@code null} when it carries none
     * @return whether the request came through the pinned port: every sub-option the pin names is
     *         present with exactly these bytes
     */
    public boolean matches(RelayAgentInformation info) {
        if (info == null) {
            return false;
        }
        return (circuitId == null || Arrays.equals(circuitId, info.circuitId()))
                && (remoteId == null || Arrays.equals(remoteId, info.remoteId()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RelayPin other && Arrays.equals(other.circuitId, circuitId) && Arrays.equals(other.remoteId, remoteId);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(circuitId) + Arrays.hashCode(remoteId);
    }

    /** @return the pin as the inventory writes it: {@code circuit-id "Gi1/0/7" remote-id 0x0102} */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        if (circuitId != null) {
            s.append("circuit-id ").append(describe(circuitId));
        }
        if (remoteId != null) {
            s.append(s.length() > 0 ? " " : "").append("remote-id ").append(describe(remoteId));
        }
        return s.toString();
    }

    private static String describe(byte[] value) {
        return text(value).map(t -> "\"" + t + "\"").orElseGet(() -> "0x" + HexFormat.of().formatHex(value));
    }
}
