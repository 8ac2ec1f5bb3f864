package org.ztp4j.examples.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ztp4j.core.BootServers;
import org.ztp4j.core.Day0Access;
import org.ztp4j.core.DeviceAccess;
import org.ztp4j.core.DeviceTokens;
import org.ztp4j.core.store.ProvisioningStore;
import org.ztp4j.server.store.JdbcProvisioningStore;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.IpAddresses;
import org.ztp4j.core.PlatformAdapter;
import org.ztp4j.core.PlatformContext;
import org.ztp4j.core.inventory.InMemoryInventory;
import org.ztp4j.core.inventory.CsvInventory;
import org.ztp4j.dhcp.config.DhcpConfig;
import org.ztp4j.dhcp.config.DhcpServerFormat;
import org.ztp4j.dhcp.config.Ipv4Range;
import org.ztp4j.dhcp.config.Ipv4Subnet;
import org.ztp4j.platform.pnp.PnpAdapter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ztp dhcp}: print a DHCP server configuration for one platform's ZTP. */
@Command(name = "dhcp", mixinStandardHelpOptions = true,
        description = {"Print a DHCP server configuration for a platform's ZTP: options 66/67/150 scoped to the",
            "platform's devices and, with --inventory, one reservation per device. With --subnet,",
            "--range and --router it is a complete file the real server accepts as it is."})
