package org.ztp4j.testkit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.inventory.CsvInventory;
import org.ztp4j.server.Provisioning;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;
import org.ztp4j.core.RecordingListener;
import org.ztp4j.testkit.SampleInventory;

/**
 * The runtime tells an embedding application when a device is reachable, for platforms whose
 * devices never report back: an NX-OS switch and an IOS router fetch their day-0 over TFTP, and
 * the probe finds their "SSH" port (a local listener standing in for it) open.
 */
class DeviceReachableIT {

    @TempDir
    Path tmp;

    @Test
    void deviceReachableFiresForNxosAndIosThroughTheProbe() throws Exception {
        try (ServerSocket ssh = sshStandIn()) {
            var inventory = CsvInventory.parse("reach.csv", """
                    hostname,serial,platform,mgmt_address,mgmt_gateway
                    leaf7,SAL7777AAAA,nxos,127.0.0.7/8,127.0.0.1
                    edge8,FTX8888BBBB,ios,127.0.0.8/8,127.0.0.1
                    quiet9,SAL9999CCCC,nxos,127.0.0.9/8,127.0.0.1
                    """);
            RecordingListener events = new RecordingListener();
            try (Provisioning ztp = Provisioning.builder().inventory(inventory).globals(SampleInventory.GLOBALS)
                    .tftpPort(0).httpPort(0).listener(events)
                    .reachabilityProbe(p -> p.port(ssh.getLocalPort()).interval(Duration.ofMillis(200)))
                    .build().start()) {
                String tftp = "tftp://127.0.0.1:" + ztp.tftpAddress().getPort() + "/";
                String curl = ExternalTool.require("curl", "curl").toString();
                Processes.run(tmp, curl, "-sS", "-o", tmp.resolve("nxos.cfg").toString(), tftp + "conf.SAL7777AAAA");
                Processes.run(tmp, curl, "-sS", "-o", tmp.resolve("ios.cfg").toString(), tftp + "edge8-confg");

                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (events.of(ProvisioningEvent.DeviceReachable.class).size() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                List<ProvisioningEvent.DeviceReachable> reachable = events.of(ProvisioningEvent.DeviceReachable.class);
                assertThat(reachable).extracting(r -> r.address().getHostAddress())
                        .containsExactlyInAnyOrder("127.0.0.7", "127.0.0.8");
                assertThat(reachable).allSatisfy(r -> assertThat(r.how()).isEqualTo("tcp/" + ssh.getLocalPort() + " open"));
                // A device that fetched nothing is not probed, and the board shows who is reachable.
                assertThat(ztp.statusBoard().toJson()).contains("leaf7", "edge8");
            }
        }
    }

    @Test
    void theProbeCanBeLeftToTheApplication() throws Exception {
        try (ServerSocket ssh = sshStandIn()) {
            var inventory = CsvInventory.parse("left.csv", """
                    hostname,serial,platform,mgmt_address,mgmt_gateway
                    leaf17,SAL1717AAAA,nxos,127.0.0.17/8,127.0.0.1
                    """);
            RecordingListener probed = new RecordingListener();
            RecordingListener left = new RecordingListener();
            // The same probe settings on both; the second then turns the probe off. Were that ignored,
            // its probe would find the stand-in as the first one does.
            try (Provisioning withProbe = quickProbe(inventory, probed, ssh.getLocalPort()).build().start();
                 Provisioning withoutProbe = quickProbe(inventory, left, ssh.getLocalPort()).reachabilityProbe(false).build().start()) {
                long t0 = System.nanoTime();
                fetch(withProbe, "conf.SAL1717AAAA", "probed.cfg");
                fetch(withoutProbe, "conf.SAL1717AAAA", "left.cfg");

                long deadline = t0 + TimeUnit.SECONDS.toNanos(20);
                while (probed.of(ProvisioningEvent.DeviceReachable.class).isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(probed.of(ProvisioningEvent.DeviceReachable.class)).as("sanity: the probe finds the stand-in")
                        .extracting(r -> r.address().getHostAddress()).containsExactly("127.0.0.17");
                // As long again as the probe took, and at least five of its intervals, for the other one to be wrong.
                Thread.sleep(Math.min(Math.max(1000, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)), 3000));
                assertThat(left.of(ProvisioningEvent.FileServed.class)).extracting(ProvisioningEvent.FileServed::path)
                        .contains("conf.SAL1717AAAA");
                assertThat(left.of(ProvisioningEvent.DeviceReachable.class)).isEmpty();
            }
        }
    }

    private static Provisioning.Builder quickProbe(CsvInventory inventory, RecordingListener events, int port) {
        return Provisioning.builder().inventory(inventory).globals(SampleInventory.GLOBALS)
                .tftpPort(0).httpPort(0).listener(events)
                .reachabilityProbe(p -> p.port(port).interval(Duration.ofMillis(200)));
    }

    private void fetch(Provisioning ztp, String file, String saveAs) {
        Processes.run(tmp, ExternalTool.require("curl", "curl").toString(), "-sS", "-o", tmp.resolve(saveAs).toString(),
                "tftp://127.0.0.1:" + ztp.tftpAddress().getPort() + "/" + file);
    }

    /** A listener on every address, standing in for the devices' SSH: it greets and hangs up. */
    private static ServerSocket sshStandIn() throws IOException {
        ServerSocket ssh = new ServerSocket();
        ssh.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0));
        Thread acceptor = new Thread(() -> {
            while (!ssh.isClosed()) {
                try (Socket s = ssh.accept()) {
                    s.getOutputStream().write("SSH-2.0-stand-in\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    return;
                }
            }
        }, "ssh-stand-in");
        acceptor.setDaemon(true);
        acceptor.start();
        return ssh;
    }
}
