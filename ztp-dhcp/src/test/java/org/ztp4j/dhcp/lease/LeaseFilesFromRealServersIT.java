package org.ztp4j.dhcp.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ztp4j.testing.Processes;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.Lease;
import org.ztp4j.core.MacAddress;
import org.ztp4j.dhcp.DhcpServers;
import org.ztp4j.dhcp.VethLab;
import org.ztp4j.dhcp.config.DhcpConfig;
import org.ztp4j.dhcp.config.DhcpServerFormat;
import org.ztp4j.dhcp.config.Ipv4Range;
import org.ztp4j.dhcp.config.Ipv4Subnet;
import org.ztp4j.testing.ExternalTool;

/**
 * Each real server (configured by our renderer) runs in a server namespace and hands a lease to
 * busybox udhcpc in a client namespace; {@link LeaseFile} then reads the lease file the server
 * wrote and finds the client by its address: MAC, client id (0x00 + serial, as POAP sends it) and,
 * where the server records it, the host name.
 */
class LeaseFilesFromRealServersIT {

    private static final String MAC = "02:00:00:00:00:0a";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = LeaseFileFormat.class)
    void readsTheLeaseTheRealServerWrote(LeaseFileFormat format) throws Exception {
        Path udhcpc = ExternalTool.require("udhcpc", "udhcpc");
        Path leases = dir.resolve("leases");
        DhcpServerFormat serverFormat = DhcpServerFormat.parse(format.id());
        try (VethLab lab = VethLab.create(true)) {
            String config = DhcpConfig.builder().format(serverFormat)
                    .offers(List.of(new BootOffer("nxos", BootOffer.USER_CLASS, "Cisco-POAP", "poap.py", true)))
                    .tftpServers(List.of(InetAddress.getByName(VethLab.SERVER_ADDRESS)))
                    .subnet(Ipv4Subnet.parse("10.213.7.0/24"))
                    .range(Ipv4Range.parse("10.213.7.100-10.213.7.150"))
                    .router(InetAddress.getByName(VethLab.SERVER_ADDRESS))
                    .leaseTime(600L)
                    .interfaceName(lab.serverInterface())
                    .leaseFile(leases.toString())
                    .build().render();
            Path conf = dir.resolve("server.conf");
            Files.writeString(conf, config);
            lab.start(lab.inServer(DhcpServers.command(serverFormat, conf, leases, lab.serverInterface(), dir)), dir.resolve("server.log"));

            lab.clientMac(MAC);
            Path out = dir.resolve("client.env");
            List<String> cmd = new ArrayList<>(List.of(udhcpc.toString(), "-i", lab.clientInterface(), "-f", "-q", "-n", "-B",
                    "-t", "8", "-T", "2", "-A", "1", "-s", VethLab.udhcpcScript(dir, out).toString(),
                    "-x", "hostname:sw1", "-x", "0x3d:0053414c3132333435363738", "-x", "0x4d:0a436973636f2d504f4150"));
            Processes.Result r = Processes.runAllowingFailure(lab.inClient(cmd), 60);
            assertThat(r.exitCode()).as("udhcpc: %s%nserver log:%n%s", r.output(), Files.readString(dir.resolve("server.log"))).isZero();
            assertThat(VethLab.awaitFile(out, 10)).isTrue();
            String ip = Files.readAllLines(out).stream().filter(l -> l.startsWith("ip=")).findFirst().orElseThrow().substring(3);

            LeaseFile file = LeaseFile.open(leases, format);
            Lease lease = null;
            for (int i = 0; i < 50 && lease == null; i++) {
                // the server may write the file just after its ACK
                lease = file.find(InetAddress.getByName(ip)).orElse(null);
                if (lease == null) {
                    Thread.sleep(100);
                }
            }
            assertThat(lease).as("lease for %s in %s:%n%s", ip, leases, Files.exists(leases) ? Files.readString(leases) : "(no file)").isNotNull();
            assertThat(lease.mac()).isEqualTo(MacAddress.parse(MAC));
            assertThat(lease.clientId()).isEqualTo("0053414c3132333435363738");
            assertThat(lease.expires()).isNotNull();
            if (format != LeaseFileFormat.KEA) {
                // Kea keeps option 12 in the lease only when DDNS is on
                assertThat(lease.hostname()).isEqualTo("sw1");
            }
        }
    }
}
