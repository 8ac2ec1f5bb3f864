package org.ztp4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void quotesAndBackslashesAreEscaped() {
        assertThat(JsonWriter.quote("say \"hi\"")).isEqualTo("\"say \\\"hi\\\"\"");
        assertThat(JsonWriter.quote("C:\\tftp\\")).isEqualTo("\"C:\\\\tftp\\\\\"");
    }

    @Test
    void controlCharactersGetShortOrUnicodeEscapes() {
        assertThat(JsonWriter.quote("a\nb\rc\td\be\ff")).isEqualTo("\"a\\nb\\rc\\td\\be\\ff\"");
        assertThat(JsonWriter.quote("\u0000\u0001\u001f\u007f")).isEqualTo("\"\\u0000\\u0001\\u001f\u007f\"");
    }

    @Test
    void unicodeStaysAsItIsExceptWhatBreaksScriptsOrUtf8() {
        assertThat(JsonWriter.quote("Zürich ✓ 東京 😀")).isEqualTo("\"Zürich ✓ 東京 😀\"");
        assertThat(JsonWriter.quote("a\u2028b\u2029c")).isEqualTo("\"a\\u2028b\\u2029c\"");
        assertThat(JsonWriter.quote("lone \ud83d and \ude00")).isEqualTo("\"lone \\ud83d and \\ude00\"");
        assertThat(JsonWriter.quote("</script><b>&")).isEqualTo("\"\\u003c/script\\u003e\\u003cb\\u003e\\u0026\"");
    }

    @Test
    void commasGoBetweenMembersAndElementsAtEveryDepth() {
        String json = new JsonWriter().beginObject()
                .name("a").value(1L)
                .name("b").beginArray().value("x").value(true).nullValue().beginObject().endObject().beginArray().endArray().endArray()
                .name("c").beginObject().name("d").value((String) null).name("e").value(false).endObject()
                .endObject().toString();
        assertThat(json).isEqualTo("{\"a\":1,\"b\":[\"x\",true,null,{},[]],\"c\":{\"d\":null,\"e\":false}}");
    }
}
