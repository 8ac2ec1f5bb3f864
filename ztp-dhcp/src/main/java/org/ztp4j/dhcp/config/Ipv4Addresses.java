package org.ztp4j.dhcp.config;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import org.ztp4j.core.internal.Ipv4;

/**
 * Parses IPv4 addresses as a command line gives them ({@code --tftp-server 10.0.0.1,10.0.0.2}),
 * strictly: dotted quads only, never a DNS lookup, a message naming the field and the bad value.
 *
 * <pre>{@code
 * List<Inet4Address> tftp = Ipv4Addresses.parseList("--tftp-server", "10.0.0.1,10.0.0.2");
 * }</pre>
 */
public final class Ipv4Addresses {

    private Ipv4Addresses() {
    }

    /**
     * @param field the field or flag name, for the message
     * @param text  a dotted quad
     * @return the address
     * @throws IllegalArgumentException {@code "<field>: '<text>' is not an IPv4 address"}
     */
    public static Inet4Address parse(String field, String text) {
        return Ipv4.parse(field, text);
    }

    /**
     * @param field the field or flag name, for the message
     * @param csv   one or more dotted quads separated by commas (blanks around them ignored)
     * @return the addresses in order
     * @throws IllegalArgumentException naming the field when the list is empty or an entry is not IPv4
     */
    public static List<Inet4Address> parseList(String field, String csv) {
        if (csv == null || csv.isBlank()) {
            throw new IllegalArgumentException(field + ": no address given");
        }
        List<Inet4Address> list = new ArrayList<>();
        for (String part : csv.split(",", -1)) {
            list.add(Ipv4.parse(field, part));
        }
        return list;
    }
}
