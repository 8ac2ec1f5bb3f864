package org.ztp4j.dhcp;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.ztp4j.core.MacAddress;
import org.ztp4j.core.SerialNumber;

/**
 * An ordered set of DHCPv4 options, at most one per code, and their wire codec (RFC 2132 section 2,
 * RFC 3396 long options).
 *
 * <pre>{@code
 * DhcpOptions options = DhcpOptions.builder()
 *         .tftpServers(List.of(InetAddress.getByName("10.0.0.1"), InetAddress.getByName("10.0.0.2")))
 *         .tftpServerName("10.0.0.1")
 *         .bootfile("poap.py")
 *         .build();
 * options.toHexLines();   // ["150 96080a0000010a000002", "66 420831302e302e302e31", "67 4307706f61702e7079"]
 * byte[] wire = options.encode();   // TLVs followed by the end option
 * }</pre>
 */
public final class DhcpOptions {

    private static final DhcpOptions EMPTY = new DhcpOptions(new LinkedHashMap<>());

    private final Map<Integer, DhcpOption> byCode;

    private DhcpOptions(LinkedHashMap<Integer, DhcpOption> byCode) {
        this.byCode = Collections.unmodifiableMap(byCode);
    }

    /** @return an empty set */
    public static DhcpOptions empty() {
        return EMPTY;
    }

    /**
     * @param options options with distinct codes, in wire order
     * @return the set
     * @throws IllegalArgumentException naming the code that is given twice
     */
    public static DhcpOptions of(List<DhcpOption> options) {
        Builder b = builder();
        options.forEach(b::option);
        return b.build();
    }

    /** @return a builder for an option set */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The options {@code ztp dhcp-options} prints, in the order of its flags: 150 (when TFTP server
     * addresses are given), 66, 67, then the extra options as given.
     *
     * @param tftpServers    option 150 addresses, or an empty list
     * @param tftpServerName option 66 text, or {@code null}
     * @param bootfile       option 67 text, or {@code null}
     * @param extra          further options, for example parsed with {@link DhcpOption#parse(String)}
     * @return the set
     * @throws IllegalArgumentException naming the option at fault
     */
    public static DhcpOptions forBoot(List<? extends InetAddress> tftpServers, String tftpServerName, String bootfile,
                                      List<DhcpOption> extra) {
        Builder b = builder();
        if (tftpServers != null && !tftpServers.isEmpty()) {
            b.tftpServers(tftpServers);
        }
        if (tftpServerName != null) {
            b.tftpServerName(tftpServerName);
        }
        if (bootfile != null) {
            b.bootfile(bootfile);
        }
        if (extra != null) {
            extra.forEach(b::option);
        }
        return b.build();
    }

    /**
     * Decodes an options field (after the magic cookie): pad options are skipped, the end option or
     * the end of the bytes stops, and several instances of one code are joined in order (RFC 3396).
     *
     * @param bytes the options bytes
     * @return the options in order of first appearance
     * @throws DhcpFormatException when an option's length runs past the end of the bytes
     */
    public static DhcpOptions decode(byte[] bytes) {
        LinkedHashMap<Integer, ByteArrayOutputStream> parts = new LinkedHashMap<>();
        decodeInto(bytes, 0, bytes.length, "options", parts);
        return fromParts(parts);
    }

    static boolean decodeInto(byte[] bytes, int from, int to, String field,
                              LinkedHashMap<Integer, ByteArrayOutputStream> parts) {
        int i = from;
        while (i < to) {
            int code = bytes[i] & 0xFF;
            if (code == 0) {
                i++;
                continue;
            }
            if (code == 255) {
                return true;
            }
            if (i + 1 >= to) {
                throw new DhcpFormatException(field + ": option " + code + " at offset " + (i - from) + " has no length octet");
            }
            int len = bytes[i + 1] & 0xFF;
            if (i + 2 + len > to) {
                throw new DhcpFormatException(field + ": option " + code + " at offset " + (i - from) + " claims "
                        + len + " bytes but only " + (to - i - 2) + " remain");
            }
            parts.computeIfAbsent(code, c -> new ByteArrayOutputStream()).write(bytes, i + 2, len);
            i += 2 + len;
        }
        return false;
    }

    static DhcpOptions fromParts(LinkedHashMap<Integer, ByteArrayOutputStream> parts) {
        LinkedHashMap<Integer, DhcpOption> map = new LinkedHashMap<>();
        parts.forEach((code, out) -> {
            try {
                map.put(code, new DhcpOption(code, out.toByteArray()));
            } catch (IllegalArgumentException e) {
                throw new DhcpFormatException(e.getMessage());
            }
        });
        return new DhcpOptions(map);
    }

    /**
     * Encodes the options followed by the end option (255). Values over 255 bytes are split into
     * consecutive options of the same code (RFC 3396).
     *
     * @return the options field bytes
     */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byCode.values().forEach(o -> o.writeTo(out));
        out.write(255);
        return out.toByteArray();
    }

