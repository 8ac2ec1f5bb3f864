package org.ztp4j.dhcp.config;

import java.net.Inet4Address;
import java.util.Objects;
import org.ztp4j.core.internal.Ipv4;

/**
 * A range of IPv4 addresses a DHCP server hands out, both ends included.
 *
 * @param first the lowest address
 * @param last  the highest address, not below first
 */
public record Ipv4Range(Inet4Address first, Inet4Address last) {

    /** @throws IllegalArgumentException when last is below first */
    public Ipv4Range {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (Ipv4.toLong(last) < Ipv4.toLong(first)) {
            throw new IllegalArgumentException("range: " + last.getHostAddress() + " is below " + first.getHostAddress());
        }
    }

    /**
     * @param text {@code FIRST-LAST}, for example {@code 10.213.7.100-10.213.7.200}
     * @return the range
     * @throws IllegalArgumentException naming the text when it is not two IPv4 addresses
     */
    public static Ipv4Range parse(String text) {
        String[] parts = text == null ? new String[0] : text.strip().split("\\s*-\\s*");
        if (parts.length != 2) {
            throw new IllegalArgumentException("range: '" + text + "' is not FIRST-LAST like 10.213.7.100-10.213.7.200");
        }
        return new Ipv4Range(Ipv4.parse("range", parts[0]), Ipv4.parse("range", parts[1]));
    }

    /** @return {@code first-last} */
    @Override
    public String toString() {
        return first.getHostAddress() + "-" + last.getHostAddress();
    }
}
