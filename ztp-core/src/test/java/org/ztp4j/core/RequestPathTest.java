package org.ztp4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestPathTest {

    @ParameterizedTest
    @CsvSource({"poap.py,poap.py", "/poap.py,poap.py", "images/nxos.bin,images/nxos.bin", "conf.SAL1,conf.SAL1",
            "..hidden,..hidden", "a..b,a..b"})
    void acceptsPlainRelativePathsAndOneLeadingSlash(String raw, String normal) throws Exception {
        assertThat(RequestPath.parse(raw).toString()).isEqualTo(normal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "..", "../etc/passwd", "/../etc/passwd", "a/../../etc/passwd", "a/./b", "./a",
            "//etc/passwd", "a//b", "a/", "..\\etc\\passwd", "a\\b", "C:/Windows", "c:boot.ini", "a\u0000b",
            "a\nb", "a\u007fb"})
    void refusesEveryEscapeSpelling(String raw) {
        assertThatThrownBy(() -> RequestPath.parse(raw)).isInstanceOf(RejectedPathException.class)
                .hasMessageContaining("refused");
    }

    @ParameterizedTest
    @ValueSource(ints = {1025, 70000})
    void refusesOverlongPaths(int length) {
        assertThatThrownBy(() -> RequestPath.parse("a".repeat(length))).hasMessageContaining("longer than 1024");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "x\r\n"})
    void messagesShowControlCharactersEscaped(String raw) {
        assertThatThrownBy(() -> RequestPath.parse(raw)).hasMessageContaining("\\x").hasMessageNotContaining("\u0000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b/c.cfg"})
    void resolvesLexicallyInsideTheRoot(String raw) throws Exception {
        Path root = Path.of("/srv/ztp");
        Path resolved = RequestPath.parse(raw).resolveUnder(root);
        assertThat(resolved).isEqualTo(Path.of("/srv/ztp/a/b/c.cfg"));
        assertThat(resolved.startsWith(root)).isTrue();
    }
}
