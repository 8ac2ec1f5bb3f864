/**
 * DHCP for ZTP: options 66, 67, 150 and their neighbours, their wire encoding (RFC 2132, RFC 3396),
 * DHCPv4 packets, server configurations and lease lookups.
 */
package org.ztp4j.dhcp;
