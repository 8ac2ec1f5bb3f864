package org.ztp4j.core.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.FileRequest;
import org.ztp4j.core.FileResource;
import org.ztp4j.core.Protocol;

class Md5SidecarProviderTest {

    private static String read(Optional<FileResource> r) throws IOException {
        try (var in = r.orElseThrow().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static FileRequest request(String path) {
        return new FileRequest(path, new InetSocketAddress(InetAddress.getLoopbackAddress(), 1234), Protocol.TFTP, null);
    }

    @Test
    void answersTheMd5OfAnyServedFileInMd5sumFormat() throws IOException {
        // md5("hello\n") as md5sum prints it
        InMemoryFileProvider files = new InMemoryFileProvider().put("img/a.bin", "hello\n".getBytes(StandardCharsets.US_ASCII));
        Md5SidecarProvider sidecars = new Md5SidecarProvider(files);
        assertThat(read(sidecars.open(request("img/a.bin.md5")))).isEqualTo("b1946ac92492d2347c6235b4d2611184  a.bin\n");
        assertThat(sidecars.open(request("img/missing.bin.md5"))).isEmpty();
        assertThat(sidecars.open(request(".md5"))).isEmpty();
    }

    @Test
    void aRealSidecarWins() throws IOException {
        InMemoryFileProvider files = new InMemoryFileProvider()
                .put("a.bin", new byte[] {1})
                .put("a.bin.md5", "md5sum=00000000000000000000000000000000\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(read(new Md5SidecarProvider(files).open(request("a.bin.md5")))).startsWith("md5sum=0000");
    }
}
