package org.ztp4j.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointResponseTest {

    @Test
    void framingAndConnectionHeadersAreTheServersNotTheEndpoints() {
        for (String name : List.of("Content-Length", "transfer-encoding", "Connection", "Keep-Alive", "Upgrade")) {
            assertThatThrownBy(() -> EndpointResponse.text(200, "x").withHeader(name, "1"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("header " + name + ": the server sets it");
        }
        assertThat(EndpointResponse.text(200, "x").withHeader("Cache-Control", "no-store").headers())
                .containsEntry("Cache-Control", "no-store");
    }

    @Test
    void headerValuesWithLineBreaksAreRefusedAndTextGetsANewline() {
        assertThatThrownBy(() -> EndpointResponse.text(200, "x").withHeader("X-A", "a\r\nSet-Cookie: b"))
                .hasMessageContaining("header X-A: value must be printable");
        EndpointResponse r = EndpointResponse.text(404, "not found");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("not found\n");
        assertThat(r.headers()).containsEntry("Content-Type", "text/plain; charset=utf-8");
        assertThatThrownBy(() -> new EndpointResponse(99, Map.of(), null)).hasMessage("status 99: must be 100..599");
    }

    @Test
    void headersMatchWithoutCaseAndKeepTheirOrder() {
        HttpHeaders h = HttpHeaders.of(Map.of("CUMULUS-SERIAL", List.of("MT1"), "X-Two", List.of("a", "b")));
        assertThat(h.first("cumulus-serial")).contains("MT1");
        assertThat(h.all("x-two")).containsExactly("a", "b");
        assertThat(h.first("missing")).isEmpty();
    }
}
