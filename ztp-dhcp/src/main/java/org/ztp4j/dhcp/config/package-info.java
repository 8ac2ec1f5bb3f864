/**
 * DHCP server configurations for ZTP: {@link org.ztp4j.dhcp.config.DhcpConfig} turns platforms'
 * {@link org.ztp4j.core.BootOffer}s and inventory devices into a ready-to-use configuration for ISC
 * dhcpd, Kea, dnsmasq or a Cisco IOS DHCP server.
 */
package org.ztp4j.dhcp.config;
