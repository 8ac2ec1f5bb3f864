package org.ztp4j.core.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Addresses as URLs and log lines write them: IPv6 in brackets, never a host name lookup. */
public final class HostText {

    private HostText() {
    }

    /**
     * @param address an address
     * @return it as a URL's host: {@code 10.0.0.1}, or {@code [2001:db8::1]} (an IPv6 zone left out)
     */
    public static String literal(InetAddress address) {
        String text = address.getHostAddress();
        if (text.indexOf(':') < 0) {
            return text;
        }
        int zone = text.indexOf('%');
        return "[" + (zone >= 0 ? text.substring(0, zone) : text) + "]";
    }

    /**
     * @param address an address and port, or {@code null}
     * @return {@code host:port} with the host as {@link #literal}, or the unresolved host name as
     *         given; {@code -} for {@code null}
     */
    public static String hostPort(InetSocketAddress address) {
        if (address == null) {
            return "-";
        }
        String host = address.getAddress() == null ? address.getHostString() : literal(address.getAddress());
        return host + ":" + address.getPort();
    }
}
