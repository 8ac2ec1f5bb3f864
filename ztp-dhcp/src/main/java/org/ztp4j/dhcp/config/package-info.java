/**
 * DHCP server configurations for ZTP: {@link org.ztp4j.dhcp.config.DhcpConfig} turns platforms'
 * {@link org.ztp4j.core.BootOffer}s and inventory devices into a ready-to-use configuration for ISC
 * dhcpd, Kea, dnsmasq or a Cisco IOS DHCP server; a {@link org.ztp4j.dhcp.config.RelayPin} ties a
 * device's reservation to the relay port (option 82) it is cabled to.
 */
package org.ztp4j.dhcp.config;
