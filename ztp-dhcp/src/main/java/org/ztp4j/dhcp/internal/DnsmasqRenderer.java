package org.ztp4j.dhcp.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.BootOption;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.dhcp.DhcpOption;
import org.ztp4j.dhcp.config.DhcpConfig;
import org.ztp4j.dhcp.config.Ipv4Subnet;
import org.ztp4j.dhcp.config.RelayPin;

/**
 * Writes a {@code dnsmasq.conf} (checked with dnsmasq 2.90).
 *
 * <p>Offers that match option 60 or 77 set a tag with {@code dhcp-vendorclass} /
 * {@code dhcp-userclass}; note that dnsmasq matches these as substrings, not prefixes. The offer
 * for any device is scoped by {@code tag:!} of every other platform's tag. Boot options are written
 * with {@code dhcp-option-force}, since dnsmasq otherwise sends only what the client asks for in
 * option 55; {@code dhcp-boot} sets the BOOTP file field and next-server (siaddr). With a subnet the
 * file is complete and DHCP-only ({@code port=0} switches dnsmasq's DNS server off), unless the
 * devices look names up ({@link DhcpConfig#hostRecords()}) and no DNS server is given: then
 * dnsmasq's DNS server stays on and answers them from {@code host-record} lines, dnsmasq offers its
 * own address in option 6, and {@code local-service} keeps it from answering anyone beyond its own
 * subnets unless an interface is named. With DNS servers given the devices ask those, so the
 * records are named in a comment, as for the servers that are no DNS servers.
 *
 * <p>An offer's further options are {@code dhcp-option-force} lines with the offer's tags: text
 * quoted ({@code 239,"http://..."}), addresses as a list, and everything else as bytes: two or
 * more as colon-separated hex ({@code 43,01:0c:6a:...}, which dnsmasq copies as they are), one as a
 * decimal with dnsmasq's one-byte suffix {@code b} (a lone hex pair would not read as hex).
 *
 * <p>A device pinned to a relay port gets a tag per sub-option from {@code dhcp-circuitid} /
 * {@code dhcp-remoteid} (exact match, written as hex), and its {@code dhcp-host} requires those
 * tags; a second, untagged {@code dhcp-host} for the same MAC or client identifier says
 * {@code ignore}. dnsmasq prefers the tagged line when its tags are set, so a request through any
 * other port, or without option 82, gets no answer.
 */
final class DnsmasqRenderer {

    private final DhcpConfig config;
    private final StringBuilder out = new StringBuilder();

    DnsmasqRenderer(DhcpConfig config) {
        this.config = config;
    }

