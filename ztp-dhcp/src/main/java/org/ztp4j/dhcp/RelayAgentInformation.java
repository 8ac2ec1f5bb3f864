package org.ztp4j.dhcp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Option 82 as a relay agent adds it (RFC 3046): the circuit-id (sub-option 1, typically the switch
 * port the device is on) and the remote-id (sub-option 2, typically the relay switch). Other
 * sub-options are ignored.
 *
 * @param circuitId sub-option 1 bytes, or {@code null}
 * @param remoteId  sub-option 2 bytes, or {@code null}
 */
public record RelayAgentInformation(byte[] circuitId, byte[] remoteId) {

    /** Copies the arrays. */
    public RelayAgentInformation {
        circuitId = circuitId == null ? null : circuitId.clone();
        remoteId = remoteId == null ? null : remoteId.clone();
    }

    /**
     * Decodes an option 82 value.
     *
     * @param value the option value (sub-option TLVs)
     * @return the circuit-id and remote-id found
     * @throws DhcpFormatException when a sub-option runs past the end
     */
    public static RelayAgentInformation decode(byte[] value) {
        byte[] circuit = null;
        byte[] remote = null;
        int i = 0;
        while (i < value.length) {
            if (i + 1 >= value.length) {
                throw new DhcpFormatException("option 82: sub-option " + (value[i] & 0xFF) + " at offset " + i + " has no length octet");
            }
            int sub = value[i] & 0xFF;
            int len = value[i + 1] & 0xFF;
            if (i + 2 + len > value.length) {
                throw new DhcpFormatException("option 82: sub-option " + sub + " at offset " + i + " claims " + len
                        + " bytes but only " + (value.length - i - 2) + " remain");
            }
            byte[] data = Arrays.copyOfRange(value, i + 2, i + 2 + len);
            if (sub == 1) {
                circuit = data;
            } else if (sub == 2) {
                remote = data;
            }
            i += 2 + len;
        }
        return new RelayAgentInformation(circuit, remote);
    }

    /** @return a copy of the circuit-id, or {@code null} */
    @Override
    public byte[] circuitId() {
        return circuitId == null ? null : circuitId.clone();
    }

    /** @return a copy of the remote-id, or {@code null} */
    @Override
    public byte[] remoteId() {
        return remoteId == null ? null : remoteId.clone();
    }

    /** @return the circuit-id as text (ISO-8859-1), if present */
    public Optional<String> circuitIdText() {
        return Optional.ofNullable(circuitId).map(b -> new String(b, StandardCharsets.ISO_8859_1));
    }

    /** @return the remote-id as text (ISO-8859-1), if present */
    public Optional<String> remoteIdText() {
        return Optional.ofNullable(remoteId).map(b -> new String(b, StandardCharsets.ISO_8859_1));
    }

    /** @return the option 82 value these sub-options encode to */
    public DhcpOption toOption() {
        return DhcpOption.relayAgentInformation(circuitId, remoteId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RelayAgentInformation other && Arrays.equals(other.circuitId, circuitId)
                && Arrays.equals(other.remoteId, remoteId);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(circuitId) + Arrays.hashCode(remoteId);
    }

    @Override
    public String toString() {
        HexFormat h = HexFormat.of();
        return "relay-agent circuit-id=" + (circuitId == null ? "-" : h.formatHex(circuitId))
                + " remote-id=" + (remoteId == null ? "-" : h.formatHex(remoteId));
    }
}
