package org.ztp4j.dhcp.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.BootOption;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.dhcp.DhcpOption;
import org.ztp4j.dhcp.config.DhcpConfig;
import org.ztp4j.dhcp.config.Ipv4Subnet;

/**
 * Writes {@code dhcpd.conf} for ISC dhcpd 4.x.
 *
 * <p>Offers that match option 60 or 77 become {@code class} declarations with {@code match if
 * substring(...)}; the offer for any device becomes a class matching {@code not} all of them, or,
 * when it is the only offer, goes into the subnet (or the global scope without a subnet).
 * Option 150 is declared as {@code tftp-server-address code 150 = array of ip-address} (4.4 knows
 * it already; older versions need the declaration and 4.4 accepts it). dhcpd sends only the options
 * a client lists in option 55, so each scope appends 66, 67 and 150 to that list.
 *
 * <p>An offer's further options are declared once per code as {@code option ztp-option-N code N =
 * TYPE} ({@code text}, {@code array of ip-address}, {@code unsigned integer 8/16/32}, or
 * {@code string} for raw bytes, written as colon-separated hex) and set in the offer's class;
 * option 43 is set as {@code vendor-encapsulated-options} with the sub-options' bytes in hex
 * (dhcpd sends that option's bytes as they are while no {@code vendor-option-space} is set). Their
 * codes are appended to option 55 as well.
 *
 * <p>A host pinned to a relay port says {@code ignore booting} unless {@code option
 * agent.circuit-id} (and/or {@code agent.remote-id}) equals the pin: a request that matches the
 * host's MAC or client identifier but came through another port, or through no relay, gets no
 * answer at all, neither the fixed address nor any boot option.
 */
final class IscDhcpdRenderer {

    private final DhcpConfig config;
    private final StringBuilder out = new StringBuilder();

    IscDhcpdRenderer(DhcpConfig config) {
        this.config = config;
    }

    String render() {
        out.append("# ISC dhcpd configuration for ZTP, written by ztp4j (platforms: ")
                .append(config.offers().stream().map(BootOffer::platform).collect(Collectors.joining(", "))).append(")\n");
        if (config.offers().stream().anyMatch(BootOffer::tftpServer)) {
            out.append("# RFC 5859: option 150 is a list of TFTP server addresses.\n");
            out.append("option tftp-server-address code 150 = array of ip-address;\n");
        }
        for (DhcpOption o : config.extraOptions()) {
            out.append("option ztp-option-").append(o.code()).append(" code ").append(o.code()).append(" = string;\n");
        }
        Map<Integer, List<BootOption>> byCode = ConfigRenderers.optionsByCode(config);
        if (byCode.keySet().stream().anyMatch(c -> c != BootOption.VENDOR_SPECIFIC)) {
            out.append("# Further options the platforms' offers carry.\n");
        }
        byCode.forEach((code, options) -> {
            if (code != BootOption.VENDOR_SPECIFIC) {
                out.append("option ").append(ConfigRenderers.optionName(code)).append(" code ").append(code).append(" = ")
                        .append(type(ConfigRenderers.commonType(options))).append(";\n");
            }
        });
        config.leaseTimeSeconds().ifPresent(s -> out.append("default-lease-time ").append(s)
                .append(";\nmax-lease-time ").append(s).append(";\n"));
        if (config.subnet().isPresent()) {
            out.append("authoritative;\n");
        }
        List<BootOffer> matched = ConfigRenderers.matchedOffers(config);
        for (BootOffer offer : matched) {
            out.append("\n# ").append(ConfigRenderers.describe(offer)).append('\n');
            out.append("class \"").append(ConfigRenderers.className(offer)).append("\" {\n");
            out.append("  match if ").append(condition(offer)).append(";\n");
            bootStatements(offer, "  ");
            out.append("}\n");
        }
        Optional<BootOffer> fallback = matched.isEmpty() ? Optional.empty() : ConfigRenderers.anyDeviceOffer(config);
        fallback.ifPresent(offer -> {
            out.append("\n# ").append(ConfigRenderers.describe(offer)).append('\n');
            out.append("class \"").append(ConfigRenderers.className(offer)).append("\" {\n");
            // an absent option makes substring() fail and "=" false, so "not" holds for devices that send nothing
            out.append("  match if ").append(matched.stream().map(m -> "not (" + condition(m) + ")")
                    .collect(Collectors.joining(" and "))).append(";\n");
            bootStatements(offer, "  ");
            out.append("}\n");
        });
        // the offer for any device, when it is the only one, needs no class
        Optional<BootOffer> any = matched.isEmpty() ? ConfigRenderers.anyDeviceOffer(config) : Optional.empty();
        if (config.subnet().isPresent()) {
            Ipv4Subnet subnet = config.subnet().get();
            out.append("\nsubnet ").append(subnet.network().getHostAddress()).append(" netmask ")
                    .append(subnet.netmask().getHostAddress()).append(" {\n");
            config.range().ifPresent(r -> out.append("  range ").append(r.first().getHostAddress()).append(' ')
                    .append(r.last().getHostAddress()).append(";\n"));
            out.append("  option subnet-mask ").append(subnet.netmask().getHostAddress()).append(";\n");
            scopeOptions("  ");
            any.ifPresent(o -> {
                out.append("  # ").append(ConfigRenderers.describe(o)).append('\n');
                bootStatements(o, "  ");
            });
            out.append("}\n");
        } else {
            if (hasScopeOptions()) {
                out.append('\n');
                scopeOptions("");
            }
            any.ifPresent(o -> {
                out.append("\n# ").append(ConfigRenderers.describe(o)).append('\n');
                bootStatements(o, "");
            });
        }
        for (DeviceRecord d : config.devices()) {
            host(d);
        }
        return out.toString();
    }

