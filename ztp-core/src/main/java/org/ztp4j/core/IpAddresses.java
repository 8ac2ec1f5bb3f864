package org.ztp4j.core;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.ztp4j.core.internal.LogText;
import org.ztp4j.core.internal.Ipv4;

/**
 * Parses literal IP addresses from configuration and command lines. Never a DNS lookup: a name
 * where an address belongs is an error, not a query that hangs a server's start.
 */
public final class IpAddresses {

    private IpAddresses() {
    }

    /**
     * @param what what the value is, for the message ({@code --tftp-server}, {@code mgmt_gateway})
     * @param text a literal IPv4 or IPv6 address
     * @return the address
     * @throws IllegalArgumentException naming the value when it is not a literal address
     */
    public static InetAddress parse(String what, String text) {
        String t = text == null ? "" : text.strip();
        if (Ipv4.isQuad(t)) {
            return Ipv4.parse(what, t);
        }
        boolean v6 = t.contains(":") && t.matches("[0-9A-Fa-f:.]+");
        if (!v6) {
            throw new IllegalArgumentException(what + ": '" + LogText.of(text) + "' is not an IP address");
        }
        try {
            return InetAddress.getByName(t);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(what + ": '" + LogText.of(text) + "' is not an IP address");
        }
    }

    /**
     * @param what what the value is, for the message
     * @param text a literal IPv4 address
     * @return the address
     * @throws IllegalArgumentException naming the value when it is not a literal IPv4 address
     */
    public static Inet4Address parseIpv4(String what, String text) {
        InetAddress a = parse(what, text);
        if (!(a instanceof Inet4Address v4)) {
            throw new IllegalArgumentException(what + ": '" + text + "' is IPv6; an IPv4 address is needed here");
        }
        return v4;
    }
}
