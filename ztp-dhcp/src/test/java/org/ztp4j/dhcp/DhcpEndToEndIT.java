package org.ztp4j.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.testing.Processes;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.Lease;
import org.ztp4j.core.MacAddress;
import org.ztp4j.core.SerialNumber;
import org.ztp4j.core.files.InMemoryFileProvider;
import org.ztp4j.dhcp.config.DhcpConfig;
import org.ztp4j.dhcp.config.DhcpServerFormat;
import org.ztp4j.dhcp.config.Ipv4Range;
import org.ztp4j.dhcp.config.Ipv4Subnet;
import org.ztp4j.dhcp.lease.LeaseFile;
import org.ztp4j.dhcp.lease.LeaseFileFormat;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.tftp.TftpServer;

/**
 * The whole DHCP half of ZTP on a real link: ISC dhcpd, Kea or dnsmasq runs on the configuration
 * our renderer wrote (all three platforms, two reservations), busybox udhcpc plays an NX-OS switch, an IOS router and
 * an IOS-XE switch in a network namespace, each gets its platform's options, and then fetches its
 * boot file from ztp4j's TFTP server (ztp-tftp) at the address option 66 named. Finally the lease
 * file the server wrote ties each address back to the device (dhcpd writes none for fixed addresses).
 */
class DhcpEndToEndIT {

