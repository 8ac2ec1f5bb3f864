package org.ztp4j.platform.nxos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.FileRequest;
import org.ztp4j.core.Protocol;
import org.ztp4j.core.checksum.ChecksumAlgorithm;
import org.ztp4j.core.checksum.Checksums;
import org.ztp4j.core.checksum.PoapScript;
import org.ztp4j.platform.Fixtures;

/** The NX-OS files and their {@code .md5} sidecars agree, and the script is stamped as POAP wants. */
class NxosSidecarTest {

    @Test
    void theNxosConfigSidecarMatchesTheConfigServed() throws IOException {
        var files = new NxosPoapAdapter().files(Fixtures.context(Map.of()));
        String config = read(files, "conf.sal1234abcd");
        String sidecar = read(files, "conf.SAL1234ABCD.md5");
        assertThat(sidecar).isEqualTo(Checksums.hex(config.getBytes(StandardCharsets.UTF_8), ChecksumAlgorithm.MD5)
                + "  conf.SAL1234ABCD\n");
        assertThat(config).contains("hostname leaf1");
    }

    @Test
    void theServedPoapScriptIsStampedOnEveryRender() throws IOException {
        var files = new NxosPoapAdapter().files(Fixtures.context(Map.of()));
        byte[] script = read(files, "poap.py").getBytes(StandardCharsets.UTF_8);
        assertThat(PoapScript.verify(script).status()).isEqualTo(PoapScript.Status.OK);
        assertThat(new String(script, StandardCharsets.UTF_8).lines().skip(1).findFirst().orElseThrow())
                .matches("#md5sum=\"[0-9a-f]{32}\"");
    }

    private static String read(org.ztp4j.core.FileProvider files, String path) throws IOException {
        FileRequest request = new FileRequest(path, new InetSocketAddress(InetAddress.getLoopbackAddress(), 4000), Protocol.TFTP, null);
        try (InputStream in = files.open(request).orElseThrow().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
