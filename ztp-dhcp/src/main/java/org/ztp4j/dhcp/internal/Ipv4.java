package org.ztp4j.dhcp.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** IPv4 address arithmetic and strict parsing (dotted quads only, never a DNS lookup). */
public final class Ipv4 {

    private Ipv4() {
    }

    /**
     * @param what  the field name for the message
     * @param text  a dotted quad
     * @return the address
     * @throws IllegalArgumentException naming the field and text when it is not a dotted quad
     */
    public static Inet4Address parse(String what, String text) {
        String t = text == null ? "" : text.strip();
        if (!t.matches("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}")) {
            throw new IllegalArgumentException(what + ": '" + text + "' is not an IPv4 address");
        }
        String[] p = t.split("\\.");
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            b[i] = (byte) Integer.parseInt(p[i]);
        }
        return toAddress(b);
    }

    /**
     * @param what    the field name for the message
     * @param address any address
     * @return it as IPv4
     * @throws IllegalArgumentException when it is IPv6
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
        return toAddress(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
    }

    private static Inet4Address toAddress(byte[] b) {
        try {
            return (Inet4Address) InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
