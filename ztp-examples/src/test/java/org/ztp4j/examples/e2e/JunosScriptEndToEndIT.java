package org.ztp4j.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.testkit.DeviceHost;
import org.ztp4j.testkit.EmulatedDevice;

/**
 * Junos in script mode end to end, against the built jar, in a network namespace: {@code ztp serve
 * --set junos.ztp-file=script} with the DHCP server's leases (so day-0 access is by lease), dnsmasq
 * serving what {@code ztp dhcp --set junos.ztp-file=script} wrote, busybox udhcpc leasing with
 * Junos's vendor class, and the emulated device running the script option 43 names across the veth:
 * its day-0 by serial goes only to its leased address, its image is checked against the server's
 * MD5 before it is installed, and its report makes the status API show it reachable (nothing
 * answers the probe in the namespace). Needs root (network namespaces); elsewhere it is skipped, and
 * fails under {@code CI=true}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JunosScriptEndToEndIT {

    private static final String INVENTORY = """
            hostname,serial,mac,platform,mgmt_address,mgmt_gateway
            e2e-qfx2,WS3718352E2E,02:13:09:00:00:31,junos,10.213.9.31/24,10.213.9.1
            """;
    private static final String IMAGE = "junos-arm-32-23.4R2.13.tgz";

    @TempDir
    static Path dir;

    private ServeLab lab;

    @BeforeAll
    void start() throws IOException {
        Files.createDirectories(dir.resolve("root"));
        Files.writeString(dir.resolve("root").resolve(IMAGE), "emulated Junos image 23.4R2.13\n".repeat(2000), StandardCharsets.UTF_8);
        lab = ServeLab.startInNamespace(dir, "the Junos script end-to-end test", Files.writeString(dir.resolve("inventory.csv"), INVENTORY), 0,
                List.of("--leases", DeviceNetwork.leaseFile(dir).toString(), "--lease-format", "dnsmasq",
                        "--set", "junos.ztp-file=script", "--set", "junos.image=" + IMAGE,
                        "--var", "admin_user=e2e-admin", "--var", "admin_password=E2e-Run-k2m5"));
    }

    @AfterAll
    void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void aJunosDeviceRunsTheScriptOption43NamesInstallsTheCheckedImageCommitsAndReports() throws Exception {
        Map<String, String> lease = lab.lease("junos-script", "junos", "02:13:09:00:00:31",
                List.of("-V", "Juniper-qfx5120-48y-8c-WS3718352E2E", "-O", "43", "-O", "66"),
                "--set", "junos.ztp-file=script", "--set", "junos.image=" + IMAGE);
        assertThat(lease).containsEntry("ip", "10.213.9.31").containsEntry("opt150", "0ad50901");
        byte[] option43 = HexFormat.of().parseHex(lease.get("opt43"));
        assertThat(new String(option43, StandardCharsets.US_ASCII)).contains("junos/ztp.sh", "tftp").doesNotContain(IMAGE);
        DeviceHost where = lab.network().configure(lease.get("ip"));
        EmulatedDevice qfx = EmulatedDevice.create(dir, EmulatedDevice.Kind.JUNOS);

        EmulatedDevice.Run run = qfx.junosZtp("10.213.9.1", lease.get("tftp"), option43, lab.tftpPort(),
                Map.of("EMULATOR_SERIAL", "WS3718352E2E"), where);

        assertThat(run.exitCode()).as("Junos ZTP:%n%s%n%s", run.output(), lab.server().output()).isZero();
        assertThat(qfx.commands()).containsSubsequence(
                "junos fetch tftp://10.213.9.1:" + lab.tftpPort() + "/junos/ztp.sh",
                "junos script #!/bin/sh ztp-config",
                "junos cli file checksum md5 " + qfx.flash().resolve(IMAGE),
                "junos cli request system software add " + qfx.flash().resolve(IMAGE) + " no-validate",
                "junos commit complete",
                "junos cli request system reboot",
                "junos script exit 0");
        assertThat(qfx.file("junos-state")).startsWith("host-name e2e-qfx2\ninterface em0.0 10.213.9.31/24\n");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!"REACHABLE".equals(lab.device("e2e-qfx2").get("state")) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(lab.device("e2e-qfx2")).as("reported by the script").containsEntry("state", "REACHABLE");
    }
}
