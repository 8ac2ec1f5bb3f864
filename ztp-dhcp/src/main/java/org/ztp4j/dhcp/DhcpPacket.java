package org.ztp4j.dhcp;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ztp4j.core.internal.Ipv4;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.DeviceIdentity;
import org.ztp4j.core.MacAddress;

/**
 * A DHCPv4 message: the BOOTP header (RFC 951, RFC 2131 section 2), the magic cookie
 * 99.130.83.99 and the options (RFC 2132), with accessors for what identifies a provisioning
 * device.
 *
 * <pre>{@code
 * DhcpPacket p = DhcpPacket.parse(datagram);
 * p.messageType();                 // Optional[DISCOVER]
 * p.mac();                         // chaddr as a MAC
 * p.clientIdentifier().flatMap(ClientIdentifier::serial);   // POAP: the chassis serial
 * p.userClasses();                 // ["Cisco-POAP"]
 * p.identity();                    // DeviceIdentity for the inventory
 * }</pre>
 *
 * @param op      1 BOOTREQUEST, 2 BOOTREPLY
 * @param htype   hardware type (1 Ethernet)
 * @param hlen    hardware address length (6 for Ethernet), 0..16
 * @param hops    relay hops
 * @param xid     transaction id (32 bits, unsigned)
 * @param secs    seconds since the client began (16 bits)
 * @param flags   flags (16 bits; 0x8000 broadcast)
 * @param ciaddr  client address
 * @param yiaddr  "your" address
 * @param siaddr  next server (TFTP) address
 * @param giaddr  relay agent address
 * @param chaddr  client hardware address, 16 bytes (copied)
 * @param sname   server host name (up to 64 characters), empty when not set or overloaded
 * @param file    boot file name (up to 128 characters), empty when not set or overloaded
 * @param options the options, joined across the options, file and sname fields when overloaded
 */