    private static String condition(BootOffer offer) {
        String prefix = offer.matchPrefix();
        int n = prefix.getBytes(StandardCharsets.UTF_8).length;
        String q = ConfigRenderers.quoted(prefix);
        if (offer.matchOption() == BootOffer.VENDOR_CLASS) {
            return "substring(option vendor-class-identifier, 0, " + n + ") = " + q;
        }
        // RFC 3004 frames each user class with a length octet; some clients send bare text: match both.
        return "substring(option user-class, 0, " + n + ") = " + q + " or substring(option user-class, 1, " + n + ") = " + q;
    }

    private void bootStatements(BootOffer offer, String indent) {
        List<String> codes = new ArrayList<>();
        String option66 = offer.option66(config.tftpServerName().orElse(null));
        if (option66 != null) {
            codes.add("42"); // 66
        }
        if (offer.tftpServer()) {
            codes.add("96"); // 150
        }
        if (offer.bootfile() != null) {
            codes.add("43"); // 67
        }
        for (BootOption o : offer.options()) {
            codes.add(Integer.toHexString(o.code()));
        }
        if (!codes.isEmpty()) {
            // dhcpd sends only what option 55 asks for; devices do not always ask for 66/67/150.
            // The list is data: its entries are hex (42 = 66, 43 = 67, 96 = 150).
            out.append(indent).append("if exists dhcp-parameter-request-list {\n")
                    .append(indent).append("  option dhcp-parameter-request-list = concat(option dhcp-parameter-request-list, ")
                    .append(String.join(", ", codes)).append(");\n")
                    .append(indent).append("}\n");
        }
        if (offer.tftpServer()) {
            out.append(indent).append("next-server ").append(config.nextServer().orElseThrow().getHostAddress()).append(";\n");
            out.append(indent).append("option tftp-server-address ").append(ConfigRenderers.join(config.tftpServers(), ", ")).append(";\n");
        }
        if (option66 != null) {
            out.append(indent).append("option tftp-server-name ").append(ConfigRenderers.quoted(option66)).append(";\n");
        }
        if (offer.bootfile() != null) {
            out.append(indent).append("option bootfile-name ").append(ConfigRenderers.quoted(offer.bootfile())).append(";\n");
            if (offer.bootfile().length() < 128) {
                // the BOOTP file field too, for clients that read only that
                out.append(indent).append("filename ").append(ConfigRenderers.quoted(offer.bootfile())).append(";\n");
            }
        }
        for (BootOption o : offer.options()) {
            option(o, indent);
        }
    }

    /** One of an offer's further options, or a device's own in place of it, as its code is declared. */
    private void option(BootOption o, String indent) {
        if (o.code() == BootOption.VENDOR_SPECIFIC) {
            out.append(indent).append("option vendor-encapsulated-options ").append(ConfigRenderers.colonHex(o.encode()))
                    .append(";\n");
            return;
        }
        BootOption.Type declared = ConfigRenderers.commonType(ConfigRenderers.optionsByCode(config).get(o.code()));
        out.append(indent).append("option ").append(ConfigRenderers.optionName(o.code())).append(' ')
                .append(value(o, declared)).append(";\n");
    }

