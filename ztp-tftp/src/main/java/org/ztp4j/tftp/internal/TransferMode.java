package org.ztp4j.tftp.internal;

import org.ztp4j.core.internal.LogText;
import java.util.Locale;

/** The transfer modes this server speaks (RFC 1350 section 1; "mail" is obsolete and refused). */
public enum TransferMode {
    /** Raw 8-bit bytes. */
    OCTET,
    /** NVT ASCII: lines end in CR LF, a bare CR is sent as CR NUL. */
    NETASCII;

    /**
     * @param mode the mode as the client spelled it (case does not matter)
     * @return the mode
     * @throws MalformedPacketException for any other mode
     */
    public static TransferMode parse(String mode) throws MalformedPacketException {
        switch (mode.toLowerCase(Locale.ROOT)) {
            case "octet":
                return OCTET;
            case "netascii":
                return NETASCII;
            default:
                throw new MalformedPacketException("unknown transfer mode '" + LogText.of(mode, 64) + "'");
        }
    }

    /** @return the mode's name on the wire */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