final class DhcpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--format", required = true, paramLabel = "isc|kea|dnsmasq|ios", description = "The DHCP server.")
    String format;

    @Option(names = "--platform", required = true, paramLabel = "PLATFORM", description = "The platform: nxos, ios, iosxe, eos, junos, aoscx, pnp, sonic, cumulus, srlinux or any installed adapter's id.")
    String platform;

    @Option(names = "--tftp-server", required = true, split = ",", paramLabel = "IP", description = "TFTP server addresses (option 150; the first also in 66 and next-server).")
    List<String> tftpServers;

    @Option(names = "--http-base", paramLabel = "URL", description = "HTTP base URL of the ZTP server, e.g. http://10.0.0.1:8080 (for platforms that fetch over HTTP).")
    URI httpBase;

    @Option(names = "--subnet", paramLabel = "CIDR", description = "The scope's subnet, e.g. 10.0.0.0/24.")
    String subnet;

    @Option(names = "--range", paramLabel = "FIRST-LAST", description = "The dynamic range, e.g. 10.0.0.100-10.0.0.199.")
    String range;

    @Option(names = "--router", paramLabel = "IP", description = "The default router (option 3).")
    String router;

    @Option(names = "--dns", split = ",", paramLabel = "IP", description = "DNS servers (option 6).")
    List<String> dns = new ArrayList<>();

    @Option(names = "--domain", paramLabel = "NAME", description = "The domain name (option 15). With --platform pnp, devices "
            + "without option 43 look up pnpserver.NAME and use port 80 (--http-base must be there): without --dns, dnsmasq "
            + "answers it with the --http-base address (its DNS server stays on, for its own subnets); with --dns, and in the "
            + "other formats, a comment says that your DNS must.")
    String domain;

    @Option(names = "--inventory", paramLabel = "FILE", description = "CSV inventory: one reservation per device of this platform; relay_circuit_id / relay_remote_id columns pin a device to its relay port (option 82).")
    Path inventory;

    @Option(names = "--set", paramLabel = "PLATFORM.SETTING=VALUE", description = "An adapter setting that changes the offer, e.g. nxos.transfer=http or iosxe.transfer=tftp (repeatable; 'ztp platforms' lists them).")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--day0-access", defaultValue = "any", paramLabel = "any|lease|token",
            description = "As ztp serve's: with token, each device's reservation carries its token in its boot file name or URL "
                    + "(the key from --state-dir or --store, as the server reads it). Default: ${DEFAULT-VALUE}.")
    String day0Access;

    @Option(names = "--state-dir", defaultValue = "ztp4j-state", paramLabel = "DIR",
            description = "With --day0-access token: the server's state directory, whose device-token.key the tokens come from "
                    + "(made there, mode 0600, when missing). Default: ./${DEFAULT-VALUE}.")
    Path stateDir;

    @Option(names = "--store", paramLabel = "JDBC_URL",
            description = "With --day0-access token: the servers' shared database, whose key the tokens come from.")
    String store;

    @Override
    public Integer call() throws IOException {
        DhcpServerFormat f = DhcpServerFormat.parse(format);
        List<InetAddress> servers = new ArrayList<>();
        for (String s : tftpServers) {
            servers.add(IpAddresses.parseIpv4("--tftp-server", s));
        }
        BootServers boot;
        try {
            boot = new BootServers(servers, 69, httpBase, null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--http-base: " + e.getMessage().replace("boot servers: ", ""));
        }
        PlatformAdapter adapter = Platforms.require(platform);
        Platforms.checkSettings(settings);
        Day0Access mode = Day0Access.parse(day0Access);
        DeviceAccess access = mode == Day0Access.TOKEN ? new DeviceAccess(mode, tokens()) : DeviceAccess.open();
        if (mode == Day0Access.TOKEN && !adapter.carriesDeviceTokens()) {
            throw new IllegalArgumentException("--day0-access token: platform " + adapter.id() + " cannot carry device tokens"
                    + " (its devices fetch their own files under names no reservation can give a token); use lease");
        }
        if (mode == Day0Access.TOKEN && inventory == null) {
            throw new IllegalArgumentException("--day0-access token: give --inventory, whose devices' reservations carry the tokens");
        }
        // The same context a running server gives the adapter: one path to the offer.
        PlatformContext context = new PlatformContext(InMemoryInventory.of(List.of()), null, boot, null, null, null, settings,
                access);
        DhcpConfig.Builder b = DhcpConfig.builder().format(f).offers(List.of(adapter.bootOffer(context))).tftpServers(servers);
        if (subnet != null) {
            b.subnet(Ipv4Subnet.parse(subnet));
        }
        if (range != null) {
            b.range(Ipv4Range.parse(range));
        }
        if (router != null) {
            b.router(IpAddresses.parseIpv4("--router", router));
        }
        List<InetAddress> dnsServers = new ArrayList<>();
        for (String s : dns) {
            dnsServers.add(IpAddresses.parseIpv4("--dns", s));
        }
        b.dns(dnsServers);
        b.domain(domain);
        if (adapter.id().equals(PnpAdapter.ID)) {
            // typed, as the adapter reads it: pnp.discovery=DNS is dns too
            pnpServerRecord(b, context.setting(PnpAdapter.DISCOVERY).equals(PnpAdapter.DISCOVERY_DNS));
        }
        if (inventory != null) {
            CliFiles.requireRegularFile(inventory);
            List<DeviceRecord> devices = new ArrayList<>();
            for (DeviceRecord d : CsvInventory.load(inventory).devices()) {
                if (d.platform() == null || d.platform().equals(adapter.id())) {
                    devices.add(d);
                }
            }
            b.devices(devices);
            b.deviceBootfiles(d -> adapter.deviceBootfile(d, context));
            b.deviceOptions(d -> adapter.deviceOptions(d, context));
        }
        var out = spec.commandLine().getOut();
        if (mode == Day0Access.TOKEN) {
            out.print(commentLine(f) + " Each reservation names its device's own boot file, which carries its token: keep this file\n"
                    + commentLine(f) + " as private as the day-0 configurations.\n");
        }
        out.print(b.build().render());
        out.flush();
        return 0;
    }

    /**
     * A PnP device whose offer has no option 43 looks up {@code pnpserver.<domain>} (option 15) and
     * contacts the address it resolves to on the standard ports, HTTPS 443 then HTTP 80: the record
     * names the --http-base host, which must then listen on port 80 (this command knows no HTTPS base).
     */
    private void pnpServerRecord(DhcpConfig.Builder b, boolean dnsDiscovery) {
        String name = PnpAdapter.DNS_NAME;
        if (domain == null) {
            if (dnsDiscovery) {
                throw new IllegalArgumentException("--set pnp.discovery=dns: give --domain, the domain (option 15) whose "
                        + name + " name the devices look up");
            }
            return;
        }
        String host = httpBase == null ? null : httpBase.getHost();
        if (host == null || !host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
            throw new IllegalArgumentException("--domain " + domain + ": " + name + "." + domain
                    + " must resolve to the server, so --http-base must name its IPv4 address" + (host == null ? "" : " (it names " + host + ")"));
        }
        int port = httpBase.getPort() > 0 ? httpBase.getPort() : 80;
        if (dnsDiscovery && port != 80) {
            throw new IllegalArgumentException("--set pnp.discovery=dns: devices that find " + name + "." + domain
                    + " by DNS try HTTPS on port 443, then HTTP on port 80, but --http-base " + httpBase
                    + " is on port " + port + "; serve HTTP on port 80 (ztp serve --http-port 80) and give --http-base http://"
                    + host + " or leave pnp.discovery at dhcp (option 43 names the port)");
        }
        b.hostRecord(name + "." + domain, IpAddresses.parseIpv4("--http-base", host));
    }

    private DeviceTokens tokens() throws IOException {
        if (store != null) {
            if (spec.commandLine().getParseResult().hasMatchedOption("--state-dir")) {
                throw new IllegalArgumentException("--state-dir and --store: give one");
            }
            try (ProvisioningStore db = JdbcProvisioningStore.open(store)) {
                return DeviceTokens.hmac(db.deviceTokenKey().orElseThrow());
            }
        }
        return DeviceTokens.hmac(DeviceTokens.keyFile(stateDir.resolve(ZtpServer.TOKEN_KEY_FILE)));
    }

    /** @return how a comment line starts in that format; Kea's JSON takes C++ comments */
    private static String commentLine(DhcpServerFormat f) {
        return switch (f) {
            case KEA -> "//";
            case IOS -> "!";
            default -> "#";
        };
    }
}
