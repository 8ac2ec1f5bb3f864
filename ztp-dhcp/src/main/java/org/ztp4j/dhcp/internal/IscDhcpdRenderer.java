package org.ztp4j.dhcp.internal;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Collectors;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.dhcp.config.DhcpConfig;
import org.ztp4j.dhcp.config.Ipv4Subnet;

/**
 * Writes {@code dhcpd.conf} for ISC dhcpd 4.x.
 *
 * <p>Offers that match option 60 or 77 become {@code class} declarations with {@code match if
 * substring(...)}; dhcpd applies class statements after subnet and pool statements, so they take
 * precedence there. The offer for any device goes into the subnet (or the global scope without a
 * subnet): a classed device that gets no option 67 from its class would see that offer's boot file.
 * Option 150 is declared as {@code tftp-server-address code 150 = array of ip-address} (4.4 knows
 * it already; older versions need the declaration and 4.4 accepts it).
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
        config.leaseTimeSeconds().ifPresent(s -> out.append("default-lease-time ").append(s)
                .append(";\nmax-lease-time ").append(s).append(";\n"));
        if (config.subnet().isPresent()) {
            out.append("authoritative;\n");
        }
        for (BootOffer offer : ConfigRenderers.matchedOffers(config)) {
            out.append("\n# ").append(ConfigRenderers.describe(offer)).append('\n');
            out.append("class \"").append(ConfigRenderers.className(offer)).append("\" {\n");
            out.append("  ").append(match(offer)).append('\n');
            bootStatements(offer, "  ");
            out.append("}\n");
        }
        Optional<BootOffer> any = ConfigRenderers.anyDeviceOffer(config);
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

    private String match(BootOffer offer) {
        String prefix = offer.matchPrefix();
        int n = prefix.getBytes(StandardCharsets.UTF_8).length;
        String q = ConfigRenderers.quoted(prefix);
        if (offer.matchOption() == BootOffer.VENDOR_CLASS) {
            return "match if substring(option vendor-class-identifier, 0, " + n + ") = " + q + ";";
        }
        // RFC 3004 frames each user class with a length octet; some clients send bare text: match both.
        return "match if substring(option user-class, 0, " + n + ") = " + q
                + " or substring(option user-class, 1, " + n + ") = " + q + ";";
    }

    private void bootStatements(BootOffer offer, String indent) {
        if (offer.tftpServer()) {
            out.append(indent).append("next-server ").append(config.nextServer().orElseThrow().getHostAddress()).append(";\n");
            out.append(indent).append("option tftp-server-address ").append(ConfigRenderers.join(config.tftpServers(), ", ")).append(";\n");
            out.append(indent).append("option tftp-server-name ").append(ConfigRenderers.quoted(config.tftpServerName().orElseThrow())).append(";\n");
        }
        if (offer.bootfile() != null) {
            out.append(indent).append("option bootfile-name ").append(ConfigRenderers.quoted(offer.bootfile())).append(";\n");
            if (offer.bootfile().length() < 128) {
                // the BOOTP file field too, for clients that read only that
                out.append(indent).append("filename ").append(ConfigRenderers.quoted(offer.bootfile())).append(";\n");
            }
        }
    }

    private boolean hasScopeOptions() {
        return config.router().isPresent() || !config.dnsServers().isEmpty() || config.domainName().isPresent();
    }

    private void scopeOptions(String indent) {
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
        out.append("}\n");
    }
}
