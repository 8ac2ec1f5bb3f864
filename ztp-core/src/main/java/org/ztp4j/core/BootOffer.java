package org.ztp4j.core;

import java.util.Objects;

/**
 * What one platform's devices need in a DHCP offer to start provisioning, independent of any DHCP
 * server's syntax: how to recognise them and which boot file to name. ztp-dhcp turns it into
 * options 66/67/150 and next-server for ISC dhcpd, Kea, dnsmasq or an IOS pool.
 *
 * <pre>{@code
 * // NX-OS POAP: match option 77 "Cisco-POAP", hand out the script over TFTP
 * new BootOffer("nxos", BootOffer.USER_CLASS, "Cisco-POAP", "poap.py", true);
 * // IOS-XE ZTP: match option 60 "ciscopnp", option 67 is an HTTP URL
 * new BootOffer("iosxe", BootOffer.VENDOR_CLASS, "ciscopnp", "http://10.0.0.1:8080/ztp/iosxe.py", false);
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
 */
public record BootOffer(String platform, int matchOption, String matchPrefix, String bootfile, boolean tftpServer,
                        String serverName) {

    /** Match on option 60, vendor class identifier. */
    public static final int VENDOR_CLASS = 60;
    /** Match on option 77, user class (RFC 3004). */
    public static final int USER_CLASS = 77;
    /** No match: every client in the scope gets the offer. */
    public static final int ANY_DEVICE = 0;

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
        this(platform, matchOption, matchPrefix, bootfile, tftpServer, null);
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
}