    String render() {
        out.append("# dnsmasq configuration for ZTP, written by ztp4j (platforms: ")
                .append(config.offers().stream().map(BootOffer::platform).collect(Collectors.joining(", "))).append(")\n");
        if (!config.hostRecords().isEmpty() && config.dnsServers().isEmpty()) {
            // no option 6 of our own: dnsmasq offers its own address, so the devices ask it
            out.append("# DNS on: dnsmasq answers the names the devices look up, offers itself as their DNS server (option 6)\n"
                    + "# and forwards other names to this host's resolvers\n");
            config.hostRecords().forEach((name, address) -> out.append("host-record=").append(name).append(',')
                    .append(address.getHostAddress()).append('\n'));
            if (config.interfaceName().isEmpty()) {
                out.append("# no open resolver: DNS answers only hosts on this host's own subnets (devices behind a DHCP relay\n"
                        + "# are on none of them: serve one interface instead, or delete the line and filter port 53)\n"
                        + "local-service\n");
            }
        } else {
            // option 6 names other DNS servers: the devices ask them, so the records belong there
            out.append(ConfigRenderers.dnsNote(config, "#"));
            if (config.subnet().isPresent()) {
                out.append("# DHCP only: DNS off (delete to keep dnsmasq's DNS server)\nport=0\n");
            }
        }
        config.interfaceName().ifPresent(i -> out.append("interface=").append(i).append("\nbind-interfaces\n"));
        config.leaseFile().ifPresent(f -> out.append("dhcp-leasefile=").append(f).append('\n'));
        if (config.subnet().isPresent()) {
            Ipv4Subnet subnet = config.subnet().get();
            String lease = config.leaseTimeSeconds().map(s -> "," + s).orElse("");
            if (config.range().isPresent()) {
                out.append("dhcp-range=").append(config.range().get().first().getHostAddress()).append(',')
                        .append(config.range().get().last().getHostAddress()).append(',')
                        .append(subnet.netmask().getHostAddress()).append(lease).append('\n');
            } else {
                out.append("# reservations only: no dynamic range\n");
                out.append("dhcp-range=").append(subnet.network().getHostAddress()).append(",static,")
                        .append(subnet.netmask().getHostAddress()).append(lease).append('\n');
            }
        }
        config.router().ifPresent(r -> out.append("dhcp-option=3,").append(r.getHostAddress()).append('\n'));
        if (!config.dnsServers().isEmpty()) {
            out.append("dhcp-option=6,").append(ConfigRenderers.join(config.dnsServers(), ",")).append('\n');
        }
        config.domainName().ifPresent(d -> out.append("dhcp-option=15,").append(d).append('\n'));
        for (DhcpOption o : config.extraOptions()) {
            out.append("dhcp-option-force=").append(o.code()).append(',').append(ConfigRenderers.colonHex(o.value())).append('\n');
        }
        List<BootOffer> matched = ConfigRenderers.matchedOffers(config);
        for (BootOffer o : matched) {
            out.append("\n# ").append(ConfigRenderers.describe(o)).append('\n');
            out.append(o.matchOption() == BootOffer.VENDOR_CLASS ? "dhcp-vendorclass=set:" : "dhcp-userclass=set:")
                    .append(ConfigRenderers.className(o)).append(',').append(o.matchPrefix()).append('\n');
            bootLines(o, "tag:" + ConfigRenderers.className(o) + ",");
        }
        Optional<BootOffer> any = ConfigRenderers.anyDeviceOffer(config);
        any.ifPresent(o -> {
            out.append("\n# ").append(ConfigRenderers.describe(o)).append('\n');
            String tags = matched.stream().map(m -> "tag:!" + ConfigRenderers.className(m) + ",").collect(Collectors.joining());
            bootLines(o, tags);
        });
        if (!config.devices().isEmpty()) {
            out.append('\n');
        }
        for (DeviceRecord d : config.devices()) {
            // NX-OS POAP sends option 61 = 0x00 + serial
            String who = d.mac() != null ? d.mac().toString() : "id:" + ConfigRenderers.colonHex(ConfigRenderers.serialClientId(d));
            Optional<RelayPin> pin = config.relayPin(d);
            StringBuilder tags = new StringBuilder();
            pin.ifPresent(p -> {
                String tag = "ztp-pin-" + d.hostname().toLowerCase(Locale.ROOT);
                out.append("# ").append(d.hostname()).append(": option 82 pin, no answer unless the relay reports ").append(p).append('\n');
                if (p.circuitId() != null) {
                    out.append("dhcp-circuitid=set:").append(tag).append("-circuit,").append(ConfigRenderers.colonHex(p.circuitId())).append('\n');
                    tags.append(",tag:").append(tag).append("-circuit");
                }
                if (p.remoteId() != null) {
                    out.append("dhcp-remoteid=set:").append(tag).append("-remote,").append(ConfigRenderers.colonHex(p.remoteId())).append('\n');
                    tags.append(",tag:").append(tag).append("-remote");
                }
            });
            Optional<String> own = config.bootfileFor(d);
            List<BootOption> ownOptions = config.optionsFor(d);
            String ownTag = "ztp-own-" + d.hostname().toLowerCase(Locale.ROOT);
            out.append("dhcp-host=").append(who).append(tags);
            if (own.isPresent() || !ownOptions.isEmpty()) {
                out.append(",set:").append(ownTag);
            }
            config.fixedAddress(d).ifPresent(a -> out.append(',').append(a.getHostAddress()));
            out.append(',').append(d.hostname()).append('\n');
            own.ifPresent(f -> {
                // its own boot file: a tag set by its dhcp-host line, which the platform's untagged-by-host lines do not carry
                out.append("dhcp-option-force=tag:").append(ownTag).append(",67,").append(ConfigRenderers.quoted(f)).append('\n');
                if (f.length() < 128 && !f.contains(",")) {
                    out.append("dhcp-boot=tag:").append(ownTag).append(',').append(f)
                            .append(config.nextServer().map(a -> ",," + a.getHostAddress()).orElse("")).append('\n');
                }
            });
            for (BootOption o : ownOptions) {
                // likewise its own further options, in place of its platform's
                out.append("dhcp-option-force=tag:").append(ownTag).append(',').append(o.code()).append(',').append(value(o)).append('\n');
            }
            if (pin.isPresent()) {
                out.append("dhcp-host=").append(who).append(",ignore\n");
            }
        }
        return out.toString();
    }

    private void bootLines(BootOffer o, String tags) {
        if (o.tftpServer()) {
            out.append("dhcp-option-force=").append(tags).append("150,").append(ConfigRenderers.join(config.tftpServers(), ",")).append('\n');
        }
        String option66 = o.option66(config.tftpServerName().orElse(null));
        if (option66 != null) {
            out.append("dhcp-option-force=").append(tags).append("66,").append(ConfigRenderers.quoted(option66)).append('\n');
        }
        if (o.bootfile() != null) {
            out.append("dhcp-option-force=").append(tags).append("67,").append(ConfigRenderers.quoted(o.bootfile())).append('\n');
        }
        for (BootOption extra : o.options()) {
            out.append("dhcp-option-force=").append(tags).append(extra.code()).append(',').append(value(extra)).append('\n');
        }
        if (o.tftpServer() || (o.bootfile() != null && o.bootfile().length() < 128 && !o.bootfile().contains(","))) {
            // the BOOTP file field and siaddr: dhcp-boot=[tags,]file,[server name],[server address]
            out.append("dhcp-boot=").append(tags)
                    .append(o.bootfile() != null && o.bootfile().length() < 128 && !o.bootfile().contains(",") ? o.bootfile() : "")
                    .append(o.tftpServer() ? ",," + config.nextServer().orElseThrow().getHostAddress() : "").append('\n');
        }
    }

    /** dnsmasq(8), --dhcp-option: how a value is read decides its bytes, so each type is spelt to read back exactly. */
    private static String value(BootOption o) {
        if (o.value() instanceof BootOption.Text t) {
            return ConfigRenderers.quoted(t.text());
        }
        if (o.value() instanceof BootOption.Ipv4 a) {
            return ConfigRenderers.join(a.addresses(), ",");
        }
        byte[] b = o.encode();
        // "05" alone reads as the decimal 5, sized by the option; "5b" is one byte whatever the option
        return b.length == 1 ? (b[0] & 0xFF) + "b" : ConfigRenderers.colonHex(b);
    }
}
