package org.ztp4j.core;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Finds the DHCP lease behind a client address. IOS AutoInstall's TFTP requests carry nothing but
 * the client's address; the lease ties it to a MAC and so to the inventory. ztp-dhcp reads ISC
 * dhcpd, Kea and dnsmasq lease files; an IPAM can implement this too.
 */
@FunctionalInterface
public interface LeaseLookup {

    /** A lookup that knows no leases. */
    LeaseLookup NONE = address -> Optional.empty();

    /**
     * @param address a client address
     * @return its current (unexpired) lease, if any
     */
    Optional<Lease> find(InetAddress address);
}
