package org.ztp4j.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.ztp4j.core.internal.Checks;

/**
 * What one platform's devices need in a DHCP offer to start provisioning, independent of any DHCP
 * server's syntax: how to recognise them, which boot file to name, and any further options the
 * platform reads ({@link BootOption}). ztp-dhcp turns it into options 66/67/150, next-server and
 * the further options for ISC dhcpd, Kea, dnsmasq or an IOS pool.
 *
 * <pre>{@code
 * // NX-OS POAP: match option 77 "Cisco-POAP", hand out the script over TFTP
 * new BootOffer("nxos", BootOffer.USER_CLASS, "Cisco-POAP", "poap.py", true);
 * // IOS-XE ZTP: match option 60 "ciscopnp", option 67 is an HTTP URL
 * new BootOffer("iosxe", BootOffer.VENDOR_CLASS, "ciscopnp", "http://10.0.0.1:8080/ztp/iosxe.py", false);
 * // Junos ZTP: option 43 sub-options name the config file and how to fetch it, the server is in 150/66
 * BootOffer.builder("junos").matchVendorClass("Juniper-")
 *         .tftpServer(true)
 *         .option(BootOption.vendorSpecific(BootOption.SubOption.text(1, "juniper.conf"), BootOption.SubOption.text(3, "tftp")))
 *         .build();
 * // Cumulus Linux ZTP: option 239 is the script's URL
 * BootOffer.builder("cumulus").matchVendorClass("cumulus-linux")
 *         .option(BootOption.text(239, "http://10.0.0.1:8080/cumulus/ztp.sh"))
 *         .build();
 * }</pre>
 *
 * @param platform    the platform id ({@code nxos}, {@code ios}, {@code iosxe}, ...), also the class/tag name
 * @param matchOption the DHCP option whose text recognises the platform: {@link #VENDOR_CLASS} (60),
 *                    {@link #USER_CLASS} (77), or {@link #ANY_DEVICE} (0) when the platform sends nothing
 *                    reliable and the scope applies to every client
 * @param matchPrefix the text the option starts with; {@code null} exactly when matchOption is 0
 * @param bootfile    option 67: a file name, or a URL; {@code null} when the device must pick its own
 *                    (IOS AutoInstall asks for network-confg and friends)
 * @param tftpServer  whether the offer names the TFTP server (options 66 and 150, and next-server)
 * @param serverName  option 66 text of the platform's own, or {@code null} for the TFTP server's
 *                    address. NX-OS POAP over HTTP takes {@code http://server[:port]} here, with the
 *                    script's path in option 67 (Cisco's NX-OS fundamentals guide); then option 66 is
 *                    sent even when {@code tftpServer} is false
 * @param options     further options the platform's devices get, each code at most once; not the
 *                    ones the offer or the DHCP configuration write themselves ({@link #RESERVED_CODES})
 */
