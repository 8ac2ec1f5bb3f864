package org.ztp4j.core;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.ztp4j.core.internal.Checks;
import org.ztp4j.core.internal.LogText;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One DHCP option a {@link BootOffer} carries beyond the boot file and TFTP server: any code, with
 * a typed value that every DHCP server renderer can write in its own syntax. The value goes on the
 * wire as {@link #encode()} returns it, without a NUL terminator and in one option (at most 255
 * bytes), so that every server sends the same bytes.
 *
 * <pre>{@code
 * // Cumulus Linux ZTP: option 239 is the URL of the provisioning script
 * BootOption.text(239, "http://10.0.0.1:8080/cumulus/ztp.sh");
 * // Junos ZTP: option 43 with sub-options 1 (config file name) and 3 (transfer mode)
 * BootOption.vendorSpecific(BootOption.SubOption.text(1, "juniper.conf"), BootOption.SubOption.text(3, "http"));
 * }</pre>
 *
 * @param code  the option code, 1..254 (0 is pad and 255 is end)
 * @param value what the option carries
 */
public record BootOption(int code, BootOption.Value value) {

    /** Option 43, vendor-specific information (RFC 2132 section 8.4): sub-options of the vendor's choosing. */
    public static final int VENDOR_SPECIFIC = 43;
    /** The longest value one option carries (its length is one octet). */
    public static final int MAX_LENGTH = 255;

    /**
     * Checks the code and the value.
     *
     * @throws IllegalArgumentException {@code "option N: ..."} naming the bad code or value
     */
    public BootOption {
        if (code < 1 || code > 254) {
            throw new IllegalArgumentException("option " + code + ": code is not 1..254 (0 is pad, 255 is end)");
        }
        if (value == null) {
            throw new IllegalArgumentException("option " + code + ": value missing");
        }
        check(code, value);
    }

    /**
     * A text option, such as a URL.
     *
     * @param code the option code
     * @param text 1..255 bytes (UTF-8) of text without quotes, backslashes or control characters
     * @return the option
     * @throws IllegalArgumentException naming the code and the text when it is not such text
     */
    public static BootOption text(int code, String text) {
        return new BootOption(code, new Text(text));
    }

    /**
     * An option that carries IPv4 addresses, such as a list of servers.
     *
     * @param code      the option code
     * @param addresses 1..63 IPv4 addresses, in order of preference
     * @return the option
     * @throws IllegalArgumentException naming the code and the address when one is not IPv4
     */
    public static BootOption ipv4(int code, List<? extends InetAddress> addresses) {
        if (addresses == null || addresses.isEmpty()) {
            throw new IllegalArgumentException("option " + code + ": needs at least one IPv4 address");
        }
        List<Inet4Address> v4 = new ArrayList<>();
        for (InetAddress a : addresses) {
            if (!(a instanceof Inet4Address four)) {
                throw new IllegalArgumentException("option " + code + ": " + (a == null ? "null" : a.getHostAddress())
                        + " is not an IPv4 address");
            }
            v4.add(four);
        }
        return new BootOption(code, new Ipv4(v4));
    }

    /**
     * @param code  the option code
     * @param value 0..255, sent as one octet
     * @return the option
     */
    public static BootOption uint8(int code, int value) {
        return new BootOption(code, new Unsigned(Type.UINT8, value));
    }

    /**
     * @param code  the option code
     * @param value 0..65535, sent as two octets in network order
     * @return the option
     */
    public static BootOption uint16(int code, int value) {
        return new BootOption(code, new Unsigned(Type.UINT16, value));
    }

    /**
     * @param code  the option code
     * @param value 0..4294967295, sent as four octets in network order
     * @return the option
     */
    public static BootOption uint32(int code, long value) {
        return new BootOption(code, new Unsigned(Type.UINT32, value));
    }

    /**
     * An option given as raw bytes.
     *
     * @param code  the option code
     * @param bytes 1..255 bytes, sent as they are
     * @return the option
     */
    public static BootOption bytes(int code, byte[] bytes) {
        return new BootOption(code, new Hex(bytes == null ? new byte[0] : bytes));
    }

    /**
     * An option given as hex.
     *
     * @param code the option code
     * @param hex  1..255 bytes as hex digits, optionally separated by {@code :}, {@code .} or blanks
     * @return the option
     * @throws IllegalArgumentException naming the code and the text when it is not hex
     */
    public static BootOption hex(int code, String hex) {
        return bytes(code, org.ztp4j.core.internal.Hex.parse("option " + code, hex));
    }