    /** How dhcpd declares a type: dhcp-options(5) and dhcpd.conf(5), "Defining new options". */
    private static String type(BootOption.Type t) {
        return switch (t) {
            case TEXT -> "text";
            case IPV4 -> "array of ip-address";
            case UINT8 -> "unsigned integer 8";
            case UINT16 -> "unsigned integer 16";
            case UINT32 -> "unsigned integer 32";
            default -> "string";
        };
    }

    private static String value(BootOption o, BootOption.Type declared) {
        BootOption.Value v = o.value();
        if (declared == BootOption.Type.TEXT && v instanceof BootOption.Text t) {
            return ConfigRenderers.quoted(t.text());
        }
        if (declared == BootOption.Type.IPV4 && v instanceof BootOption.Ipv4 a) {
            return a.addresses().stream().map(java.net.Inet4Address::getHostAddress).collect(Collectors.joining(", "));
        }
        if (v instanceof BootOption.Unsigned u && declared == u.type()) {
            return Long.toString(u.value());
        }
        // a string: colon-separated hex octets are its data, byte for byte
        return ConfigRenderers.colonHex(o.encode());
    }

    /** A pin value as a dhcpd data constant: quoted text, or colon-separated hex octets. */
    private static String data(Optional<String> text, byte[] bytes) {
        return text.map(ConfigRenderers::quoted).orElseGet(() -> ConfigRenderers.colonHex(bytes));
    }

    private boolean hasScopeOptions() {
        return !config.extraOptions().isEmpty() || config.router().isPresent() || !config.dnsServers().isEmpty() || config.domainName().isPresent();
    }

    private void scopeOptions(String indent) {
        if (!config.extraOptions().isEmpty()) {
            out.append(indent).append("if exists dhcp-parameter-request-list {\n")
                    .append(indent).append("  option dhcp-parameter-request-list = concat(option dhcp-parameter-request-list, ")
                    .append(config.extraOptions().stream().map(o -> Integer.toHexString(o.code())).collect(Collectors.joining(", ")))
                    .append(");\n").append(indent).append("}\n");
        }
        for (DhcpOption o : config.extraOptions()) {
            out.append(indent).append("option ztp-option-").append(o.code()).append(' ')
                    .append(ConfigRenderers.colonHex(o.value())).append(";\n");
        }
        config.router().ifPresent(r -> out.append(indent).append("option routers ").append(r.getHostAddress()).append(";\n"));
        if (!config.dnsServers().isEmpty()) {
            out.append(indent).append("option domain-name-servers ").append(ConfigRenderers.join(config.dnsServers(), ", ")).append(";\n");
        }
        config.domainName().ifPresent(d -> out.append(indent).append("option domain-name ").append(ConfigRenderers.quoted(d)).append(";\n"));
    }

    private void host(DeviceRecord d) {
        out.append("\nhost ").append(d.hostname()).append(" {\n");
        if (d.mac() != null) {
            out.append("  hardware ethernet ").append(d.mac()).append(";\n");
        } else {
            out.append("  # known by serial only: NX-OS POAP sends option 61 = 0x00 + serial\n");
            out.append("  option dhcp-client-identifier ").append(ConfigRenderers.colonHex(ConfigRenderers.serialClientId(d))).append(";\n");
        }
        config.fixedAddress(d).ifPresent(a -> out.append("  fixed-address ").append(a.getHostAddress()).append(";\n"));
        out.append("  option host-name ").append(ConfigRenderers.quoted(d.hostname())).append(";\n");
        config.bootfileFor(d).ifPresent(f -> {
            out.append("  option bootfile-name ").append(ConfigRenderers.quoted(f)).append(";\n");
            if (f.length() < 128) {
                out.append("  filename ").append(ConfigRenderers.quoted(f)).append(";\n");
            }
        });
        // its own options: a host's options win over its class's (the same holds its own boot file)
        config.optionsFor(d).forEach(o -> option(o, "  "));
        config.relayPin(d).ifPresent(pin -> {
            List<String> tests = new ArrayList<>();
            if (pin.circuitId() != null) {
                tests.add("option agent.circuit-id = " + data(pin.circuitIdText(), pin.circuitId()));
            }
            if (pin.remoteId() != null) {
                tests.add("option agent.remote-id = " + data(pin.remoteIdText(), pin.remoteId()));
            }
            out.append("  # option 82 pin: no answer at all unless the relay reports ").append(pin).append('\n');
            // an absent option makes "=" false, so a request without option 82 is ignored too
            out.append("  if not (").append(String.join(" and ", tests)).append(") {\n");
            out.append("    ignore booting;\n");
            out.append("  }\n");
        });
        out.append("}\n");
    }
}
