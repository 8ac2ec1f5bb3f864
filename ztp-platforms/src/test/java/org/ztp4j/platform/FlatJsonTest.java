package org.ztp4j.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ztp4j.platform.internal.FlatJson;

class FlatJsonTest {

    @Test
    void readsTheReportAPythonJsonDumpsWrites() {
        // json.dumps({"status": "failure", "message": "disk \"full\"\n\u00e9"}) in Python 3
        assertThat(FlatJson.parse("{\"status\": \"failure\", \"message\": \"disk \\\"full\\\"\\n\\u00e9\"}"))
                .isEqualTo(Map.of("status", "failure", "message", "disk \"full\"\n\u00e9"));
        assertThat(FlatJson.parse(" { } ")).isEmpty();
        assertThat(FlatJson.parse("{\"n\": -1.5e3, \"ok\": true, \"x\": null}"))
                .containsEntry("n", "-1.5e3").containsEntry("ok", "true").containsEntry("x", null);
    }

    @Test
    void refusesWhatIsNotAFlatObjectSayingWhere() {
        assertThatThrownBy(() -> FlatJson.parse("{\"a\": {\"b\": 1}}")).hasMessage("JSON at offset 6: nested objects and arrays are not supported");
        assertThatThrownBy(() -> FlatJson.parse("{\"a\": 1")).hasMessageContaining("unexpected end");
        assertThatThrownBy(() -> FlatJson.parse("{\"a\": yes}")).hasMessageContaining("not a JSON value: 'yes'");
        assertThatThrownBy(() -> FlatJson.parse("{\"a\": 1} x")).hasMessageContaining("text after the object");
        assertThatThrownBy(() -> FlatJson.parse("[1]")).hasMessageContaining("expected '{'");
    }
}