    /**
     * Option 43 as Cisco Plug and Play reads it: the text {@code 5A1N;B2;K4;I<server>;J<port>}, no
     * sub-options. {@code 5} is the PnP DHCP sub-option, {@code A} active discovery, {@code 1} the
     * version, {@code N} debug off; {@code B} the address type ({@code 1} host name, {@code 2}
     * IPv4); {@code K} the transport ({@code 4} HTTP, {@code 5} HTTPS); {@code I} the server;
     * {@code J} the port (Cisco's PnP deployment guides; see docs/platforms.md, "Cisco Plug and Play").
     *
     * @param server the PnP server: an IPv4 address or a host name
     * @param port   the port, 1..65535
     * @param https  whether the device should use HTTPS ({@code K5}) instead of HTTP ({@code K4})
     * @return the option
     * @throws IllegalArgumentException {@code "option 43: ..."} naming the server or port at fault
     */
    public static BootOption ciscoPnp(String server, int port, boolean https) {
        if (server == null || !server.matches("[A-Za-z0-9.-]{1,200}")) {
            throw new IllegalArgumentException("option 43: PnP server '" + LogText.of(String.valueOf(server))
                    + "' must be an IPv4 address or host name");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("option 43: PnP port " + port + " is not 1..65535");
        }
        String type = org.ztp4j.core.internal.Ipv4.isQuad(server) ? "2" : "1";
        return text(VENDOR_SPECIFIC, "5A1N;B" + type + ";K" + (https ? "5" : "4") + ";I" + server + ";J" + port);
    }

    /**
     * Option 43 made of sub-options, as Junos ZTP reads it.
     *
     * @param subOptions one or more sub-options, each code at most once
     * @return the option
     */
    public static BootOption vendorSpecific(SubOption... subOptions) {
        return vendorSpecific(VENDOR_SPECIFIC, List.of(subOptions));
    }

    /**
     * An option made of sub-options (code, length, value each), under any code.
     *
     * @param code       the option code, usually {@value #VENDOR_SPECIFIC}
     * @param subOptions one or more sub-options, each code at most once
     * @return the option
     */
    public static BootOption vendorSpecific(int code, List<SubOption> subOptions) {
        return new BootOption(code, new VendorSpecific(subOptions));
    }

    /** @return the value's type */
    public Type type() {
        return value.type();
    }

    /** @return the value bytes as they go on the wire after the code and length octets */
    public byte[] encode() {
        return value.encode();
    }

    /** @return the value bytes in lower-case hex, without separators */
    public String hex() {
        return HexFormat.of().formatHex(encode());
    }

    @Override
    public String toString() {
        return "option " + code + " " + value;
    }

    /** The kinds of value an option carries: what a renderer declares it as where its server wants a type. */
    public enum Type {
        /** Text, no NUL terminator. */
        TEXT,
        /** One or more IPv4 addresses, four octets each. */
        IPV4,
        /** One octet. */
        UINT8,
        /** Two octets, network order. */
        UINT16,
        /** Four octets, network order. */
        UINT32,
        /** Raw bytes. */
        HEX,
        /** Sub-options: code, length, value each (RFC 2132 section 8.4). */
        VENDOR_SPECIFIC
    }

    /** What an option carries; checked by {@link BootOption}, which knows the code to name. */
    public sealed interface Value permits Text, Ipv4, Unsigned, Hex, VendorSpecific {
        /** @return the value's type */
        Type type();

        /** @return the bytes on the wire */
        byte[] encode();
    }

    /**
     * Text.
     *
     * @param text the text, sent as UTF-8
     */
    public record Text(String text) implements Value {
        /** @throws NullPointerException when the text is missing */
        public Text {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public Type type() {
            return Type.TEXT;
        }

        @Override
        public byte[] encode() {
            return text.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "text \"" + text + "\"";
        }
    }

    /**
     * IPv4 addresses.
     *
     * @param addresses the addresses, in order of preference
     */
    public record Ipv4(List<Inet4Address> addresses) implements Value {
        /** @throws NullPointerException when the list or an address is missing */
        public Ipv4 {
            addresses = List.copyOf(addresses);
        }

        @Override
        public Type type() {
            return Type.IPV4;
        }

        @Override
        public byte[] encode() {
            byte[] b = new byte[addresses.size() * 4];
            for (int i = 0; i < addresses.size(); i++) {
                System.arraycopy(addresses.get(i).getAddress(), 0, b, i * 4, 4);
            }
            return b;
        }

        @Override
        public String toString() {
            return "ip " + addresses.stream().map(Inet4Address::getHostAddress).collect(Collectors.joining(","));
        }
    }

    /**
     * An unsigned number of one, two or four octets.
     *
     * @param type  {@link Type#UINT8}, {@link Type#UINT16} or {@link Type#UINT32}
     * @param value the number
     */
    public record Unsigned(Type type, long value) implements Value {
        /** @throws IllegalArgumentException when the type is not one of the unsigned ones */
        public Unsigned {
            if (type != Type.UINT8 && type != Type.UINT16 && type != Type.UINT32) {
                throw new IllegalArgumentException("unsigned value: type " + type + " is not UINT8, UINT16 or UINT32");
            }
        }

        /** @return the number of octets: 1, 2 or 4 */
        public int width() {
            return type == Type.UINT8 ? 1 : type == Type.UINT16 ? 2 : 4;
        }

        @Override
        public byte[] encode() {
            byte[] b = new byte[width()];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (value >>> (8 * (b.length - 1 - i)));
            }
            return b;
        }

