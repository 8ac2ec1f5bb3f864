/**
 * Lease lookups over DHCP servers' lease files: {@link org.ztp4j.dhcp.lease.LeaseFile} ties a
 * client address back to its MAC, client id and host name for ISC dhcpd, Kea and dnsmasq, and
 * re-reads the file when the server changes it.
 */
package org.ztp4j.dhcp.lease;
