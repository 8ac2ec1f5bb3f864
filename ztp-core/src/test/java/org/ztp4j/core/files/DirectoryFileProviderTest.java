package org.ztp4j.core.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ztp4j.core.FileRequest;
import org.ztp4j.core.FileResource;
import org.ztp4j.core.Protocol;
import org.ztp4j.core.RejectedPathException;

class DirectoryFileProviderTest {

    @TempDir
    Path tmp;
    Path root;
    DirectoryFileProvider provider;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createDirectories(tmp.resolve("root"));
        Files.writeString(root.resolve("poap.py"), "print('hi')\n");
        Files.createDirectories(root.resolve("images"));
        Files.writeString(root.resolve("images/nxos.bin"), "IMAGE");
        Files.writeString(root.resolve("Router-confg"), "hostname Router\n");
        Files.writeString(tmp.resolve("secret.txt"), "SECRET");
        Files.createSymbolicLink(root.resolve("escape"), tmp.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("escape-dir"), tmp);
        Files.createSymbolicLink(root.resolve("inside-link"), root.resolve("poap.py"));
        Files.createSymbolicLink(root.resolve("dangling"), tmp.resolve("nope"));
        provider = new DirectoryFileProvider(root);
    }

    static FileRequest request(String path) {
        return new FileRequest(path, new InetSocketAddress("127.0.0.1", 40000), Protocol.TFTP, null);
    }

    static String read(Optional<FileResource> r) throws Exception {
        try (InputStream in = r.orElseThrow().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void servesFilesBelowTheRootWithSizeAndTime() throws Exception {
        Optional<FileResource> r = provider.open(request("/poap.py"));
        assertThat(read(r)).isEqualTo("print('hi')\n");
        assertThat(r.get().size()).hasValue(12);
        assertThat(r.get().lastModified()).isPresent();
        assertThat(r.get().file()).isPresent();
        assertThat(read(provider.open(request("images/nxos.bin")))).isEqualTo("IMAGE");
    }

    @Test
    void missingFilesAndDirectoriesAreEmptyNotErrors() throws Exception {
        assertThat(provider.open(request("nope.cfg"))).isEmpty();
        assertThat(provider.open(request("images"))).isEmpty();
        assertThat(provider.open(request("dangling"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../secret.txt", "/../secret.txt", "images/../../secret.txt", "..%2fsecret.txt/..",
            "..\\secret.txt", "//" + "etc/passwd", "secret.txt\u0000.cfg", "C:/secret.txt"})
    void refusesEscapesBeforeTouchingTheDisk(String path) {
        assertThatThrownBy(() -> provider.open(request(path))).isInstanceOf(RejectedPathException.class);
    }

    @Test
    void namesThatCannotExistAreEmptyNotErrors() throws Exception {
        // Found by RequestPathFuzzTest: toRealPath threw ENOTDIR / ENAMETOOLONG, which HTTP turned into 500.
        assertThat(provider.open(request("poap.py/x"))).isEmpty();
        assertThat(provider.open(request("a".repeat(300)))).isEmpty();
        Files.createSymbolicLink(root.resolve("loop1"), root.resolve("loop2"));
        Files.createSymbolicLink(root.resolve("loop2"), root.resolve("loop1"));
        assertThat(provider.open(request("loop1"))).isEmpty();
    }

    @Test
    void refusesSymbolicLinksThatLeadOutOfTheRoot() {
        assertThatThrownBy(() -> provider.open(request("escape"))).isInstanceOf(RejectedPathException.class)
                .hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> provider.open(request("escape-dir/secret.txt"))).isInstanceOf(RejectedPathException.class);
    }

    @Test
    void servesSymbolicLinksThatStayInside() throws Exception {
        assertThat(read(provider.open(request("inside-link")))).isEqualTo("print('hi')\n");
    }

    @Test
    void matchesNamesIgnoringCaseOnlyWhenAsked() throws Exception {
        assertThat(provider.open(request("router-confg"))).isEmpty();
        DirectoryFileProvider lenient = new DirectoryFileProvider(root, true);
        assertThat(read(lenient.open(request("router-confg")))).isEqualTo("hostname Router\n");
        assertThatThrownBy(() -> lenient.open(request("ESCAPE"))).isInstanceOf(RejectedPathException.class);
    }

    @Test
    void refusesARootThatIsNotADirectory() {
        assertThatThrownBy(() -> new DirectoryFileProvider(root.resolve("poap.py"))).hasMessageContaining("not a directory");
        assertThatThrownBy(() -> new DirectoryFileProvider(root.resolve("none"))).hasMessageContaining("served root");
    }
}
