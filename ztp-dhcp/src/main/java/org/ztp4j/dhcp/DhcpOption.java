package org.ztp4j.dhcp;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.ztp4j.core.internal.Hex;
import org.ztp4j.core.MacAddress;
import org.ztp4j.core.SerialNumber;

/**
 * One DHCPv4 option: a code and its value bytes, as RFC 2132 puts them on the wire after the code
 * and length octets.
 *
 * <p>The value may be longer than 255 bytes: {@link DhcpOptions#encode()} then splits it into
 * consecutive options of the same code (RFC 3396). Static factories build the options ZTP needs with
 * their RFC formats checked:
 *
 * <pre>{@code
 * DhcpOption tftp = DhcpOption.tftpServerAddresses(List.of(a, b)); // 150, RFC 5859
 * DhcpOption file = DhcpOption.bootfileName("poap.py");              // 67
 * tftp.toHex();                                                        // "96080a0000010a000002"
 * }</pre>
 *
 * @param code  the option code, 1..254 (0 is pad and 255 is end: they carry no value)
 * @param value the value bytes, copied; at most {@link #MAX_VALUE_LENGTH}
 */
public record DhcpOption(int code, byte[] value) {

    /** Longest value accepted: what still fits in a BOOTP packet's options field when split (RFC 3396). */
    public static final int MAX_VALUE_LENGTH = 4096;

    /** Option 1, subnet mask. */
    public static final int SUBNET_MASK = 1;
    /** Option 3, routers. */
    public static final int ROUTER = 3;
    /** Option 6, domain name servers. */
    public static final int DNS_SERVERS = 6;
    /** Option 12, host name. */
    public static final int HOST_NAME = 12;
    /** Option 15, domain name. */
    public static final int DOMAIN_NAME = 15;
    /** Option 43, vendor-specific information. */
    public static final int VENDOR_SPECIFIC = 43;
    /** Option 51, IP address lease time. */
    public static final int LEASE_TIME = 51;
    /** Option 52, option overload. */
    public static final int OPTION_OVERLOAD = 52;
    /** Option 53, DHCP message type. */
    public static final int MESSAGE_TYPE = 53;
    /** Option 60, vendor class identifier. */
    public static final int VENDOR_CLASS = 60;
    /** Option 61, client identifier. */
    public static final int CLIENT_IDENTIFIER = 61;
    /** Option 66, TFTP server name. */
    public static final int TFTP_SERVER_NAME = 66;
    /** Option 67, bootfile name. */
    public static final int BOOTFILE_NAME = 67;
    /** Option 77, user class (RFC 3004). */
    public static final int USER_CLASS = 77;
    /** Option 82, relay agent information (RFC 3046). */
    public static final int RELAY_AGENT_INFORMATION = 82;
    /** Option 125, vendor-identifying vendor-specific information (RFC 3925). */
    public static final int VENDOR_IDENTIFYING_VENDOR_SPECIFIC = 125;
    /** Option 150, TFTP server addresses (RFC 5859). */
    public static final int TFTP_SERVER_ADDRESS = 150;

    /**
     * Validates the code and copies the value.
     *
     * @throws IllegalArgumentException {@code "option N: ..."} when the code is out of range, pad or
     *                                  end, or the value is missing or too long
     */
    public DhcpOption {
        if (code == 0 || code == 255) {
            throw new IllegalArgumentException("option " + code + ": " + (code == 0 ? "pad" : "end")
                    + " is a single octet and carries no value");
        }
        if (code < 0 || code > 255) {
            throw new IllegalArgumentException("option " + code + ": code is not 1..254");
        }
        if (value == null) {
            throw new IllegalArgumentException("option " + code + ": value missing");
        }
        if (value.length > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("option " + code + ": value of " + value.length
                    + " bytes is longer than " + MAX_VALUE_LENGTH);
        }
        value = value.clone();
    }

    /** @return a copy of the value bytes */
    @Override
    public byte[] value() {
        return value.clone();
    }

    /** @return the number of value bytes */
    public int length() {
        return value.length;
    }

    /**
     * Builds an option from hex, as {@code ztp dhcp-options --option CODE=HEX} takes it.
     *
     * @param code the option code
     * @param hex  the value as hex digits, optionally separated by {@code :}, blanks or {@code .}
     * @return the option
     * @throws IllegalArgumentException naming the code when the hex is not valid
     */
    public static DhcpOption ofHex(int code, String hex) {
        Objects.requireNonNull(hex, "hex");
        return new DhcpOption(code, Hex.parse("option " + code, hex));
    }

