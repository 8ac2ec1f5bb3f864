package org.ztp4j.core.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Strict IPv4 parsing: dotted quads only, each 0..255 without leading zeros (which some tools read
 * as octal), never a DNS lookup.
 */
public final class Ipv4 {

    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final java.util.regex.Pattern QUAD = java.util.regex.Pattern.compile(OCTET + "(\\." + OCTET + "){3}");

    private Ipv4() {
    }

    /**
     * @param text text, may be {@code null}
     * @return true when it is a dotted quad this class parses
     */
    public static boolean isQuad(String text) {
        return text != null && QUAD.matcher(text.strip()).matches();
    }

    /**
     * @param what what the value is, for the message ({@code --tftp-server}, {@code mgmt_gateway})
     * @param text a dotted quad
     * @return the address
     * @throws IllegalArgumentException naming the value when it is not a dotted quad
     */
    public static Inet4Address parse(String what, String text) {
        if (!isQuad(text)) {
            throw new IllegalArgumentException(what + ": '" + LogText.of(text) + "' is not an IPv4 address");
        }
        String[] p = text.strip().split("\\.");
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            b[i] = (byte) Integer.parseInt(p[i]);
        }
        return of(b);
    }

    /**
     * @param b four bytes
     * @return the address
     */
    public static Inet4Address of(byte[] b) {
        try {
            return (Inet4Address) InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("IPv4 address of " + b.length + " bytes", e);
        }
    }

    /**
     * @param what    what the value is, for the message
     * @param address any address
     * @return it as IPv4
     * @throws IllegalArgumentException when it is missing or IPv6
     */
    public static Inet4Address require(String what, InetAddress address) {
        if (address instanceof Inet4Address a) {
            return a;
        }
        throw new IllegalArgumentException(what + ": " + (address == null ? "missing" : address.getHostAddress() + " is not an IPv4 address"));
    }

    /** @param a an address @return its 32 bits as an unsigned long */
    public static long toLong(Inet4Address a) {
        byte[] b = a.getAddress();
        return ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL);
    }

    /** @param v 32 bits @return the address */
    public static Inet4Address toAddress(long v) {
        return of(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
    }
}
