package org.ztp4j.dhcp.internal;

import java.net.Inet4Address;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.dhcp.DhcpOption;
import org.ztp4j.dhcp.config.DhcpConfig;
import org.ztp4j.dhcp.config.Ipv4Subnet;

/**
 * Writes Cisco IOS DHCP server configuration commands.
 *
 * <p>An IOS pool cannot pick options by vendor class (60) or user class (77): {@code ip dhcp class}
 * matches relay information only. So one network pool serves every device with next-server and
 * options 150 and 66, and option 67 only when all platforms agree on it; otherwise each device's
 * host pool carries its own platform's option 67. Host pools inherit the rest from the network pool
 * that holds their address. A range becomes {@code ip dhcp excluded-address} lines for the rest of
 * the subnet.
 */
final class IosPoolRenderer {

    private final DhcpConfig config;
    private final StringBuilder out = new StringBuilder();

    IosPoolRenderer(DhcpConfig config) {
        this.config = config;
    }

    String render() {
        out.append("! Cisco IOS DHCP server configuration for ZTP, written by ztp4j (platforms: ")
                .append(config.offers().stream().map(BootOffer::platform).collect(Collectors.joining(", "))).append(")\n");
        out.append("! IOS pools cannot select options by option 60/77: this pool serves every device.\n");
        Optional<String> sharedBootfile = sharedBootfile();
        if (sharedBootfile.isEmpty() && config.offers().stream().anyMatch(o -> o.bootfile() != null)) {
            out.append("! The platforms need different boot files (option 67): only the host pools below carry them.\n");
        }
        if (config.subnet().isPresent() && config.range().isPresent()) {
            Ipv4Subnet s = config.subnet().get();
            long net = Ipv4.toLong(s.network());
            long bcast = Ipv4.toLong(s.broadcast());
            long first = Ipv4.toLong(config.range().get().first());
            long last = Ipv4.toLong(config.range().get().last());
            excluded(net + 1, first - 1);
            excluded(last + 1, bcast - 1);
        }
        out.append("!\nip dhcp pool ").append(config.poolName()).append('\n');
        config.subnet().ifPresent(s -> out.append(" network ").append(s.network().getHostAddress()).append(' ')
                .append(s.netmask().getHostAddress()).append('\n'));
        config.router().ifPresent(r -> out.append(" default-router ").append(r.getHostAddress()).append('\n'));
        if (!config.dnsServers().isEmpty()) {
            out.append(" dns-server ").append(ConfigRenderers.join(config.dnsServers(), " ")).append('\n');
        }
        config.domainName().ifPresent(d -> out.append(" domain-name ").append(d).append('\n'));
        if (config.offers().stream().anyMatch(BootOffer::tftpServer)) {
            out.append(" next-server ").append(config.nextServer().orElseThrow().getHostAddress()).append('\n');
            out.append(" option 150 ip ").append(ConfigRenderers.join(config.tftpServers(), " ")).append('\n');
        }
        // One pool serves every platform: it can carry one option 66 text.
        List<String> option66 = config.offers().stream().map(o -> o.option66(config.tftpServerName().orElse(null)))
                .filter(java.util.Objects::nonNull).distinct().toList();
        if (option66.size() > 1) {
            out.append("! The platforms want different option 66 texts (").append(String.join(", ", option66))
                    .append("): this pool carries the first.\n");
        }
        if (!option66.isEmpty()) {
            out.append(" option 66 ascii ").append(option66.get(0)).append('\n');
        }
        sharedBootfile.ifPresent(f -> out.append(" option 67 ascii ").append(f).append('\n'));
        for (DhcpOption o : config.extraOptions()) {
            out.append(" option ").append(o.code()).append(" hex ").append(dotted(o.value())).append('\n');
        }
        config.leaseTimeSeconds().ifPresent(this::lease);
        for (DeviceRecord d : config.devices()) {
            hostPool(d, sharedBootfile.isEmpty());
        }
        out.append("!\n");
        return out.toString();
    }

    /** @return option 67 when every platform wants the same one (possibly none) */
    private Optional<String> sharedBootfile() {
        List<String> files = config.offers().stream().map(BootOffer::bootfile).distinct().collect(Collectors.toList());
        return files.size() == 1 ? Optional.ofNullable(files.get(0)) : Optional.empty();
    }

    private void excluded(long from, long to) {
        if (from > to) {
            return;
        }
        out.append("ip dhcp excluded-address ").append(Ipv4.toAddress(from).getHostAddress());
        if (to != from) {
            out.append(' ').append(Ipv4.toAddress(to).getHostAddress());
        }
        out.append('\n');
    }

    private void lease(long seconds) {
        if (seconds >= 0xFFFF_FFFFL) {
            out.append(" lease infinite\n");
            return;
        }
        long minutes = (seconds + 59) / 60;
        out.append(" lease ").append(minutes / 1440).append(' ').append((minutes / 60) % 24).append(' ').append(minutes % 60).append('\n');
    }

    private void hostPool(DeviceRecord d, boolean perDeviceBootfile) {
        Optional<Inet4Address> address = config.fixedAddress(d);
        if (address.isEmpty()) {
            out.append("! ").append(d.hostname()).append(": no management address inside the subnet, no host pool\n");
            return;
        }
        out.append("!\nip dhcp pool ").append(d.hostname()).append('\n');
        out.append(" host ").append(address.get().getHostAddress()).append(' ')
                .append(config.subnet().orElseThrow().netmask().getHostAddress()).append('\n');
        byte[] id;
        if (d.mac() != null) {
            // type 1 (Ethernet) + MAC, as IOS devices send option 61
            byte[] mac = d.mac().toBytes();
            id = new byte[7];
            id[0] = 1;
            System.arraycopy(mac, 0, id, 1, 6);
        } else {
            id = ConfigRenderers.serialClientId(d);
        }
        out.append(" client-identifier ").append(dotted(id)).append('\n');
        out.append(" client-name ").append(d.hostname()).append('\n');
        if (perDeviceBootfile) {
            config.offerFor(d).map(BootOffer::bootfile).filter(Objects::nonNull)
                    .ifPresent(f -> out.append(" option 67 ascii ").append(f).append('\n'));
        }
    }

    /** IOS writes identifiers as hex in groups of four digits: {@code 0174.26cc.5c91.80}. */
    private static String dotted(byte[] id) {
        String hex = HexFormat.of().formatHex(id);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 4) {
            if (i > 0) {
                s.append('.');
            }
            s.append(hex, i, Math.min(i + 4, hex.length()));
        }
        return s.toString();
    }
}