    /**
     * Parses {@code CODE=HEX}, as the {@code --option} flag of {@code ztp dhcp-options} takes it.
     *
     * @param spec for example {@code 43=0104c0a80001}
     * @return the option
     * @throws IllegalArgumentException naming the spec when it is not {@code CODE=HEX}
     */
    public static DhcpOption parse(String spec) {
        Objects.requireNonNull(spec, "option");
        int eq = spec.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("option '" + spec + "': expected CODE=HEX, for example 43=0104c0a80001");
        }
        String codeText = spec.substring(0, eq).strip();
        int code;
        try {
            code = Integer.parseInt(codeText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option '" + spec + "': code '" + codeText + "' is not a number");
        }
        return ofHex(code, spec.substring(eq + 1).strip());
    }

    /**
     * Option 1.
     *
     * @param mask the subnet mask; must be contiguous ones followed by zeros
     * @return the option
     */
    public static DhcpOption subnetMask(InetAddress mask) {
        byte[] b = ipv4(SUBNET_MASK, mask);
        int m = ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
        if ((~m & (~m + 1)) != 0) {
            throw new IllegalArgumentException("option 1: " + mask.getHostAddress() + " is not a contiguous subnet mask");
        }
        return new DhcpOption(SUBNET_MASK, b);
    }

