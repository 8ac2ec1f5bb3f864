/**
 * ztp4j DHCP: the options ZTP needs, the DHCPv4 wire codec, configuration renderers for ISC dhcpd,
 * Kea, dnsmasq and Cisco IOS, and lease file readers.
 */
module org.ztp4j.dhcp {
    requires transitive org.ztp4j.core;

    exports org.ztp4j.dhcp;
    exports org.ztp4j.dhcp.config;
    exports org.ztp4j.dhcp.lease;
}
