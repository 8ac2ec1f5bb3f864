package org.ztp4j.server.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.ProvisioningListener;
import org.ztp4j.core.inventory.CsvInventory;
import org.ztp4j.core.status.DeviceState;
import org.ztp4j.core.status.DeviceStatus;
import org.ztp4j.core.status.DeviceStatusBoard;
import org.ztp4j.server.Provisioning;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;

/**
 * The status board, probe and page wired into the real {@link Provisioning} facade as the
 * {@code ztp serve} command wires them, with curl playing three devices, each from its own loopback
 * address: NX-OS POAP over TFTP, IOS AutoInstall over TFTP, IOS-XE ZTP over HTTP with its report.
 * Management addresses are loopback addresses too, and a listening socket on one of them stands in
 * for the NX-OS switch's SSH.
 */
class StatusBoardOnProvisioningIT {

    static final CsvInventory INVENTORY = CsvInventory.parse("loopback.csv", """
            hostname,serial,mac,platform,mgmt_address,mgmt_gateway
            leaf101,SAL1234ABCD,00:00:5e:00:53:01,nxos,127.0.0.11/8,127.0.0.1
            branch-rtr1,FTX1234ABCD,00:00:5e:00:53:02,ios,127.0.0.21/8,127.0.0.1
            access-sw1,FOC1234ABCD,00:00:5e:00:53:03,iosxe,127.0.0.31/8,127.0.0.1
            """);

    @TempDir
    Path dir;

    @Test
    void threeDevicesProvisionAndTheBoardFollowsEachToItsEnd() throws Exception {
        Path curl = ExternalTool.require("curl", "curl");
        DeviceStatusBoard board = DeviceStatusBoard.of(INVENTORY);
        StatusPage page = new StatusPage(board);
        try (ServerSocket ssh = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.11"));
             ReachabilityProbe probe = ReachabilityProbe.builder(board).inventory(INVENTORY)
                     .port(ssh.getLocalPort()).interval(Duration.ofMillis(100)).attempts(20).build()) {
            Provisioning.Builder builder = Provisioning.builder()
                    .inventory(INVENTORY)
                    .globals(Map.of("admin_user", "netops", "admin_password", Samples.SECRET, "domain_name", "example.net"))
                    .tftpPort(0).httpPort(0)
                    .listener(ProvisioningListener.all(List.of(board, probe)));
            page.routes().forEach(builder::httpEndpoint);
            try (Provisioning ztp = builder.build().start()) {
                String tftp = "tftp://127.0.0.1:" + ztp.tftpAddress().getPort() + "/";
                String http = "http://127.0.0.1:" + ztp.httpAddress().getPort() + "/";

                fetch(curl, "127.0.0.7", tftp + "poap.py");
                fetch(curl, "127.0.0.7", tftp + "conf.SAL1234ABCD.md5");
                fetch(curl, "127.0.0.7", tftp + "conf.SAL1234ABCD");

                fetch(curl, "127.0.0.8", tftp + "network-confg");
                fetch(curl, "127.0.0.8", tftp + "branch-rtr1-confg");

                fetch(curl, "127.0.0.9", http + "ztp/iosxe.py");
                fetch(curl, "127.0.0.9", http + "ztp/day0/FOC1234ABCD.cfg");
                Processes.run(dir, curl.toString(), "-sS", "--fail", "--interface", "127.0.0.9", "-X", "POST",
                        "-H", "Content-Type: application/json",
                        "-H", "ZTP4J-Device-Token: " + ztp.access().tokens().tokenFor(INVENTORY.byHostname("access-sw1").orElseThrow()),
                        "-d", "{\"status\":\"success\",\"message\":\"day-0 applied\"}",
                        http + "ztp/report/FOC1234ABCD");

                awaitBoard(board, d -> d.label().equals("leaf101") && d.state() == DeviceState.REACHABLE);
                List<DeviceStatus> all = board.snapshot();
                assertThat(all).extracting(DeviceStatus::label).containsExactly("leaf101", "branch-rtr1", "access-sw1");

                DeviceStatus leaf = all.get(0);
                assertThat(leaf.clientAddress()).isEqualTo(InetAddress.getByName("127.0.0.7"));
                assertThat(leaf.configServedAfter()).isNotNull();
                assertThat(leaf.reachableAfter()).isNotNull();
                assertThat(leaf.history()).anyMatch(l -> l.contains("served poap.py over TFTP ("))
                        .anyMatch(l -> l.contains("served conf.SAL1234ABCD over TFTP"))
                        .anyMatch(l -> l.endsWith("reachable at 127.0.0.11 (tcp/" + ssh.getLocalPort() + " open)"));

                DeviceStatus rtr = all.get(1);
                assertThat(rtr.state()).isEqualTo(DeviceState.CONFIG_SERVED);
                assertThat(rtr.lastRequest().path()).isEqualTo("branch-rtr1-confg");
                assertThat(rtr.history()).anyMatch(l -> l.contains("served network-confg"));

                DeviceStatus sw = all.get(2);
                assertThat(sw.state()).isEqualTo(DeviceState.REACHABLE);
                assertThat(sw.history()).anyMatch(l -> l.contains("script reported success: day-0 applied"))
                        .anyMatch(l -> l.contains("(reported by script)"));

                String json = Processes.run(dir, curl.toString(), "-sS", "--fail", http + "api/devices").stdout();
                assertThat(json).isEqualTo(DeviceStatusBoard.toJson(board.snapshot())).doesNotContain(Samples.SECRET);
            }
        }
    }

    private void fetch(Path curl, String from, String url) {
        Processes.run(dir, curl.toString(), "-sS", "--fail", "--interface", from, "-o", dir.resolve("out").toString(), url);
    }

    private static void awaitBoard(DeviceStatusBoard board, Predicate<DeviceStatus> condition) throws InterruptedException {
        for (int i = 0; i < 600 && board.snapshot().stream().noneMatch(condition); i++) {
            Thread.sleep(50);
        }
        assertThat(board.snapshot()).as("board after 30 s").anyMatch(condition);
    }
}