    /**
     * Option 1 from a prefix length.
     *
     * @param prefixLength 0..32
     * @return the option
     */
    public static DhcpOption subnetMask(int prefixLength) {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("option 1: prefix length " + prefixLength + " is not 0..32");
        }
        long m = prefixLength == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefixLength));
        return new DhcpOption(SUBNET_MASK, new byte[] {(byte) (m >>> 24), (byte) (m >>> 16), (byte) (m >>> 8), (byte) m});
    }

    /**
     * Option 3.
     *
     * @param routers one or more IPv4 addresses, in order of preference
     * @return the option
     */
    public static DhcpOption routers(List<? extends InetAddress> routers) {
        return new DhcpOption(ROUTER, ipv4List(ROUTER, routers));
    }

    /**
     * Option 6.
     *
     * @param servers one or more IPv4 addresses
     * @return the option
     */
    public static DhcpOption dnsServers(List<? extends InetAddress> servers) {
        return new DhcpOption(DNS_SERVERS, ipv4List(DNS_SERVERS, servers));
    }

    /**
     * Option 12.
     *
     * @param hostName the host name, 1..255 characters
     * @return the option
     */
    public static DhcpOption hostName(String hostName) {
        return new DhcpOption(HOST_NAME, text(HOST_NAME, hostName, 255));
    }

    /**
     * Option 15.
     *
     * @param domain the domain name, 1..255 characters
     * @return the option
     */
    public static DhcpOption domainName(String domain) {
        return new DhcpOption(DOMAIN_NAME, text(DOMAIN_NAME, domain, 255));
    }

    /**
     * Option 43 with raw bytes (often sub-option TLVs, whose meaning the vendor defines).
     *
     * @param value the bytes
     * @return the option
     */
    public static DhcpOption vendorSpecific(byte[] value) {
        if (value == null || value.length == 0) {
            throw new IllegalArgumentException("option 43: value is empty");
        }
        return new DhcpOption(VENDOR_SPECIFIC, value);
    }

    /**
     * Option 43 as Cisco Plug and Play reads it: the ASCII string
     * {@code 5A1N;B2;K4;I<server>;J<port>}.
     *
     * <p>What the fields mean (Cisco's PnP deployment guides, cross-checked with open PnP server
     * write-ups): {@code 5} is the PnP DHCP sub-option, {@code A} active discovery, {@code 1} the
     * version, {@code N} debug off ({@code D} would switch it on); {@code B} the address type
     * ({@code 1} host name, {@code 2} IPv4); {@code K} the transport ({@code 4} HTTP, {@code 5} HTTPS);
     * {@code I} the server; {@code J} the port. The device sends no NUL terminator and expects none.
     *
     * @param server the PnP server: an IPv4 address or a host name
     * @param port   the port, 1..65535
     * @param https  whether the device should use HTTPS ({@code K5}) instead of HTTP ({@code K4})
     * @return the option
     */
    public static DhcpOption ciscoPnp(String server, int port, boolean https) {
        return new DhcpOption(VENDOR_SPECIFIC, org.ztp4j.core.BootOption.ciscoPnp(server, port, https).encode());
    }

    /**
     * Option 51.
     *
     * @param seconds the lease time, 0..4294967295 (0xFFFFFFFF means infinite)
     * @return the option
     */
    public static DhcpOption leaseTime(long seconds) {
        if (seconds < 0 || seconds > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("option 51: lease time " + seconds + " is not 0..4294967295 seconds");
        }
        return new DhcpOption(LEASE_TIME, new byte[] {(byte) (seconds >>> 24), (byte) (seconds >>> 16), (byte) (seconds >>> 8), (byte) seconds});
    }

    /**
     * Option 60.
     *
     * @param vendorClass the vendor class text, for example {@code ciscopnp}
     * @return the option
     */
    public static DhcpOption vendorClass(String vendorClass) {
        return new DhcpOption(VENDOR_CLASS, text(VENDOR_CLASS, vendorClass, 255));
    }

    /**
     * Option 77 as one RFC 3004 user class: a length octet followed by the text.
     *
     * @param userClass the user class text
     * @return the option
     */
    public static DhcpOption userClass(String userClass) {
        byte[] t = text(USER_CLASS, userClass, 254);
        byte[] v = new byte[t.length + 1];
        v[0] = (byte) t.length;
        System.arraycopy(t, 0, v, 1, t.length);
        return new DhcpOption(USER_CLASS, v);
    }

    /**
     * Option 61 with an explicit type byte.
     *
     * @param type  the type byte (0 = free text, 1 = Ethernet MAC follows)
     * @param value the identifier bytes after the type, at least one
     * @return the option
     */
    public static DhcpOption clientIdentifier(int type, byte[] value) {
        if (type < 0 || type > 255) {
            throw new IllegalArgumentException("option 61: type " + type + " is not 0..255");
        }
        if (value == null || value.length == 0 || value.length > 254) {
            throw new IllegalArgumentException("option 61: identifier must be 1..254 bytes after the type byte");
        }
        byte[] v = new byte[value.length + 1];
        v[0] = (byte) type;
        System.arraycopy(value, 0, v, 1, value.length);
        return new DhcpOption(CLIENT_IDENTIFIER, v);
    }

    /**
     * Option 61 as a client sends it for a MAC: type 1 followed by the six bytes (RFC 2132 9.14).
     *
     * @param mac the MAC address
     * @return the option
     */
    public static DhcpOption clientIdentifier(MacAddress mac) {
        return clientIdentifier(1, Objects.requireNonNull(mac, "mac").toBytes());
    }

    /**
     * Option 61 as NX-OS POAP sends it: type 0 followed by the serial number as text.
     *
     * @param serial the chassis serial number
     * @return the option
     */
    public static DhcpOption clientIdentifier(SerialNumber serial) {
        return clientIdentifier(0, Objects.requireNonNull(serial, "serial").value().getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Option 66.
     *
     * @param server a host name or a dotted IPv4 address, as text
     * @return the option
     */
    public static DhcpOption tftpServerName(String server) {
        return new DhcpOption(TFTP_SERVER_NAME, text(TFTP_SERVER_NAME, server, 255));
    }

    /**
     * Option 67.
     *
     * @param bootfile a file name or a URL
     * @return the option
     */
    public static DhcpOption bootfileName(String bootfile) {
        return new DhcpOption(BOOTFILE_NAME, text(BOOTFILE_NAME, bootfile, 255));
    }

    /**
     * Option 82 with circuit-id (sub-option 1) and/or remote-id (sub-option 2), RFC 3046.
     *
     * @param circuitId the circuit id bytes, or {@code null}
     * @param remoteId  the remote id bytes, or {@code null}
     * @return the option
     */
    public static DhcpOption relayAgentInformation(byte[] circuitId, byte[] remoteId) {
        if (circuitId == null && remoteId == null) {
            throw new IllegalArgumentException("option 82: needs a circuit-id or a remote-id");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        subOption(out, 1, circuitId, "circuit-id");
        subOption(out, 2, remoteId, "remote-id");
        if (out.size() > 255) {
            throw new IllegalArgumentException("option 82: " + out.size() + " bytes is longer than 255");
        }
        return new DhcpOption(RELAY_AGENT_INFORMATION, out.toByteArray());
    }

    /**
     * Option 125 with one enterprise's data (RFC 3925 section 4): enterprise number, data length,
     * then the enterprise's sub-options, which this method takes already encoded.
     *
     * @param enterpriseNumber the IANA enterprise number (Cisco is 9)
     * @param data             the enterprise's sub-option bytes, at most 255
     * @return the option
     */
    public static DhcpOption vendorIdentifyingVendorSpecific(long enterpriseNumber, byte[] data) {
        if (enterpriseNumber < 0 || enterpriseNumber > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("option 125: enterprise number " + enterpriseNumber + " is not 0..4294967295");
        }
        if (data == null || data.length > 255) {
            throw new IllegalArgumentException("option 125: data must be 0..255 bytes");
        }
        byte[] v = new byte[5 + data.length];
        v[0] = (byte) (enterpriseNumber >>> 24);
        v[1] = (byte) (enterpriseNumber >>> 16);
        v[2] = (byte) (enterpriseNumber >>> 8);
        v[3] = (byte) enterpriseNumber;
        v[4] = (byte) data.length;
        System.arraycopy(data, 0, v, 5, data.length);
        return new DhcpOption(VENDOR_IDENTIFYING_VENDOR_SPECIFIC, v);
    }

    /**
     * Option 150, RFC 5859: one or more TFTP server IPv4 addresses, in order of preference.
     *
     * @param servers the addresses
     * @return the option
     */
    public static DhcpOption tftpServerAddresses(List<? extends InetAddress> servers) {
        return new DhcpOption(TFTP_SERVER_ADDRESS, ipv4List(TFTP_SERVER_ADDRESS, servers));
    }

    /** @return the value as text (ISO-8859-1, so that every byte maps to one character) */
    public String valueAsText() {
        return new String(value, StandardCharsets.ISO_8859_1);
    }

    /** @return the value as lower-case hex */
    public String valueHex() {
        return HexFormat.of().formatHex(value);
    }

    /**
     * The option as it goes on the wire (code, length, value; split per RFC 3396 when longer than
     * 255 bytes), in lower-case hex: what {@code ztp dhcp-options} prints.
     *
     * @return for example {@code 96080a0000010a000002}
     */
    public String toHex() {
        return HexFormat.of().formatHex(toWire());
    }

    /** @return the option as it goes on the wire: code, length, value, split per RFC 3396 when needed */
    public byte[] toWire() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 2);
        writeTo(out);
        return out.toByteArray();
    }

    void writeTo(ByteArrayOutputStream out) {
        // RFC 3396 section 7: a value longer than 255 bytes goes into consecutive options of the same
        // code; an empty value is a single option of length 0.
        int off = 0;
        do {
            int n = Math.min(255, value.length - off);
            out.write(code);
            out.write(n);
            out.write(value, off, n);
            off += n;
        } while (off < value.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DhcpOption other && other.code == code && Arrays.equals(other.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * code + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "option " + code + " [" + valueHex() + "]";
    }

    private static void subOption(ByteArrayOutputStream out, int sub, byte[] data, String name) {
        if (data == null) {
            return;
        }
        if (data.length == 0 || data.length > 255) {
            throw new IllegalArgumentException("option 82: " + name + " must be 1..255 bytes, got " + data.length);
        }
        out.write(sub);
        out.write(data.length);
        out.write(data, 0, data.length);
    }

    static byte[] ipv4(int code, InetAddress address) {
        if (address == null) {
            throw new IllegalArgumentException("option " + code + ": address missing");
        }
        if (!(address instanceof Inet4Address)) {
            throw new IllegalArgumentException("option " + code + ": " + address.getHostAddress() + " is not an IPv4 address");
        }
        return address.getAddress();
    }

    static byte[] ipv4List(int code, List<? extends InetAddress> addresses) {
        if (addresses == null || addresses.isEmpty()) {
            throw new IllegalArgumentException("option " + code + ": needs at least one IPv4 address");
        }
        if (addresses.size() * 4 > 255) {
            throw new IllegalArgumentException("option " + code + ": " + addresses.size() + " addresses do not fit in 255 bytes (at most 63)");
        }
        byte[] v = new byte[addresses.size() * 4];
        for (int i = 0; i < addresses.size(); i++) {
            System.arraycopy(ipv4(code, addresses.get(i)), 0, v, i * 4, 4);
        }
        return v;
    }

    static byte[] text(int code, String text, int max) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("option " + code + ": text is empty");
        }
        if (text.indexOf(0) >= 0) {
            throw new IllegalArgumentException("option " + code + ": text '" + text.replace("\0", "\\0") + "' contains NUL");
        }
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        if (b.length > max) {
            throw new IllegalArgumentException("option " + code + ": text of " + b.length + " bytes is longer than " + max);
        }
        return b;
    }
}