public record BootOffer(String platform, int matchOption, String matchPrefix, String bootfile, boolean tftpServer,
                        String serverName, List<BootOption> options) {

    /** Match on option 60, vendor class identifier. */
    public static final int VENDOR_CLASS = 60;
    /** Match on option 77, user class (RFC 3004). */
    public static final int USER_CLASS = 77;
    /** No match: every client in the scope gets the offer. */
    public static final int ANY_DEVICE = 0;

    /**
     * Codes an offer's further options may not use: 66, 67 and 150 come from the offer's own fields,
     * 1, 3, 6, 12, 15 and 51 from the DHCP configuration's scope and reservations, and 52..55 and 82
     * belong to the protocol and the relay.
     */
    public static final Set<Integer> RESERVED_CODES = Set.of(1, 3, 6, 12, 15, 51, 52, 53, 54, 55, 66, 67, 82, 150);

    /** @throws IllegalArgumentException naming the field at fault */
    public BootOffer {
        Objects.requireNonNull(platform, "platform");
        if (!platform.matches("[a-z][a-z0-9_-]{0,31}")) {
            throw new IllegalArgumentException("platform: '" + platform + "' must be a lower-case id like nxos");
        }
        if (matchOption != VENDOR_CLASS && matchOption != USER_CLASS && matchOption != ANY_DEVICE) {
            throw new IllegalArgumentException("platform " + platform + ": match option " + matchOption + " is not 60, 77 or 0");
        }
        if ((matchOption == ANY_DEVICE) != (matchPrefix == null)) {
            throw new IllegalArgumentException("platform " + platform + ": a match prefix goes with match option 60 or 77, and only there");
        }
        // each of these is written into a DHCP server's configuration line: no line breaks or other control characters
        Checks.noControlCharacters("platform " + platform + ": match prefix", matchPrefix);
        Checks.noControlCharacters("platform " + platform + ": option 66 text", serverName);
        Checks.noControlCharacters("platform " + platform + ": boot file", bootfile);
        if (matchPrefix != null && (matchPrefix.isEmpty() || matchPrefix.contains("\"") || matchPrefix.indexOf(0) >= 0)) {
            throw new IllegalArgumentException("platform " + platform + ": match prefix '" + matchPrefix + "' must be non-empty text without quotes or NUL");
        }
        if (serverName != null && (serverName.isEmpty() || serverName.length() > 255 || serverName.indexOf(0) >= 0
                || serverName.contains("\"") || serverName.contains(","))) {
            throw new IllegalArgumentException("platform " + platform + ": option 66 text '" + serverName
                    + "' must be 1..255 characters without quotes, commas or NUL");
        }
        if (bootfile != null && (bootfile.isEmpty() || bootfile.length() > 255 || bootfile.indexOf(0) >= 0 || bootfile.contains("\""))) {
            throw new IllegalArgumentException("platform " + platform + ": boot file '" + bootfile + "' must be 1..255 characters without quotes or NUL");
        }
        options = List.copyOf(options == null ? List.of() : options);
        Set<Integer> codes = new HashSet<>();
        for (BootOption o : options) {
            if (RESERVED_CODES.contains(o.code())) {
                throw new IllegalArgumentException("platform " + platform + ": option " + o.code() + " " + reservedFor(o.code())
                        + ", not as a further option");
            }
            if (!codes.add(o.code())) {
                throw new IllegalArgumentException("platform " + platform + ": option " + o.code() + " given twice");
            }
        }
    }

    /**
     * An offer without further options.
     *
     * @param platform    the platform id
     * @param matchOption 60, 77 or 0
     * @param matchPrefix the text the option starts with, or {@code null} with 0
     * @param bootfile    option 67, or {@code null}
     * @param tftpServer  whether the offer names the TFTP server
     * @param serverName  option 66 text of the platform's own, or {@code null}
     */
    public BootOffer(String platform, int matchOption, String matchPrefix, String bootfile, boolean tftpServer, String serverName) {
        this(platform, matchOption, matchPrefix, bootfile, tftpServer, serverName, List.of());
    }

    /**
     * An offer whose option 66 is the TFTP server's address (when {@code tftpServer} is true).
     *
     * @param platform    the platform id
     * @param matchOption 60, 77 or 0
     * @param matchPrefix the text the option starts with, or {@code null} with 0
     * @param bootfile    option 67, or {@code null}
     * @param tftpServer  whether the offer names the TFTP server
     */
    public BootOffer(String platform, int matchOption, String matchPrefix, String bootfile, boolean tftpServer) {
        this(platform, matchOption, matchPrefix, bootfile, tftpServer, null, List.of());
    }

    /**
     * @param platform the platform id, also the class/tag name
     * @return a builder for an offer that matches every device, names no boot file or server and
     *         carries no options until told to
     */
    public static Builder builder(String platform) {
        return new Builder(platform);
    }

    /** @return a builder holding this offer's fields, to derive another offer from it */
    public Builder toBuilder() {
        Builder b = new Builder(platform);
        b.matchOption = matchOption;
        b.matchPrefix = matchPrefix;
        b.bootfile = bootfile;
        b.tftpServer = tftpServer;
        b.serverName = serverName;
        b.options.addAll(options);
        return b;
    }

    /**
     * @param code an option code
     * @return the further option with that code, if the offer has one
     */
    public Optional<BootOption> option(int code) {
        return options.stream().filter(o -> o.code() == code).findFirst();
    }

    private static String reservedFor(int code) {
        return switch (code) {
            case 66, 150 -> "is written from the offer's TFTP server (tftpServer, serverName)";
            case 67 -> "is the offer's boot file";
            case 1, 3, 6, 15, 51 -> "is written from the DHCP configuration's scope";
            case 12 -> "is written from the DHCP configuration's reservations";
            default -> "belongs to the DHCP protocol or the relay";
        };
    }

    /**
     * @param defaultName the TFTP server's name or address, used when the offer has no text of its own
     * @return what option 66 carries for this offer, or {@code null} when the offer sends no option 66
     */
    public String option66(String defaultName) {
        if (serverName != null) {
            return serverName;
        }
        return tftpServer ? defaultName : null;
    }

    /** @return true when option 67 is a URL ({@code http://...}, {@code https://...}) rather than a file name */
    public boolean bootfileIsUrl() {
        return bootfile != null && bootfile.matches("(?i)(https?|tftp)://.*");
    }

    /**
     * Collects an offer's fields; {@link #build()} checks them as the record's constructor does.
     *
     * <pre>{@code
     * BootOffer offer = BootOffer.builder("cumulus")
     *         .matchVendorClass("cumulus-linux")
     *         .option(BootOption.text(239, "http://10.0.0.1:8080/cumulus/ztp.sh"))
     *         .build();
     * }</pre>
     */
    public static final class Builder {

        private final String platform;
        private int matchOption = ANY_DEVICE;
        private String matchPrefix;
        private String bootfile;
        private boolean tftpServer;
        private String serverName;
        private final List<BootOption> options = new ArrayList<>();

        private Builder(String platform) {
            this.platform = platform;
        }

        /** @param prefix what option 60 (vendor class) starts with @return this builder */
        public Builder matchVendorClass(String prefix) {
            this.matchOption = VENDOR_CLASS;
            this.matchPrefix = prefix;
            return this;
        }

        /** @param prefix what option 77 (user class) starts with @return this builder */
        public Builder matchUserClass(String prefix) {
            this.matchOption = USER_CLASS;
            this.matchPrefix = prefix;
            return this;
        }

        /** Every device in the scope gets the offer (the default). @return this builder */
        public Builder matchAnyDevice() {
            this.matchOption = ANY_DEVICE;
            this.matchPrefix = null;
            return this;
        }

        /** @param bootfile option 67: a file name or a URL, or {@code null} for none @return this builder */
        public Builder bootfile(String bootfile) {
            this.bootfile = bootfile;
            return this;
        }

        /** @param tftpServer whether the offer names the TFTP server (66, 150, next-server) @return this builder */
        public Builder tftpServer(boolean tftpServer) {
            this.tftpServer = tftpServer;
            return this;
        }

        /** @param serverName option 66 text of the platform's own, or {@code null} @return this builder */
        public Builder serverName(String serverName) {
            this.serverName = serverName;
            return this;
        }

        /** @param option a further option @return this builder */
        public Builder option(BootOption option) {
            this.options.add(Objects.requireNonNull(option, "option"));
            return this;
        }

        /** @param options further options (replaces earlier ones) @return this builder */
        public Builder options(Collection<BootOption> options) {
            this.options.clear();
            Objects.requireNonNull(options, "options").forEach(this::option);
            return this;
        }

        /**
         * @return the offer
         * @throws IllegalArgumentException naming the field at fault, as {@link BootOffer} does
         */
        public BootOffer build() {
            return new BootOffer(platform, matchOption, matchPrefix, bootfile, tftpServer, serverName, options);
        }
    }
}
