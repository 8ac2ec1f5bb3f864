package org.ztp4j.tftp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class StreamBlockSourceTest {

    private static String block(BlockSource s, long n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16);
        int len = s.read(n, b);
        return new String(b.array(), 0, len, java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Test
    void readsBlocksInOrderAndRepeatsAnyOfTheLastWindow() throws IOException {
        try (BlockSource s = new StreamBlockSource(new ByteArrayInputStream("aaaabbbbccccdd".getBytes()), 4, 2, -1)) {
            assertThat(block(s, 1)).isEqualTo("aaaa");
            assertThat(block(s, 2)).isEqualTo("bbbb");
            assertThat(block(s, 1)).isEqualTo("aaaa");
            assertThat(block(s, 3)).isEqualTo("cccc");
            assertThat(block(s, 2)).isEqualTo("bbbb");
            assertThat(block(s, 4)).isEqualTo("dd");
            assertThat(block(s, 5)).isEmpty();
            assertThatThrownBy(() -> block(s, 2)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> block(s, 9)).isInstanceOf(IllegalStateException.class);
        }
    }
}
