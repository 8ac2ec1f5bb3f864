package org.ztp4j.examples.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.server.Provisioning;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;
import org.ztp4j.tftp.TftpServer;

/** The embedding examples the README shows, run for real against curl. */
class EmbeddingExamplesIT {

    @TempDir
    Path dir;

    @Test
    void customFileProviderServesPerClientConfigsAndImages() throws Exception {
        ExternalTool.require("curl", "curl");
        Files.writeString(dir.resolve("image.bin"), "IMAGE");
        try (TftpServer server = CustomFileProviderExample.start(dir, 0, Map.of("127.0.0.1", "lab-switch-1"))) {
            String base = "tftp://127.0.0.1:" + server.port() + "/";
            assertThat(curl(base + "whoami.cfg")).isEqualTo("hostname lab-switch-1\n");
            assertThat(curl(base + "image.bin")).isEqualTo("IMAGE");
            assertThat(curl(base + "missing.bin")).isEmpty();
        }
    }

    @Test
    void embeddedProvisioningServesTheDay0AndTellsTheApplication() throws Exception {
        ExternalTool.require("curl", "curl");
        List<String> onboarded = new CopyOnWriteArrayList<>();
        try (Provisioning ztp = EmbeddedProvisioningExample.start(0, 0, onboarded::add)) {
            String config = curl("tftp://127.0.0.1:" + ztp.tftpAddress().getPort() + "/conf.SAL2001XYZ");
            assertThat(config).contains("hostname leaf201").contains("ip address 192.0.2.201/24");
            assertThat(onboarded).containsExactly("leaf201");
            assertThat(ztp.bootOffer("nxos").bootfile()).isEqualTo("poap.py");
        }
    }

    private static String curl(String url) {
        return Processes.runAllowingFailure(Path.of("."), 30, "curl", "-s", url).stdout();
    }
}