        @Override
        public String toString() {
            return type.name().toLowerCase(java.util.Locale.ROOT) + " " + value;
        }
    }

    /**
     * Raw bytes.
     *
     * @param bytes the bytes, copied
     */
    public record Hex(byte[] bytes) implements Value {
        /** @throws NullPointerException when the bytes are missing */
        public Hex {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public Type type() {
            return Type.HEX;
        }

        @Override
        public byte[] encode() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Hex h && Arrays.equals(h.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "hex " + HexFormat.of().formatHex(bytes);
        }
    }

    /**
     * Sub-options, each written as code, length and value (RFC 2132 section 8.4 for option 43).
     *
     * @param subOptions the sub-options, in the order they go on the wire
     */
    public record VendorSpecific(List<SubOption> subOptions) implements Value {
        /** @throws NullPointerException when the list or a sub-option is missing */
        public VendorSpecific {
            subOptions = List.copyOf(subOptions);
        }

        @Override
        public Type type() {
            return Type.VENDOR_SPECIFIC;
        }

        @Override
        public byte[] encode() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (SubOption s : subOptions) {
                out.write(s.code());
                out.write(s.value.length);
                out.write(s.value, 0, s.value.length);
            }
            return out.toByteArray();
        }

        @Override
        public String toString() {
            return "sub-options " + subOptions.stream().map(SubOption::toString).collect(Collectors.joining(" "));
        }
    }

    /**
     * One sub-option of a {@link VendorSpecific} value.
     *
     * @param code  the sub-option code, 0..255 (the vendor defines them: Junos uses 0 for the image file name)
     * @param value 0..255 bytes, copied
     */
    public record SubOption(int code, byte[] value) {
        /** @throws IllegalArgumentException naming the sub-option when its code or length is out of range */
        public SubOption {
            if (code < 0 || code > 255) {
                throw new IllegalArgumentException("sub-option " + code + ": code is not 0..255");
            }
            Objects.requireNonNull(value, "value");
            if (value.length > 255) {
                throw new IllegalArgumentException("sub-option " + code + ": value of " + value.length + " bytes is longer than 255");
            }
            value = value.clone();
        }

        /**
         * @param code the sub-option code
         * @param text the text, sent as UTF-8 without a NUL terminator
         * @return the sub-option
         */
        public static SubOption text(int code, String text) {
            return new SubOption(code, Objects.requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SubOption s && s.code == code && Arrays.equals(s.value, value);
        }

        @Override
        public int hashCode() {
            return 31 * code + Arrays.hashCode(value);
        }

        /** @return {@code code="text"} when the value is printable text, else {@code code=hex} */
        @Override
        public String toString() {
            String text = new String(value, StandardCharsets.UTF_8);
            boolean printable = value.length > 0 && text.codePoints().allMatch(c -> c >= 0x20 && c != 0x7f && c != 0xfffd);
            return code + "=" + (printable ? "\"" + text + "\"" : HexFormat.of().formatHex(value));
        }
    }

    private static void check(int code, Value value) {
        String at = "option " + code + ": ";
        if (value instanceof Text t) {
            String s = t.text();
            int n = s.getBytes(StandardCharsets.UTF_8).length;
            Checks.noControlCharacters(at + "text", s);
            if (n == 0 || n > MAX_LENGTH || s.contains("\"") || s.contains("\\")) {
                throw new IllegalArgumentException(at + "text '" + LogText.of(s) + "' must be 1.."
                        + MAX_LENGTH + " bytes without quotes, backslashes or control characters (give other bytes as hex)");
            }
        } else if (value instanceof Ipv4 a) {
            if (a.addresses().isEmpty() || a.addresses().size() * 4 > MAX_LENGTH) {
                throw new IllegalArgumentException(at + a.addresses().size() + " addresses: needs 1..63");
            }
        } else if (value instanceof Unsigned u) {
            long max = u.width() == 1 ? 0xFFL : u.width() == 2 ? 0xFFFFL : 0xFFFF_FFFFL;
            if (u.value() < 0 || u.value() > max) {
                throw new IllegalArgumentException(at + u.type().name().toLowerCase(java.util.Locale.ROOT) + " " + u.value()
                        + " is not 0.." + max);
            }
        } else if (value instanceof Hex h) {
            if (h.bytes.length == 0 || h.bytes.length > MAX_LENGTH) {
                throw new IllegalArgumentException(at + h.bytes.length + " bytes: needs 1.." + MAX_LENGTH);
            }
        } else if (value instanceof VendorSpecific v) {
            if (v.subOptions().isEmpty()) {
                throw new IllegalArgumentException(at + "needs at least one sub-option");
            }
            Set<Integer> codes = new HashSet<>();
            for (SubOption s : v.subOptions()) {
                if (!codes.add(s.code())) {
                    throw new IllegalArgumentException(at + "sub-option " + s.code() + " given twice");
                }
            }
            int n = v.encode().length;
            if (n > MAX_LENGTH) {
                throw new IllegalArgumentException(at + "sub-options take " + n + " bytes, more than " + MAX_LENGTH);
            }
        }
    }
}
