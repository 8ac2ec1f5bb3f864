package org.ztp4j.testkit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.server.Provisioning;
import org.ztp4j.testkit.SampleInventory;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;

/** The facade over real servers: user templates first, images from the root, edits picked up on reload. */
class ProvisioningIT {

    @TempDir
    Path tmp;

    private String curl(String url) {
        return Processes.run(tmp, ExternalTool.require("curl", "curl").toString(), "-sSf", url).stdout();
    }

    @Test
    void servesUserTemplatesAndRootFilesOverTftpAndHttpAndRereadsEditedTemplates() throws IOException {
        Path templates = Files.createDirectories(tmp.resolve("templates/nxos"));
        Files.writeString(templates.resolve("day0.cfg"), "hostname {{hostname}}\n! v1\n");
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.writeString(root.resolve("readme.txt"), "plain file\n");
        try (Provisioning ztp = Provisioning.builder()
                .inventory(SampleInventory.inventory()).globals(SampleInventory.GLOBALS)
                .templates(tmp.resolve("templates")).root(root)
                .tftpPort(0).httpPort(0)
                .build().start()) {
            String http = "http://127.0.0.1:" + ztp.httpAddress().getPort();
            String tftp = "tftp://127.0.0.1:" + ztp.tftpAddress().getPort();
            assertThat(curl(http + "/conf.SAL1234ABCD")).isEqualTo("hostname leaf1\n! v1\n");
            assertThat(curl(tftp + "/conf.SAL1234ABCD")).isEqualTo("hostname leaf1\n! v1\n");
            assertThat(curl(http + "/readme.txt")).isEqualTo("plain file\n");
            // the sidecar is byte for byte what coreutils' md5sum prints
            String md5sum = Processes.run(root, ExternalTool.require("md5sum", "coreutils").toString(), "readme.txt").stdout();
            assertThat(curl(tftp + "/readme.txt.md5")).isEqualTo(md5sum);

            Files.writeString(templates.resolve("day0.cfg"), "hostname {{hostname}}\n! v2\n");
            ztp.reloadTemplates();
            assertThat(curl(http + "/conf.SAL1234ABCD")).isEqualTo("hostname leaf1\n! v2\n");
        }
    }
}
