package org.ztp4j.tftp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BlockNumbersTest {

    @Test
    void wireNumbersWrapFrom65535To0() {
        assertThat(BlockNumbers.wire(1)).isEqualTo(1);
        assertThat(BlockNumbers.wire(65535)).isEqualTo(65535);
        assertThat(BlockNumbers.wire(65536)).isEqualTo(0);
        assertThat(BlockNumbers.wire(65537)).isEqualTo(1);
        assertThat(BlockNumbers.wire(3L * 65536 + 7)).isEqualTo(7);
    }

    @Test
    void aFileOf33MiBAt512BytesNeedsMoreBlocksThanTheWireCanCount() {
        long size = 33L * 1024 * 1024 + 100;
        long blocks = size / 512 + 1;
        assertThat(blocks).isEqualTo(67585);
        assertThat(BlockNumbers.wire(blocks)).isEqualTo(67585 - 65536);
    }

    @Test
    void resolvesAcksAcrossTheWrap() {
        // window of 4 sent: blocks 65534..65537 (wire 65534, 65535, 0, 1), base 65534
        assertThat(BlockNumbers.resolve(0, 65533, 65537)).isEqualTo(65536);
        assertThat(BlockNumbers.resolve(1, 65533, 65537)).isEqualTo(65537);
        assertThat(BlockNumbers.resolve(65535, 65533, 65537)).isEqualTo(65535);
        assertThat(BlockNumbers.resolve(65533, 65533, 65537)).isEqualTo(65533);
    }

    @Test
    void aNumberOutsideTheRangeResolvesToNothing() {
        assertThat(BlockNumbers.resolve(2, 65533, 65537)).isEqualTo(-1);
        assertThat(BlockNumbers.resolve(100, 10, 20)).isEqualTo(-1);
        assertThat(BlockNumbers.resolve(9, 10, 20)).isEqualTo(-1);
    }

    @Test
    void block0IsTheOptionAck() {
        assertThat(BlockNumbers.resolve(0, -1, 0)).isEqualTo(0);
        assertThat(BlockNumbers.resolve(65535, -1, 0)).isEqualTo(-1);
    }
}
