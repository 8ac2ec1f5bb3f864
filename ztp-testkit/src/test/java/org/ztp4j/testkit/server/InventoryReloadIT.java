package org.ztp4j.testkit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.inventory.CsvInventory;
import org.ztp4j.server.Provisioning;
import org.ztp4j.testing.Eventually;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;
import org.ztp4j.testkit.SampleInventory;

/**
 * A reloaded inventory is checked as at start before it replaces the one served: a file with a
 * device that cannot be served is refused whole, the last good one stays, and the fixed file is
 * taken.
 */
class InventoryReloadIT {

    private static final String HEADER = "hostname,serial,platform,mgmt_address,mgmt_gateway\n";
    private static final String LEAF1 = "leaf1,SAL1111AAAA,nxos,192.0.2.11/24,192.0.2.1\n";
    private static final String LEAF2 = "leaf2,SAL2222BBBB,nxos,192.0.2.12/24,192.0.2.1\n";

    @TempDir
    Path tmp;

    @Test
    void aReloadWithAnUnservableDeviceKeepsTheLastGoodInventory() throws Exception {
        Path csv = tmp.resolve("devices.csv");
        write(csv, HEADER + LEAF1, 0);
        try (Provisioning ztp = Provisioning.builder().inventory(CsvInventory.load(csv)).globals(SampleInventory.GLOBALS)
                .tftpPort(0).httpPort(0).reachabilityProbe(false).watchForChanges(Duration.ofMillis(100)).build().start()) {
            String base = "tftp://127.0.0.1:" + ztp.tftpAddress().getPort() + "/";
            assertThat(fetch(base + "conf.SAL1111AAAA")).contains("hostname leaf1");

            write(csv, HEADER + LEAF1 + LEAF2 + "edge3,JPE3333CCCC,acme,192.0.2.13/24,192.0.2.1\n", 10);
            Thread.sleep(1000); // ten watch periods: long enough to have been taken, had it been good
            assertThat(ztp.inventory().devices()).hasSize(1);
            assertThat(fetch(base + "conf.SAL2222BBBB")).isEmpty();
            assertThat(fetch(base + "conf.SAL1111AAAA")).contains("hostname leaf1");

            write(csv, HEADER + LEAF1 + LEAF2, 20);
            assertThat(Eventually.eventually(() -> ztp.inventory().devices().size() == 2)).isTrue();
            assertThat(fetch(base + "conf.SAL2222BBBB")).contains("hostname leaf2");
        }
    }

    /** Writes a file with a modification time of its own, so a change within one clock tick is seen. */
    private static void write(Path file, String text, int seconds) throws Exception {
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(seconds)));
    }

    private String fetch(String url) {
        Processes.Result r = Processes.runAllowingFailure(tmp, 30, ExternalTool.require("curl", "curl").toString(), "-s", url);
        return r.exitCode() == 0 ? r.stdout() : "";
    }
}
