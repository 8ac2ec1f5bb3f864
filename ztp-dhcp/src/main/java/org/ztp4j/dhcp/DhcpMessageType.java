package org.ztp4j.dhcp;

import java.util.Optional;

/** The DHCP message types of option 53 (RFC 2132 section 9.6, RFC 4388 for the lease queries left out). */
public enum DhcpMessageType {
    /** 1: a client looks for servers. */
    DISCOVER(1),
    /** 2: a server offers an address. */
    OFFER(2),
    /** 3: a client asks for the offered (or its previous) address. */
    REQUEST(3),
    /** 4: a client found the address in use. */
    DECLINE(4),
    /** 5: a server confirms. */
    ACK(5),
    /** 6: a server refuses. */
    NAK(6),
    /** 7: a client gives its address back. */
    RELEASE(7),
    /** 8: a client with an address asks for options only. */
    INFORM(8);

    private final int code;

    DhcpMessageType(int code) {
        this.code = code;
    }

    /** @return the option 53 value */
    public int code() {
        return code;
    }

    /**
     * @param code an option 53 value
     * @return the type, if known
     */
    public static Optional<DhcpMessageType> of(int code) {
        for (DhcpMessageType t : values()) {
            if (t.code == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
