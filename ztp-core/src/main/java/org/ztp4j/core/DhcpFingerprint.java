package org.ztp4j.core;

import java.util.Arrays;
import java.util.Locale;

/**
 * What a device tells about itself in DHCP, as far as recognising its platform goes.
 *
 * @param vendorClass option 60 as text, or {@code null}
 * @param userClass   option 77 as text (RFC 3004 sub-fields joined), or {@code null}
 * @param clientId    option 61's bytes, type byte first, or {@code null}
 */
public record DhcpFingerprint(String vendorClass, String userClass, byte[] clientId) {

    /** Copies the client id. */
    public DhcpFingerprint {
        clientId = clientId == null ? null : clientId.clone();
    }

    /**
     * @param prefix text option 60 should start with (case ignored)
     * @return true when it does
     */
    public boolean vendorClassStartsWith(String prefix) {
        return vendorClass != null && vendorClass.toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT));
    }

    /**
     * @param prefix text option 77 should start with (case ignored)
     * @return true when it does
     */
    public boolean userClassStartsWith(String prefix) {
        return userClass != null && userClass.toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT));
    }

    @Override
    public byte[] clientId() {
        return clientId == null ? null : clientId.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DhcpFingerprint f && java.util.Objects.equals(vendorClass, f.vendorClass)
                && java.util.Objects.equals(userClass, f.userClass) && Arrays.equals(clientId, f.clientId);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(vendorClass, userClass) * 31 + Arrays.hashCode(clientId);
    }

    @Override
    public String toString() {
        return "DhcpFingerprint[vendorClass=" + vendorClass + ", userClass=" + userClass + ", clientId="
                + (clientId == null ? null : java.util.HexFormat.of().formatHex(clientId)) + "]";
    }
}
