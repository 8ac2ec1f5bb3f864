package org.ztp4j.dhcp.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Objects;
import org.ztp4j.core.internal.Ipv4;

/**
 * An IPv4 subnet in CIDR form, its network address being the lowest address of the block.
 *
 * @param network      the network address (host bits zero)
 * @param prefixLength 0..32
 */
public record Ipv4Subnet(Inet4Address network, int prefixLength) {

    /**
     * Validates the subnet.
     *
     * @throws IllegalArgumentException when the prefix is out of range or host bits are set
     */
    public Ipv4Subnet {
        Objects.requireNonNull(network, "network");
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("subnet: prefix length " + prefixLength + " is not 0..32");
        }
        long n = Ipv4.toLong(network);
        if ((n & ~mask(prefixLength) & 0xFFFF_FFFFL) != 0) {
            throw new IllegalArgumentException("subnet: " + network.getHostAddress() + "/" + prefixLength
                    + " has host bits set (network is " + Ipv4.toAddress(n & mask(prefixLength)).getHostAddress() + ")");
        }
    }

    /**
     * @param cidr for example {@code 10.213.7.0/24}
     * @return the subnet
     * @throws IllegalArgumentException naming the text when it is not IPv4 CIDR
     */
    public static Ipv4Subnet parse(String cidr) {
        if (cidr == null || !cidr.strip().matches("[0-9.]+/\\d{1,2}")) {
            throw new IllegalArgumentException("subnet: '" + cidr + "' is not IPv4 CIDR like 10.213.7.0/24");
        }
        String[] parts = cidr.strip().split("/");
        return new Ipv4Subnet(Ipv4.parse("subnet", parts[0]), Integer.parseInt(parts[1]));
    }

    /** @return the netmask, for example {@code 255.255.255.0} */
    public Inet4Address netmask() {
        return Ipv4.toAddress(mask(prefixLength));
    }

    /** @return the broadcast address (the highest address of the block) */
    public Inet4Address broadcast() {
        return Ipv4.toAddress(Ipv4.toLong(network) | (~mask(prefixLength) & 0xFFFF_FFFFL));
    }

    /**
     * @param address an address
     * @return true when it is IPv4 and inside this subnet
     */
    public boolean contains(InetAddress address) {
        return address instanceof Inet4Address a
                && (Ipv4.toLong(a) & mask(prefixLength)) == Ipv4.toLong(network);
    }

    /** @return {@code network/prefix}, for example {@code 10.213.7.0/24} */
    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }

    private static long mask(int prefix) {
        return prefix == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL;
    }
}