public record DhcpPacket(int op, int htype, int hlen, int hops, long xid, int secs, int flags,
                         Inet4Address ciaddr, Inet4Address yiaddr, Inet4Address siaddr, Inet4Address giaddr,
                         byte[] chaddr, String sname, String file, DhcpOptions options) {

    /** Length of the fixed BOOTP header, before the magic cookie. */
    public static final int HEADER_LENGTH = 236;
    private static final int MAGIC_COOKIE = 0x63825363; // 99.130.83.99
    private static final Inet4Address ZERO = ipv4(new byte[4]);

    /**
     * Validates the header fields.
     *
     * @throws IllegalArgumentException naming the field out of range
     */
    public DhcpPacket {
        range("op", op, 1, 2);
        range("htype", htype, 0, 255);
        range("hlen", hlen, 0, 16);
        range("hops", hops, 0, 255);
        if (xid < 0 || xid > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("DHCP packet: xid " + xid + " does not fit in 32 bits");
        }
        range("secs", secs, 0, 0xFFFF);
        range("flags", flags, 0, 0xFFFF);
        ciaddr = ciaddr == null ? ZERO : ciaddr;
        yiaddr = yiaddr == null ? ZERO : yiaddr;
        siaddr = siaddr == null ? ZERO : siaddr;
        giaddr = giaddr == null ? ZERO : giaddr;
        Objects.requireNonNull(chaddr, "chaddr");
        if (chaddr.length > 16) {
            throw new IllegalArgumentException("DHCP packet: chaddr of " + chaddr.length + " bytes is longer than 16");
        }
        chaddr = Arrays.copyOf(chaddr, 16);
        sname = sname == null ? "" : sname;
        file = file == null ? "" : file;
        if (sname.getBytes(StandardCharsets.ISO_8859_1).length > 64 || sname.indexOf(0) >= 0) {
            throw new IllegalArgumentException("DHCP packet: sname '" + sname + "' must be at most 64 characters without NUL");
        }
        if (file.getBytes(StandardCharsets.ISO_8859_1).length > 128 || file.indexOf(0) >= 0) {
            throw new IllegalArgumentException("DHCP packet: file '" + file + "' must be at most 128 characters without NUL");
        }
        options = options == null ? DhcpOptions.empty() : options;
    }

    /**
     * A BOOTREQUEST as a client on Ethernet sends it.
     *
     * @param xid     transaction id
     * @param mac     the client's MAC (chaddr)
     * @param options its options (53 and the rest)
     * @return the packet
     */
    public static DhcpPacket request(long xid, MacAddress mac, DhcpOptions options) {
        return new DhcpPacket(1, 1, 6, 0, xid, 0, 0, null, null, null, null, mac.toBytes(), "", "", options);
    }

    /**
     * Parses a DHCP message as it arrives in a UDP datagram. Option overload (52) is honoured: the
     * options continue in the file field, then in the sname field (RFC 2131 section 4.1).
     *
     * @param datagram the UDP payload
     * @return the packet
     * @throws DhcpFormatException when the datagram is too short, the magic cookie is wrong or an
     *                             option runs past the end of its field
     */
    public static DhcpPacket parse(byte[] datagram) {
        return parse(datagram, 0, datagram.length);
    }

    /**
     * Parses part of a buffer (see {@link #parse(byte[])}).
     *
     * @param buf    the buffer
     * @param offset where the message starts
     * @param length its length
     * @return the packet
     * @throws DhcpFormatException as {@link #parse(byte[])}
     */
    public static DhcpPacket parse(byte[] buf, int offset, int length) {
        Objects.requireNonNull(buf, "datagram");
        if (offset < 0 || length < 0 || offset + length > buf.length) {
            throw new DhcpFormatException("DHCP packet: range " + offset + "+" + length + " is outside the buffer of " + buf.length);
        }
        byte[] b = Arrays.copyOfRange(buf, offset, offset + length);
        if (b.length < HEADER_LENGTH + 4) {
            throw new DhcpFormatException("DHCP packet: " + b.length + " bytes is shorter than the "
                    + (HEADER_LENGTH + 4) + " of a BOOTP header and magic cookie");
        }
        ByteBuffer in = ByteBuffer.wrap(b);
        int op = in.get() & 0xFF;
        if (op != 1 && op != 2) {
            throw new DhcpFormatException("DHCP packet: op " + op + " is neither 1 (BOOTREQUEST) nor 2 (BOOTREPLY)");
        }
        int htype = in.get() & 0xFF;
        int hlen = in.get() & 0xFF;
        if (hlen > 16) {
            throw new DhcpFormatException("DHCP packet: hlen " + hlen + " is longer than the 16-byte chaddr field");
        }
        int hops = in.get() & 0xFF;
        long xid = in.getInt() & 0xFFFF_FFFFL;
        int secs = in.getShort() & 0xFFFF;
        int flags = in.getShort() & 0xFFFF;
        Inet4Address ciaddr = readAddress(in);
        Inet4Address yiaddr = readAddress(in);
        Inet4Address siaddr = readAddress(in);
        Inet4Address giaddr = readAddress(in);
        byte[] chaddr = new byte[16];
        in.get(chaddr);
        int cookie = ByteBuffer.wrap(b, HEADER_LENGTH, 4).getInt();
        if (cookie != MAGIC_COOKIE) {
            throw new DhcpFormatException(String.format("DHCP packet: magic cookie %08x at offset 236 is not 63825363 (99.130.83.99)", cookie));
        }
        LinkedHashMap<Integer, ByteArrayOutputStream> parts = new LinkedHashMap<>();
        DhcpOptions.decodeInto(b, HEADER_LENGTH + 4, b.length, "options", parts);
        int overload = 0;
        ByteArrayOutputStream ov = parts.get(DhcpOption.OPTION_OVERLOAD);
        if (ov != null) {
            byte[] v = ov.toByteArray();
            if (v.length != 1 || v[0] < 1 || v[0] > 3) {
                throw new DhcpFormatException("DHCP packet: option 52 (overload) must be one byte 1..3, got " + Arrays.toString(v));
            }
            overload = v[0];
        }
        // RFC 3396 section 6: concatenate in the order options, file, sname.
        if ((overload & 1) != 0) {
            DhcpOptions.decodeInto(b, 108, 236, "file field", parts);
        }
        if ((overload & 2) != 0) {
            DhcpOptions.decodeInto(b, 44, 108, "sname field", parts);
        }
        String sname = (overload & 2) != 0 ? "" : cString(b, 44, 64);
        String file = (overload & 1) != 0 ? "" : cString(b, 108, 128);
        return new DhcpPacket(op, htype, hlen, hops, xid, secs, flags, ciaddr, yiaddr, siaddr, giaddr, chaddr,
                sname, file, DhcpOptions.fromParts(parts));
    }

    /**
     * Encodes the message: header, magic cookie, options and end, padded to the 300 bytes of a
     * BOOTP message that older relays and clients expect.
     *
     * @return the UDP payload
     * @throws IllegalArgumentException when the options need more room than a UDP datagram offers
     */
    public byte[] encode() {
        byte[] opts = options.encode();
        ByteBuffer out = ByteBuffer.allocate(Math.max(300, HEADER_LENGTH + 4 + opts.length));
        out.put((byte) op).put((byte) htype).put((byte) hlen).put((byte) hops);
        out.putInt((int) xid).putShort((short) secs).putShort((short) flags);
        out.put(ciaddr.getAddress()).put(yiaddr.getAddress()).put(siaddr.getAddress()).put(giaddr.getAddress());
        out.put(chaddr);
        out.put(Arrays.copyOf(sname.getBytes(StandardCharsets.ISO_8859_1), 64));
        out.put(Arrays.copyOf(file.getBytes(StandardCharsets.ISO_8859_1), 128));
        out.putInt(MAGIC_COOKIE);
        out.put(opts);
        return out.array();
    }

    /** @return a copy of the 16-byte chaddr field */
    @Override
    public byte[] chaddr() {
        return chaddr.clone();
    }

    /** @return the client's MAC from chaddr, when the hardware is Ethernet (htype 1, hlen 6) */
    public Optional<MacAddress> mac() {
        return htype == 1 && hlen == 6 ? Optional.of(MacAddress.ofBytes(chaddr)) : Optional.empty();
    }

    /** @return option 53, when present and known */
    public Optional<DhcpMessageType> messageType() {
        return options.get(DhcpOption.MESSAGE_TYPE).filter(o -> o.length() == 1)
                .flatMap(o -> DhcpMessageType.of(o.value()[0] & 0xFF));
    }

    /** @return option 60 as text */
    public Optional<String> vendorClass() {
        return options.get(DhcpOption.VENDOR_CLASS).map(DhcpOption::valueAsText);
    }

    /**
     * Option 77, the user classes. RFC 3004 frames each class with a length octet; many clients
     * (and udhcpc's {@code -x 77:...}) send bare text instead. When the value is a clean sequence of
     * length-prefixed classes, those are returned; otherwise the whole value as one class.
     *
     * @return the classes, empty when option 77 is absent
     */
    public List<String> userClasses() {
        Optional<DhcpOption> o = options.get(DhcpOption.USER_CLASS);
        if (o.isEmpty()) {
            return List.of();
        }
        byte[] v = o.get().value();
        List<String> classes = new ArrayList<>();
        int i = 0;
        while (i < v.length) {
            int len = v[i] & 0xFF;
            if (len == 0 || i + 1 + len > v.length) {
                return List.of(o.get().valueAsText());
            }
            classes.add(new String(v, i + 1, len, StandardCharsets.ISO_8859_1));
            i += 1 + len;
        }
        return classes;
    }

    /** @return option 61, when present and not empty */
    public Optional<ClientIdentifier> clientIdentifier() {
        return options.get(DhcpOption.CLIENT_IDENTIFIER).filter(o -> o.length() > 0)
                .map(o -> ClientIdentifier.ofOptionValue(o.value()));
    }

    /**
     * @return option 82, when a relay added it
     * @throws DhcpFormatException when its sub-options are malformed
     */
    public Optional<RelayAgentInformation> relayAgentInformation() {
        return options.get(DhcpOption.RELAY_AGENT_INFORMATION).map(o -> RelayAgentInformation.decode(o.value()));
    }

    /** @return option 12, the host name the client asks for */
    public Optional<String> hostName() {
        return options.get(DhcpOption.HOST_NAME).map(DhcpOption::valueAsText);
    }

    /** @return giaddr, when a relay agent forwarded the message (not 0.0.0.0) */
    public Optional<Inet4Address> relayAddress() {
        return giaddr.equals(ZERO) ? Optional.empty() : Optional.of(giaddr);
    }

    /**
     * What the message tells about the device: serial (from option 61), MAC (chaddr, else from
     * option 61) and vendor class (option 60). The platform and client address are left unknown.
     *
     * @return the identity
     */
    public DeviceIdentity identity() {
        Optional<ClientIdentifier> id = clientIdentifier();
        MacAddress mac = mac().or(() -> id.flatMap(ClientIdentifier::mac)).orElse(null);
        return new DeviceIdentity(id.flatMap(ClientIdentifier::serial).orElse(null), mac, null,
                vendorClass().orElse(null), null);
    }

    /**
     * Whether this request is from a device the offer is meant for, by the same rule the rendered
     * server configurations apply: option 60 (or one of the option 77 classes) starts with the
     * offer's prefix; an {@link BootOffer#ANY_DEVICE} offer matches every request.
     *
     * @param offer a platform's offer
     * @return true when it matches
     */
    public boolean matches(BootOffer offer) {
        switch (offer.matchOption()) {
            case BootOffer.VENDOR_CLASS:
                return vendorClass().filter(v -> v.startsWith(offer.matchPrefix())).isPresent();
            case BootOffer.USER_CLASS:
                return userClasses().stream().anyMatch(c -> c.startsWith(offer.matchPrefix()));
            default:
                return true;
        }
    }

    /**
     * The offer a server configured from these offers would give this request: the first offer
     * that matches on option 60 or 77, else the offer for any device.
     *
     * <pre>{@code
     * packet.matchingOffer(offers).map(BootOffer::platform);   // Optional[nxos]
     * }</pre>
     *
     * @param offers the platforms' offers
     * @return the matching offer, if any
     */
    public Optional<BootOffer> matchingOffer(List<BootOffer> offers) {
        return offers.stream().filter(o -> o.matchOption() != BootOffer.ANY_DEVICE && matches(o)).findFirst()
                .or(() -> offers.stream().filter(o -> o.matchOption() == BootOffer.ANY_DEVICE).findFirst());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DhcpPacket p && p.op == op && p.htype == htype && p.hlen == hlen && p.hops == hops
                && p.xid == xid && p.secs == secs && p.flags == flags && p.ciaddr.equals(ciaddr)
                && p.yiaddr.equals(yiaddr) && p.siaddr.equals(siaddr) && p.giaddr.equals(giaddr)
                && Arrays.equals(p.chaddr, chaddr) && p.sname.equals(sname) && p.file.equals(file)
                && p.options.equals(options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(op, xid, Arrays.hashCode(chaddr), options);
    }

    @Override
    public String toString() {
        return "DhcpPacket[op=" + op + " xid=" + Long.toHexString(xid) + " chaddr="
                + mac().map(MacAddress::toString).orElse("?") + " " + messageType().map(Enum::name).orElse("BOOTP")
                + " " + options + "]";
    }

    private static void range(String field, int v, int min, int max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException("DHCP packet: " + field + " " + v + " is not " + min + ".." + max);
        }
    }

    private static Inet4Address readAddress(ByteBuffer in) {
        byte[] a = new byte[4];
        in.get(a);
        return ipv4(a);
    }

    private static Inet4Address ipv4(byte[] a) {
        return Ipv4.of(a);
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.ISO_8859_1);
    }
}
