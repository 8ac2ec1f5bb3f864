package org.ztp4j.core.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ztp4j.core.files.DirectoryFileProviderTest.read;
import static org.ztp4j.core.files.DirectoryFileProviderTest.request;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.FileProvider;
import org.ztp4j.core.RejectedPathException;

class FileProvidersTest {

    @Test
    void theFirstProviderThatHasTheFileServesIt() throws Exception {
        FileProvider chain = FileProviders.chain(
                new InMemoryFileProvider().put("a.cfg", bytes("first")),
                new InMemoryFileProvider().put("a.cfg", bytes("second")).put("b.cfg", bytes("b")));
        assertThat(read(chain.open(request("a.cfg")))).isEqualTo("first");
        assertThat(read(chain.open(request("b.cfg")))).isEqualTo("b");
        assertThat(chain.open(request("c.cfg"))).isEmpty();
    }

    @Test
    void aRefusedPathEndsTheChain() {
        AtomicBoolean asked = new AtomicBoolean();
        FileProvider chain = FileProviders.chain(new InMemoryFileProvider(), r -> {
            asked.set(true);
            return java.util.Optional.empty();
        });
        assertThatThrownBy(() -> chain.open(request("../x"))).isInstanceOf(RejectedPathException.class);
        assertThat(asked).isFalse();
    }

    @Test
    void inMemoryFilesCanBeReplacedAndRemoved() throws Exception {
        InMemoryFileProvider mem = new InMemoryFileProvider().put("/x.cfg", bytes("1"));
        assertThat(read(mem.open(request("x.cfg")))).isEqualTo("1");
        mem.put("x.cfg", bytes("2"));
        assertThat(read(mem.open(request("/x.cfg")))).isEqualTo("2");
        assertThat(mem.remove("x.cfg")).isTrue();
        assertThat(mem.open(request("x.cfg"))).isEmpty();
        assertThatThrownBy(() -> mem.put("../x", bytes("1"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void classpathProviderServesBundledFilesAndNotFolders() throws Exception {
        ClasspathFileProvider cp = new ClasspathFileProvider("org/ztp4j/core/files/", getClass().getClassLoader());
        assertThat(read(cp.open(request("bundled.txt")))).isEqualTo("bundled\n");
        assertThat(cp.open(request("bundled.txt")).get().size()).hasValue(8);
        assertThat(cp.open(request("missing.txt"))).isEmpty();
        ClasspathFileProvider parent = new ClasspathFileProvider("org/ztp4j/core/", getClass().getClassLoader());
        assertThat(parent.open(request("files"))).isEmpty();
        assertThatThrownBy(() -> cp.open(request("../files/bundled.txt"))).isInstanceOf(RejectedPathException.class);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
