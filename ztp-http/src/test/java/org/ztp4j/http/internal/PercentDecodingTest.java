package org.ztp4j.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ztp4j.core.internal.LogText;
import org.ztp4j.core.RejectedPathException;
import org.ztp4j.core.RequestPath;

class PercentDecodingTest {

    @ParameterizedTest
    @CsvSource({
            "/poap.py, /poap.py",
            "/conf.FDO123%20X, /conf.FDO123 X",
            "/a+b, /a+b",
            "/%41%62c, /Abc",
            "/caf%C3%A9.cfg, /café.cfg",
            "/%252e%252e/x, /%2e%2e/x"})
    void decodesExactlyOnce(String raw, String decoded) throws Exception {
        assertThat(PercentDecoding.decodePath(raw)).isEqualTo(decoded);
    }

    @Test
    void readsRawUtf8BytesThatTheJdkServerPassesAsLatin1Characters() throws Exception {
        assertThat(PercentDecoding.decodePath("/caf\u00c3\u00a9.cfg")).isEqualTo("/café.cfg");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a%", "/a%2", "/a%zz", "/a%2g", "/%%41"})
    void refusesMalformedEscapes(String raw) {
        assertThatThrownBy(() -> PercentDecoding.decodePath(raw))
                .isInstanceOf(RejectedPathException.class)
                .hasMessageContaining("not followed by two hex digits");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a%2fb", "/%2F", "/%2e%2e%2fetc%2fpasswd"})
    void refusesEncodedSlashes(String raw) {
        assertThatThrownBy(() -> PercentDecoding.decodePath(raw))
                .isInstanceOf(RejectedPathException.class)
                .hasMessageContaining("encoded slash");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/%C3", "/%FF%FE", "/%C0%AF"})
    void refusesBytesThatAreNotUtf8(String raw) {
        assertThatThrownBy(() -> PercentDecoding.decodePath(raw))
                .isInstanceOf(RejectedPathException.class)
                .hasMessageContaining("not UTF-8");
    }

    @ParameterizedTest
    @CsvSource({
            "/%2e%2e/etc/passwd, '..' segment",
            "/../etc/passwd, '..' segment",
            "/a/%2E/b, '.' segment",
            "/..%5cwindows, backslash",
            "/poap.py%00.txt, NUL character",
            "/%0d%0aSet-Cookie, control character",
            "//etc/passwd, absolute path",
            "/C:/boot.ini, drive letter"})
    void decodedPathsThatEscapeTheRootAreRefusedByRequestPathRules(String raw, String rule) throws Exception {
        String decoded = PercentDecoding.decodePath(raw);
        assertThatThrownBy(() -> RequestPath.parse(decoded))
                .isInstanceOf(RejectedPathException.class)
                .hasMessageContaining(rule);
    }

    @Test
    void logLinesShowControlCharactersEscaped() {
        assertThat(LogText.of("/a\r\nb\u0000\u007f")).isEqualTo("/a\\x0d\\x0ab\\x00\\x7f");
        assertThat(LogText.of("x".repeat(300))).hasSize(LogText.MAX_LENGTH + 3).endsWith("...");
        assertThat(LogText.of(null)).isEqualTo("-");
    }
}
