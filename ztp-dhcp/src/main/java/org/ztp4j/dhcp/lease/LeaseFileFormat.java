package org.ztp4j.dhcp.lease;

import java.util.Locale;

/** The lease files {@link LeaseFile} reads. */
public enum LeaseFileFormat {
    /** ISC dhcpd's {@code dhcpd.leases}: {@code lease A { ... }} blocks, the last block for an address wins. */
    ISC("isc"),
    /** Kea's memfile CSV ({@code kea-leases4.csv}), the last row for an address wins. */
    KEA("kea"),
    /** dnsmasq's {@code dnsmasq.leases}: {@code expiry mac ip hostname clientid} lines. */
    DNSMASQ("dnsmasq");

    private final String id;

    LeaseFileFormat(String id) {
        this.id = id;
    }

    /** @return the lower-case name: {@code isc}, {@code kea} or {@code dnsmasq} */
    public String id() {
        return id;
    }

    /**
     * @param text {@code isc}, {@code kea} or {@code dnsmasq}, any case
     * @return the format
     * @throws IllegalArgumentException naming the text when it is none of those
     */
    public static LeaseFileFormat parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (LeaseFileFormat f : values()) {
            if (f.id.equals(t)) {
                return f;
            }
        }
        throw new IllegalArgumentException("lease file format: '" + text + "' is not isc, kea or dnsmasq");
    }
}
