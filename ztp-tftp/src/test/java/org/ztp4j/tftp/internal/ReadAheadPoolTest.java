package org.ztp4j.tftp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadAheadPoolTest {

    @Test
    void handsOutBuffersUntilTheBudgetIsSpentThenNone() {
        ReadAheadPool pool = new ReadAheadPool(200 << 10);
        List<ByteBuffer> taken = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ByteBuffer b = pool.take(64 << 10);
            assertThat(b).isNotNull();
            assertThat(b.isDirect()).isTrue();
            assertThat(b.capacity()).isEqualTo(64 << 10);
            taken.add(b);
        }
        assertThat(pool.take(64 << 10)).as("a fourth 64 KiB buffer exceeds 200 KiB").isNull();
        assertThat(pool.take(8 << 10)).as("8 KiB still fits").isNotNull();
        assertThat(pool.reserved()).isLessThanOrEqualTo(200 << 10);
        pool.give(taken.get(0));
        assertThat(pool.take(64 << 10)).as("a returned buffer is handed out again").isSameAs(taken.get(0));
    }

    @Test
    void aReturnedBufferComesBackCleared() {
        ReadAheadPool pool = new ReadAheadPool(1 << 20);
        ByteBuffer b = pool.take(32 << 10);
        b.position(100).limit(200);
        pool.give(b);
        ByteBuffer again = pool.take(32 << 10);
        assertThat(again).isSameAs(b);
        assertThat(again.position()).isZero();
        assertThat(again.limit()).isEqualTo(32 << 10);
    }

    @Test
    void idleBuffersOfAnotherSizeMakeRoomWhenTheBudgetIsFull() {
        ReadAheadPool pool = new ReadAheadPool(128 << 10);
        ByteBuffer a = pool.take(64 << 10);
        ByteBuffer b = pool.take(64 << 10);
        pool.give(a);
        pool.give(b);
        assertThat(pool.reserved()).isEqualTo(128 << 10);
        ByteBuffer c = pool.take(96 << 10);
        assertThat(c).as("two idle 64 KiB buffers are dropped for one of 96 KiB").isNotNull();
        assertThat(pool.reserved()).isEqualTo(96 << 10);
    }

    @Test
    void keepsOnlyALimitedAmountIdle() {
        ReadAheadPool pool = new ReadAheadPool(64 << 20);
        List<ByteBuffer> taken = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            taken.add(pool.take(64 << 10)); // 16 MiB in use
        }
        assertThat(pool.reserved()).isEqualTo(16 << 20);
        taken.forEach(pool::give);
        assertThat(pool.reserved()).as("idle memory kept after a burst").isEqualTo(ReadAheadPool.KEEP_IDLE_BYTES);
    }

    @Test
    void aZeroBudgetTurnsReadAheadOffAndANegativeOneIsRefused() {
        assertThat(new ReadAheadPool(0).take(1)).isNull();
        assertThatThrownBy(() -> new ReadAheadPool(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }
}