    private static final BootOffer NXOS = new BootOffer("nxos", BootOffer.USER_CLASS, "Cisco-POAP", "poap.py", true);
    private static final BootOffer IOS = new BootOffer("ios", BootOffer.ANY_DEVICE, null, null, true);
    private static final BootOffer IOSXE = new BootOffer("iosxe", BootOffer.VENDOR_CLASS, "ciscopnp", "http://10.213.7.1:8080/ztp/iosxe.py", false);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = DhcpServerFormat.class, names = {"ISC", "KEA", "DNSMASQ"})
    void eachPlatformGetsItsOptionsAndFetchesItsBootFileOverTftp(DhcpServerFormat format) throws Exception {
        Path udhcpc = ExternalTool.require("udhcpc", "udhcpc");
        Path tftp = ExternalTool.require("tftp", "tftp-hpa");
        byte[] poap = "#!/bin/env python3\n#md5sum=\"0\"\nprint('poap')\n".getBytes(StandardCharsets.US_ASCII);
        byte[] networkConfg = "ip host rtr1 10.213.7.12\n".getBytes(StandardCharsets.US_ASCII);
        InMemoryFileProvider files = new InMemoryFileProvider().put("poap.py", poap).put("network-confg", networkConfg);

        try (VethLab lab = VethLab.create(false);
             TftpServer server = TftpServer.builder().bind(new InetSocketAddress(VethLab.SERVER_ADDRESS, 0)).fileProvider(files).build()) {
            server.start();
            Path leases = dir.resolve("server.leases");
            String config = DhcpConfig.builder()
                    .format(format)
                    .offers(List.of(NXOS, IOS, IOSXE))
                    .tftpServers(List.of(InetAddress.getByName("10.213.7.1"), InetAddress.getByName("10.213.7.2")))
                    .subnet(Ipv4Subnet.parse("10.213.7.0/24"))
                    .range(Ipv4Range.parse("10.213.7.100-10.213.7.150"))
                    .router(InetAddress.getByName("10.213.7.1"))
                    .interfaceName(lab.serverInterface())
                    .leaseFile(leases.toString())
                    .options(List.of(DhcpOption.ciscoPnp("10.213.7.1", 80, false)))
                    .devices(List.of(
                            new DeviceRecord("sw1", SerialNumber.of("SAL12345678"), null, "nxos",
                                    InetAddress.getByName("10.213.7.11"), 24, null, null, null),
                            new DeviceRecord("rtr1", null, MacAddress.parse("02:00:00:00:00:01"), "ios",
                                    InetAddress.getByName("10.213.7.12"), 24, null, null, null)))
                    .build().render();
            Path conf = dir.resolve("server.conf");
            Files.writeString(conf, config);
            lab.start(lab.inServer(DhcpServers.command(format, conf, leases, lab.serverInterface(), dir)), dir.resolve("server.log"));

            // NX-OS POAP: option 61 = 0x00 + serial, option 77 = "Cisco-POAP" framed as RFC 3004
            lab.clientMac("02:00:00:00:00:0a");
            Map<String, String> nxos = lab.lease(dir, udhcpc, "nxos", List.of("-x", "0x3d:0053414c3132333435363738",
                    "-x", "0x4d:0a436973636f2d504f4150", "-V", "Cisco N9K-C93180YC-EX", "-x", "hostname:sw1"));
            assertThat(nxos).containsEntry("ip", "10.213.7.11")      // reserved by client id
                    .containsEntry("tftp", "10.213.7.1")                // 66
                    .containsEntry("bootfile", "poap.py")               // 67
                    .containsEntry("opt150", "0ad507010ad50702")        // 150: 10.213.7.1, 10.213.7.2
                    .containsEntry("siaddr", "10.213.7.1")              // next-server
                    .containsEntry("router", "10.213.7.1");
            assertThat(fetch(lab, tftp, server.port(), nxos.get("ip"), nxos.get("tftp"), nxos.get("bootfile"))).isEqualTo(poap);

            // IOS AutoInstall: no class of its own; reserved by MAC; no option 67, asks for network-confg
            lab.clientMac("02:00:00:00:00:01");
            Map<String, String> ios = lab.lease(dir, udhcpc, "ios", List.of());
            assertThat(ios).containsEntry("ip", "10.213.7.12")
                    .containsEntry("tftp", "10.213.7.1")
                    .containsEntry("opt150", "0ad507010ad50702")
                    .containsEntry("siaddr", "10.213.7.1")
                    .containsEntry("bootfile", "");
            assertThat(fetch(lab, tftp, server.port(), ios.get("ip"), ios.get("siaddr"), "network-confg")).isEqualTo(networkConfg);

            // IOS-XE ZTP: option 60 "ciscopnp" gets the script URL and no TFTP options
            lab.clientMac("02:00:00:00:00:0b");
            Map<String, String> iosxe = lab.lease(dir, udhcpc, "iosxe", List.of("-V", "ciscopnp", "-O", "43"));
            assertThat(iosxe.get("ip")).startsWith("10.213.7.1");
            assertThat(iosxe).containsEntry("bootfile", "http://10.213.7.1:8080/ztp/iosxe.py")
                    .containsEntry("tftp", "").containsEntry("opt150", "")
                    // option 43 for PnP: "5A1N;B2;K4;I10.213.7.1;J80"
                    .containsEntry("opt43", HexFormat.of().formatHex("5A1N;B2;K4;I10.213.7.1;J80".getBytes(StandardCharsets.US_ASCII)));

            // the lease file the server wrote ties addresses to devices
            LeaseFile leaseFile = LeaseFile.open(leases, LeaseFileFormat.parse(format.id()));
            assertThat(leaseFile.find(InetAddress.getByName(iosxe.get("ip"))).orElseThrow().mac())
                    .isEqualTo(MacAddress.parse("02:00:00:00:00:0b"));
            if (format == DhcpServerFormat.ISC) {
                // dhcpd writes no lease for a host with a fixed-address: the reservation is the record
                assertThat(leaseFile.find(InetAddress.getByName("10.213.7.11"))).isEmpty();
                return;
            }
            Lease sw1 = leaseFile.find(InetAddress.getByName("10.213.7.11")).orElseThrow();
            assertThat(sw1.mac()).isEqualTo(MacAddress.parse("02:00:00:00:00:0a"));
            assertThat(sw1.clientId()).isEqualTo("0053414c3132333435363738");
            if (format == DhcpServerFormat.DNSMASQ) {
                // Kea keeps option 12 in the lease only when DDNS is on
                assertThat(sw1.hostname()).isEqualTo("sw1");
            }
            assertThat(leaseFile.find(InetAddress.getByName("10.213.7.12")).orElseThrow().mac())
                    .isEqualTo(MacAddress.parse("02:00:00:00:00:01"));
        }
    }


    /** Gives the client its leased address and fetches a file with tftp-hpa from inside its namespace. */
    private byte[] fetch(VethLab lab, Path tftp, int port, String clientIp, String server, String file) throws Exception {
        Processes.run(lab.inClient(List.of("ip", "addr", "flush", "dev", lab.clientInterface())));
        Processes.run(lab.inClient(List.of("ip", "addr", "add", clientIp + "/24", "dev", lab.clientInterface())));
        Path local = dir.resolve("fetched-" + file);
        Processes.Result r = Processes.runAllowingFailure(lab.inClient(List.of(tftp.toString(), "-m", "octet", server, Integer.toString(port),
                "-c", "get", file, local.toString())), 30);
        assertThat(r.exitCode()).as("tftp get %s: %s", file, r.output()).isZero();
        return Files.readAllBytes(local);
    }
}
