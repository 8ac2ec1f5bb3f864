package org.ztp4j.dhcp.config;

import java.util.Locale;

/** The DHCP servers whose configuration {@link DhcpConfig} writes. */
public enum DhcpServerFormat {
    /** ISC dhcpd 4.x, {@code dhcpd.conf}. */
    ISC("isc"),
    /** ISC Kea 2.x, the JSON {@code Dhcp4} configuration. */
    KEA("kea"),
    /** dnsmasq, {@code dnsmasq.conf}. */
    DNSMASQ("dnsmasq"),
    /** The Cisco IOS / IOS-XE DHCP server, configuration commands. */
    IOS("ios");

    private final String id;

    DhcpServerFormat(String id) {
        this.id = id;
    }

    /** @return the lower-case name the {@code ztp dhcp --format} flag takes */
    public String id() {
        return id;
    }

    /**
     * @param text {@code isc}, {@code kea}, {@code dnsmasq} or {@code ios}, any case
     * @return the format
     * @throws IllegalArgumentException naming the text when it is none of those
     */
    public static DhcpServerFormat parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (DhcpServerFormat f : values()) {
            if (f.id.equals(t)) {
                return f;
            }
        }
        throw new IllegalArgumentException("DHCP server format: '" + text + "' is not isc, kea, dnsmasq or ios");
    }
}
