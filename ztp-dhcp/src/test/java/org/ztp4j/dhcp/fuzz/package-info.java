/**
 * Fuzz tests of ztp-dhcp's decoders: options, packets and the lease files of ISC dhcpd, Kea and
 * dnsmasq, run by the seeded harness in ztp-core's test jar.
 */
package org.ztp4j.dhcp.fuzz;