    /**
     * One line per option, {@code <code> <hex of the whole TLV>}, as {@code ztp dhcp-options} prints
     * them.
     *
     * @return for example {@code ["150 96080a0000010a000002"]}
     */
    public List<String> toHexLines() {
        List<String> lines = new ArrayList<>();
        byCode.values().forEach(o -> lines.add(o.code() + " " + o.toHex()));
        return lines;
    }

    /** @return the options in order */
    public List<DhcpOption> asList() {
        return List.copyOf(byCode.values());
    }

    /**
     * @param code an option code
     * @return that option, if present
     */
    public Optional<DhcpOption> get(int code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /**
     * @param code an option code
     * @return true when the option is present
     */
    public boolean contains(int code) {
        return byCode.containsKey(code);
    }

    /** @return the number of options */
    public int size() {
        return byCode.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DhcpOptions other && List.copyOf(byCode.values()).equals(List.copyOf(other.byCode.values()));
    }

    @Override
    public int hashCode() {
        return List.copyOf(byCode.values()).hashCode();
    }

    @Override
    public String toString() {
        return "DhcpOptions" + byCode.values();
    }

    /** Builds an option set; codes must be distinct. */
    public static final class Builder {

        private final LinkedHashMap<Integer, DhcpOption> options = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * @param option an option whose code is not in the set yet
         * @return this builder
         * @throws IllegalArgumentException when the code is already present
         */
        public Builder option(DhcpOption option) {
            Objects.requireNonNull(option, "option");
            if (options.putIfAbsent(option.code(), option) != null) {
                throw new IllegalArgumentException("option " + option.code() + ": given twice");
            }
            return this;
        }

        /** @param servers option 150 addresses @return this builder */
        public Builder tftpServers(List<? extends InetAddress> servers) {
            return option(DhcpOption.tftpServerAddresses(servers));
        }

        /** @param server option 66 text @return this builder */
        public Builder tftpServerName(String server) {
            return option(DhcpOption.tftpServerName(server));
        }

        /** @param bootfile option 67 text @return this builder */
        public Builder bootfile(String bootfile) {
            return option(DhcpOption.bootfileName(bootfile));
        }

        /** @param prefixLength option 1 as a prefix length @return this builder */
        public Builder subnetMask(int prefixLength) {
            return option(DhcpOption.subnetMask(prefixLength));
        }

        /** @param routers option 3 @return this builder */
        public Builder routers(List<? extends InetAddress> routers) {
            return option(DhcpOption.routers(routers));
        }

        /** @param servers option 6 @return this builder */
        public Builder dnsServers(List<? extends InetAddress> servers) {
            return option(DhcpOption.dnsServers(servers));
        }

        /** @param hostName option 12 @return this builder */
        public Builder hostName(String hostName) {
            return option(DhcpOption.hostName(hostName));
        }

        /** @param domain option 15 @return this builder */
        public Builder domainName(String domain) {
            return option(DhcpOption.domainName(domain));
        }

        /** @param seconds option 51 @return this builder */
        public Builder leaseTime(long seconds) {
            return option(DhcpOption.leaseTime(seconds));
        }

        /** @param vendorClass option 60 @return this builder */
        public Builder vendorClass(String vendorClass) {
            return option(DhcpOption.vendorClass(vendorClass));
        }

        /** @param userClass option 77 (one RFC 3004 class) @return this builder */
        public Builder userClass(String userClass) {
            return option(DhcpOption.userClass(userClass));
        }

        /** @param serial option 61 as POAP sends it (type 0 + serial) @return this builder */
        public Builder clientIdentifier(SerialNumber serial) {
            return option(DhcpOption.clientIdentifier(serial));
        }

        /** @param mac option 61 as type 1 + MAC @return this builder */
        public Builder clientIdentifier(MacAddress mac) {
            return option(DhcpOption.clientIdentifier(mac));
        }

        /**
         * @param server PnP server address or name
         * @param port   PnP server port
         * @return this builder, with option 43 set to Cisco's PnP string
         * @see DhcpOption#ciscoPnp(String, int, boolean)
         */
        public Builder ciscoPnp(String server, int port) {
            return option(DhcpOption.ciscoPnp(server, port, false));
        }

        /** @return the option set */
        public DhcpOptions build() {
            return new DhcpOptions(new LinkedHashMap<>(options));
        }
    }
}
