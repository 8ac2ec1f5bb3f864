package org.ztp4j.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ztp4j.testing.Processes;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.MacAddress;
import org.ztp4j.dhcp.config.DhcpConfig;
import org.ztp4j.dhcp.config.DhcpServerFormat;
import org.ztp4j.dhcp.config.Ipv4Range;
import org.ztp4j.dhcp.config.Ipv4Subnet;
import org.ztp4j.dhcp.config.RelayPin;
import org.ztp4j.testing.ExternalTool;

/**
 * Option 82 pinning on a routed link: ISC dhcrelay adds its client-side interface's name as
 * circuit-id and relays to ISC dhcpd, Kea or dnsmasq running on the configuration our renderer
 * wrote from an inventory whose {@code relay_circuit_id} column pins two devices. busybox udhcpc
 * with the MAC of the device pinned to that circuit gets its reserved address, host name and boot
 * options, also when the pin is written as hex bytes; with the MAC of the device pinned to another
 * circuit it gets no answer at all; an unpinned device still gets its reservation through the relay.
 */
class RelayPinEndToEndIT {

    private static final BootOffer IOS = new BootOffer("ios", BootOffer.ANY_DEVICE, null, "network-confg", true);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = DhcpServerFormat.class, names = {"ISC", "KEA", "DNSMASQ"})
    void aPinnedDeviceGetsItsReservationOnlyThroughItsRelayPort(DhcpServerFormat format) throws Exception {
        Path udhcpc = ExternalTool.require("udhcpc", "udhcpc");
        ExternalTool.require("dhcrelay", "isc-dhcp-relay");
        try (RelayLab lab = RelayLab.create()) {
            Path leases = dir.resolve("server.leases");
            String config = DhcpConfig.builder()
                    .format(format)
                    .offers(List.of(IOS))
                    .tftpServers(List.of(InetAddress.getByName("10.213.9.1")))
                    .subnet(Ipv4Subnet.parse("10.213.7.0/24"))
                    .range(Ipv4Range.parse("10.213.7.100-10.213.7.150"))
                    .router(InetAddress.getByName(RelayLab.GIADDR))
                    .interfaceName(lab.serverInterface())
                    .leaseFile(leases.toString())
                    .devices(List.of(
                            device("rtr1", "02:00:00:00:00:01", "10.213.7.12", Map.of(RelayPin.CIRCUIT_ID_VARIABLE, lab.downstreamInterface())),
                            device("rtr2", "02:00:00:00:00:02", "10.213.7.13", Map.of(RelayPin.CIRCUIT_ID_VARIABLE, "Gi1/0/99")),
                            device("rtr3", "02:00:00:00:00:03", "10.213.7.14", Map.of()),
                            // the same port written as bytes
                            device("rtr4", "02:00:00:00:00:04", "10.213.7.15", Map.of(RelayPin.CIRCUIT_ID_VARIABLE,
                                    "0x" + HexFormat.of().formatHex(lab.downstreamInterface().getBytes(StandardCharsets.US_ASCII))))))
                    .build().render();
            if (format == DhcpServerFormat.ISC) {
                // dhcpd listens only on interfaces whose network it declares
                config += "\nsubnet " + RelayLab.UPSTREAM_NETWORK + " netmask 255.255.255.0 {\n}\n";
            }
            Path conf = dir.resolve("server.conf");
            Files.writeString(conf, config);
            lab.start(lab.inServer(DhcpServers.command(format, conf, leases, lab.serverInterface(), dir)), dir.resolve("server.log"));
            lab.startRelay(dir.resolve("relay.log"));

            // the device pinned to the relay port the request comes through
            lab.clientMac("02:00:00:00:00:01");
            Map<String, String> rtr1 = lease(lab, udhcpc, "rtr1", 10).orElseThrow(() -> failure("rtr1 got no lease"));
            assertThat(rtr1).containsEntry("ip", "10.213.7.12")
                    .containsEntry("hostname", "rtr1")
                    .containsEntry("bootfile", "network-confg")
                    .containsEntry("siaddr", "10.213.9.1");

            // the device pinned to another port: its MAC through this port gets nothing at all
            lab.clientMac("02:00:00:00:00:02");
            assertThat(lease(lab, udhcpc, "rtr2", 3)).as("rtr2 is pinned to Gi1/0/99, not to %s", lab.downstreamInterface()).isEmpty();

            // an unpinned device is served as before, through the same relay
            lab.clientMac("02:00:00:00:00:03");
            Map<String, String> rtr3 = lease(lab, udhcpc, "rtr3", 5).orElseThrow(() -> failure("rtr3 got no lease"));
            assertThat(rtr3).containsEntry("ip", "10.213.7.14").containsEntry("bootfile", "network-confg");

            lab.clientMac("02:00:00:00:00:04");
            Map<String, String> rtr4 = lease(lab, udhcpc, "rtr4", 5).orElseThrow(() -> failure("rtr4 got no lease"));
            assertThat(rtr4).containsEntry("ip", "10.213.7.15").containsEntry("hostname", "rtr4");
        }
    }

    private static DeviceRecord device(String name, String mac, String address, Map<String, String> variables) throws Exception {
        return new DeviceRecord(name, null, MacAddress.parse(mac), "ios", InetAddress.getByName(address), 24, null, null, variables);
    }

    private AssertionError failure(String what) {
        try {
            return new AssertionError(what + "\nserver log:\n" + Files.readString(dir.resolve("server.log"))
                    + "\nrelay log:\n" + Files.readString(dir.resolve("relay.log")));
        } catch (IOException e) {
            return new AssertionError(what, e);
        }
    }

    /**
     * Runs udhcpc once (discover tries 1 s apart, then it gives up) and returns what its script
     * recorded, or empty when no server answered.
     */
    private Optional<Map<String, String>> lease(RelayLab lab, Path udhcpc, String name, int tries) throws Exception {
        Path out = dir.resolve(name + ".env");
        Path script = VethLab.udhcpcScript(dir, out);
        List<String> cmd = new ArrayList<>(List.of(udhcpc.toString(), "-i", lab.clientInterface(), "-f", "-q", "-n", "-B",
                "-t", Integer.toString(tries), "-T", "1", "-A", "1", "-O", "150", "-s", script.toString()));
        Processes.Result r = Processes.runAllowingFailure(lab.inClient(cmd), 30);
        if (r.exitCode() != 0) {
            return Optional.empty();
        }
        assertThat(VethLab.awaitFile(out, 10)).as("udhcpc script output for %s", name).isTrue();
        Map<String, String> vars = new LinkedHashMap<>();
        for (String line : Files.readAllLines(out)) {
            int eq = line.indexOf('=');
            vars.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return Optional.of(vars);
    }
}
