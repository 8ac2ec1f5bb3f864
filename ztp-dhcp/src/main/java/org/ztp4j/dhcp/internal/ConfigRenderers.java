package org.ztp4j.dhcp.internal;

import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.BootOption;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.dhcp.config.DhcpConfig;
import org.ztp4j.dhcp.config.RelayPin;

/** Picks the renderer for a {@link DhcpConfig}'s format and holds what the renderers share. */
public final class ConfigRenderers {

    private ConfigRenderers() {
    }

    /**
     * @param config the configuration
     * @return its text in the configured format
     */
    public static String render(DhcpConfig config) {
        switch (config.format()) {
            case ISC:
                return dnsNote(config, "#") + new IscDhcpdRenderer(config).render();
            case KEA:
                return dnsNote(config, "//") + new KeaRenderer(config).render();
            case DNSMASQ:
                return new DnsmasqRenderer(config).render();
            case IOS:
                return dnsNote(config, "!") + new IosPoolRenderer(config).render();
            default:
                throw new IllegalStateException("no renderer for " + config.format());
        }
    }

    /**
     * A server that is no DNS server cannot answer the names devices look up (nor can dnsmasq when
     * option 6 sends the devices elsewhere): says in a comment that the network's DNS must.
     */
    static String dnsNote(DhcpConfig config, String comment) {
        StringBuilder note = new StringBuilder();
        config.hostRecords().forEach((name, address) -> note.append(comment).append(" DNS: the devices look up ").append(name)
                .append(": your DNS server (option 6) must answer it with ").append(address.getHostAddress()).append('\n'));
        return note.toString();
    }

    /** @param offer an offer @return the class / tag name it is scoped by: {@code ztp-<platform>} */
    static String className(BootOffer offer) {
        return "ztp-" + offer.platform();
    }

    /** @param config a config @return the offers that match on option 60 or 77 */
    static List<BootOffer> matchedOffers(DhcpConfig config) {
        return config.offers().stream().filter(o -> o.matchOption() != BootOffer.ANY_DEVICE).collect(Collectors.toList());
    }

    /** @param config a config @return the offer for any (other) device, if any */
    static Optional<BootOffer> anyDeviceOffer(DhcpConfig config) {
        return config.offers().stream().filter(o -> o.matchOption() == BootOffer.ANY_DEVICE).findFirst();
    }

    /** @param offer an offer @return a comment line body saying whom it serves */
    static String describe(BootOffer offer) {
        if (offer.matchOption() == BootOffer.ANY_DEVICE) {
            return offer.platform() + ": every device that matches no other platform";
        }
        return offer.platform() + ": devices whose " + (offer.matchOption() == BootOffer.VENDOR_CLASS
                ? "vendor class (option 60)" : "user class (option 77)") + " starts with \"" + offer.matchPrefix() + "\"";
    }

    /** @param addresses addresses @param sep separator @return them dotted, joined */
    static String join(List<Inet4Address> addresses, String sep) {
        return addresses.stream().map(Inet4Address::getHostAddress).collect(Collectors.joining(sep));
    }

    /**
     * The client identifier a device is reserved by when its MAC is unknown: type 0 followed by the
     * serial as text, as NX-OS POAP sends it.
     *
     * @param device a device with a serial
     * @return the bytes
     */
    static byte[] serialClientId(DeviceRecord device) {
        byte[] s = device.serial().value().getBytes(StandardCharsets.US_ASCII);
        byte[] id = new byte[s.length + 1];
        System.arraycopy(s, 0, id, 1, s.length);
        return id;
    }

    /** @param bytes bytes @return colon-separated lower-case hex, {@code 00:53:41} */
    static String colonHex(byte[] bytes) {
        return HexFormat.ofDelimiter(":").formatHex(bytes);
    }

    /**
     * The error for a pin a server cannot express: a pin is never dropped silently.
     *
     * @param server the server's name as its users know it
     * @param device the device
     * @param pin    its pin
     * @param why    what the server cannot express
     * @return the exception to throw
     */
    static IllegalArgumentException cannotPin(String server, DeviceRecord device, RelayPin pin, String why) {
        return new IllegalArgumentException(server + ": cannot pin device " + device.hostname() + " to option 82 " + pin + ": " + why);
    }

    /** @param bytes bytes @return plain lower-case hex, {@code 005341} */
    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** @param text text without quotes or NUL @return it quoted for ISC dhcpd / dnsmasq, backslashes escaped */
    static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * @param config a config
     * @return every offer's further options grouped by code, codes in the order they first appear
     */
    static Map<Integer, List<BootOption>> optionsByCode(DhcpConfig config) {
        Map<Integer, List<BootOption>> byCode = new LinkedHashMap<>();
        for (BootOffer o : config.offers()) {
            for (BootOption option : o.options()) {
                byCode.computeIfAbsent(option.code(), c -> new ArrayList<>()).add(option);
            }
        }
        return byCode;
    }

    /**
     * What one code is declared as where a server wants one declaration per code: the offers'
     * common type, or raw bytes when two offers give the same code values of different types (the
     * bytes on the wire stay the same either way).
     *
     * @param sameCode the options of one code
     * @return their type
     */
    static BootOption.Type commonType(List<BootOption> sameCode) {
        BootOption.Type t = sameCode.get(0).type();
        if (t == BootOption.Type.VENDOR_SPECIFIC || sameCode.stream().anyMatch(o -> o.type() != t)) {
            return BootOption.Type.HEX;
        }
        return t;
    }

    /** @param code an option code @return the name the renderers declare it under, {@code ztp-option-239} */
    static String optionName(int code) {
        return "ztp-option-" + code;
    }

    /** @param options options @return their codes, comma-separated, for comments and messages */
    static String codes(List<BootOption> options) {
        return options.stream().map(o -> Integer.toString(o.code())).distinct().collect(Collectors.joining(", "));
    }
}
