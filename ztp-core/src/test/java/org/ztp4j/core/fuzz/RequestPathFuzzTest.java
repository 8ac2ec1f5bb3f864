package org.ztp4j.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.FileRequest;
import org.ztp4j.core.Protocol;
import org.ztp4j.core.RejectedPathException;
import org.ztp4j.core.RequestPath;
import org.ztp4j.core.files.DirectoryFileProvider;

class RequestPathFuzzTest {

    static final String[] PATH_TOKENS = {"..", "../", "/..", "./", "/", "//", "\\", "..\\", "C:", "c:/", "%2e%2e%2f",
        "%2f", "%5c", "\u0000", "\n", "\u007f", "\u2024", "\u2025", "\uFF0E", "\uFF0F", "\u2215", "\uFE52", ".%00",
        "~", "~root", "$HOME", "*", "?", "poap.py", "conf.SAL1", "images/", "etc/passwd", "\u0085", "\u2028"};

    static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);

    @TempDir
    Path tmp;

    @Test
    void everyAcceptedPathResolvesUnderTheRoot() {
        Path root = Path.of("/srv/ztp");
        long ran = Fuzzer.target("request-path")
                .allow(RejectedPathException.class)
                .dictionary(PATH_TOKENS)
                .maxLength(RequestPath.MAX_LENGTH + 64)
                .run(input -> {
                    String raw = new String(input, StandardCharsets.UTF_8);
                    RequestPath p = RequestPath.parse(raw);
                    Path resolved = p.resolveUnder(root);
                    assertThat(resolved.normalize().startsWith(root)).as("'%s' resolves to %s, under %s", raw, resolved, root).isTrue();
                    assertThat(resolved.normalize()).isNotEqualTo(root);
                    assertThat(p.segments()).doesNotContain("", ".", "..");
                    assertThat(RequestPath.parse(p.toString())).as("parse is stable").isEqualTo(p);
                });
        assertThat(ran).isGreaterThan(1000);
    }

    @Test
    void directoryProviderServesOnlyFilesBelowItsRoot() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.writeString(root.resolve("poap.py"), "inside\n");
        Files.createDirectories(root.resolve("images"));
        Files.writeString(root.resolve("images/nxos.bin"), "image\n");
        Files.writeString(tmp.resolve("secret.txt"), "outside\n");
        Files.createSymbolicLink(root.resolve("leak"), tmp.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("up"), tmp);
        DirectoryFileProvider provider = new DirectoryFileProvider(root);
        Path realRoot = root.toRealPath();
        long ran = Fuzzer.target("request-path")
                .allow(RejectedPathException.class)
                .dictionary(PATH_TOKENS)
                .dictionary("leak", "up/", "up/secret.txt", "up/root/poap.py", "images/nxos.bin")
                .iterations(20_000)
                .run(input -> {
                    String raw = new String(input, StandardCharsets.UTF_8);
                    var found = provider.open(new FileRequest(raw, CLIENT, Protocol.TFTP, null));
                    if (found.isPresent()) {
                        try (var in = found.get().openStream()) {
                            String content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                            assertThat(content).as("'%s'", raw).isIn("inside\n", "image\n");
                        }
                        assertThat(RequestPath.parse(raw).resolveUnder(realRoot).toRealPath().startsWith(realRoot)).as("'%s'", raw).isTrue();
                    }
                });
        assertThat(ran).isGreaterThan(1000);
    }
}
