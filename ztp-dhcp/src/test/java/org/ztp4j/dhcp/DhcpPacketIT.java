package org.ztp4j.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.MacAddress;
import org.ztp4j.core.SerialNumber;
import org.ztp4j.testing.ExternalTool;

/**
 * Captures what real DHCP clients send (busybox udhcpc, ISC dhclient) on a veth between two
 * network namespaces, with a Python socket bound to port 67 in the server namespace, and parses the
 * payload with {@link DhcpPacket}.
 */
class DhcpPacketIT {

    private static final String MAC = "74:26:cc:5c:91:80";
    private static final String LISTENER = String.join("\n",
            "import socket, sys",
            "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
            "s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
            "s.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)",
            "s.bind(('0.0.0.0', 67))",
            "s.settimeout(30)",
            "data, addr = s.recvfrom(4096)",
            "open(sys.argv[1] + '.tmp', 'w').write(data.hex() + '\\n')",
            "import os; os.rename(sys.argv[1] + '.tmp', sys.argv[1])",
            "");

    @TempDir
    Path dir;

    @Test
    void parsesAPoapStyleDiscoverThatUdhcpcSends() throws Exception {
        Path udhcpc = ExternalTool.require("udhcpc", "udhcpc");
        DhcpPacket p = capture(lab -> List.of(udhcpc.toString(), "-i", lab.clientInterface(), "-f", "-n", "-q", "-t", "20", "-T", "1",
                "-s", "/bin/true", "-x", "hostname:sw1", "-V", "Cisco N9K-C93180YC-EX",
                "-x", "0x3d:0053414c3132333435363738", "-x", "0x4d:0a436973636f2d504f4150"));
        assertThat(p.messageType()).contains(DhcpMessageType.DISCOVER);
        assertThat(p.mac()).contains(MacAddress.parse(MAC));
        assertThat(p.hostName()).contains("sw1");
        assertThat(p.vendorClass()).contains("Cisco N9K-C93180YC-EX");
        assertThat(p.userClasses()).containsExactly("Cisco-POAP");
        assertThat(p.clientIdentifier().flatMap(ClientIdentifier::serial)).contains(SerialNumber.of("SAL12345678"));
        assertThat(p.identity().serial()).isEqualTo(SerialNumber.of("SAL12345678"));
    }

    @Test
    void parsesAnIosXeStyleDiscoverThatDhclientSends() throws Exception {
        Path dhclient = ExternalTool.require("dhclient", "isc-dhcp-client");
        Path conf = dir.resolve("dhclient.conf");
        Files.writeString(conf, "send vendor-class-identifier \"ciscopnp\";\n"
                + "send dhcp-client-identifier \"\\000cisco-7426.cc5c.9180-Gi0/0\";\n"
                + "send host-name \"sw2\";\n");
        DhcpPacket p = capture(lab -> List.of("timeout", "20", dhclient.toString(), "-1", "-d", "-cf", conf.toString(),
                "-lf", dir.resolve("dhclient.leases").toString(), "-pf", dir.resolve("dhclient.pid").toString(),
                "-sf", "/bin/true", lab.clientInterface()));
        assertThat(p.messageType()).contains(DhcpMessageType.DISCOVER);
        assertThat(p.mac()).contains(MacAddress.parse(MAC));
        assertThat(p.vendorClass()).contains("ciscopnp");
        assertThat(p.hostName()).contains("sw2");
        ClientIdentifier id = p.clientIdentifier().orElseThrow();
        assertThat(id.mac()).contains(MacAddress.parse(MAC));
        assertThat(id.interfaceName()).contains("Gi0/0");
        assertThat(id.serial()).isEmpty();
    }

    private interface ClientCommand {
        List<String> command(VethLab lab);
    }

    private DhcpPacket capture(ClientCommand client) throws Exception {
        Path python = ExternalTool.require("python3", "python3");
        Path listener = dir.resolve("listen.py");
        Files.writeString(listener, LISTENER);
        Path out = dir.resolve("payload.hex");
        try (VethLab lab = VethLab.create(true)) {
            lab.clientMac(MAC);
            lab.start(lab.inServer(List.of(python.toString(), listener.toString(), out.toString())), dir.resolve("listener.log"));
            Process c = lab.start(lab.inClient(client.command(lab)), dir.resolve("client.log"));
            // the client repeats its DISCOVER; the listener may start a moment later than the client
            boolean captured = VethLab.awaitFile(out, 30);
            c.destroy();
            assertThat(captured).as("no DHCP payload captured; client log:%n%s", Files.readString(dir.resolve("client.log"))).isTrue();
        }
        byte[] payload = HexFormat.of().parseHex(Files.readString(out, StandardCharsets.US_ASCII).strip());
        return DhcpPacket.parse(payload);
    }
}
