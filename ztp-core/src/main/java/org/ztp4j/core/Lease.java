package org.ztp4j.core;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * A DHCP lease: which device holds an address.
 *
 * @param address  the leased address
 * @param mac      the client's hardware address, or {@code null}
 * @param hostname the host name the client sent, or {@code null}
 * @param clientId the client identifier (option 61) as hex, or {@code null}
 * @param expires  when the lease ends, or {@code null} for never
 */
public record Lease(InetAddress address, MacAddress mac, String hostname, String clientId, Instant expires) {

    /** @throws NullPointerException when the address is missing */
    public Lease {
        Objects.requireNonNull(address, "address");
    }

    /**
     * @param now the time to check against
     * @return true when the lease has ended by then
     */
    public boolean expiredAt(Instant now) {
        return expires != null && !expires.isAfter(now);
    }
}
