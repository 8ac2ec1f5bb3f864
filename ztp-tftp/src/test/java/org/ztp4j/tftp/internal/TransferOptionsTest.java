package org.ztp4j.tftp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransferOptionsTest {

    private static Map<String, String> options(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void withoutOptionsTheTransferIsPlainRfc1350() {
        TransferOptions o = TransferOptions.negotiate(Map.of(), false, 100, 65464, 64, Integer.MAX_VALUE);
        assertThat(o.blockSize()).isEqualTo(512);
        assertThat(o.windowSize()).isEqualTo(1);
        assertThat(o.acknowledged()).isEmpty();
    }

    @Test
    void clampsBlockSizeToTheServersMaximumAndReportsTheClampedValue() {
        TransferOptions o = TransferOptions.negotiate(options("blksize", "65464"), false, -1, 1468, 64, Integer.MAX_VALUE);
        assertThat(o.blockSize()).isEqualTo(1468);
        assertThat(o.acknowledged()).containsExactly(entry("blksize", "1468"));
        assertThat(TransferOptions.negotiate(options("blksize", "99999"), false, -1, 65464, 64, Integer.MAX_VALUE).blockSize()).isEqualTo(65464);
    }

    @Test
    void ignoresBlockSizesBelow8AndValuesThatAreNotNumbers() {
        assertThat(TransferOptions.negotiate(options("blksize", "7"), false, -1, 65464, 64, Integer.MAX_VALUE).acknowledged()).isEmpty();
        assertThat(TransferOptions.negotiate(options("blksize", "12a"), false, -1, 65464, 64, Integer.MAX_VALUE).acknowledged()).isEmpty();
        assertThat(TransferOptions.negotiate(options("blksize", ""), false, -1, 65464, 64, Integer.MAX_VALUE).acknowledged()).isEmpty();
        assertThat(TransferOptions.negotiate(options("blksize", "-8"), false, -1, 65464, 64, Integer.MAX_VALUE).acknowledged()).isEmpty();
    }

    @Test
    void clampsWindowSizeAndIgnoresOutOfRangeWindows() {
        assertThat(TransferOptions.negotiate(options("windowsize", "1000"), false, -1, 512, 64, Integer.MAX_VALUE).windowSize()).isEqualTo(64);
        assertThat(TransferOptions.negotiate(options("windowsize", "1000"), false, -1, 512, 64, Integer.MAX_VALUE).acknowledged())
                .containsExactly(entry("windowsize", "64"));
        assertThat(TransferOptions.negotiate(options("windowsize", "0"), false, -1, 512, 64, Integer.MAX_VALUE).acknowledged()).isEmpty();
        assertThat(TransferOptions.negotiate(options("windowsize", "65536"), false, -1, 512, 64, Integer.MAX_VALUE).acknowledged()).isEmpty();
    }

    @Test
    void acceptsTimeoutsFrom1To10SecondsAndIgnoresLongerOnesThatWouldHoldASessionForMinutes() {
        assertThat(TransferOptions.negotiate(options("timeout", "3"), false, -1, 512, 64, Integer.MAX_VALUE).timeoutSeconds()).isEqualTo(3);
        assertThat(TransferOptions.negotiate(options("timeout", "10"), false, -1, 512, 64, Integer.MAX_VALUE).acknowledged())
                .containsEntry("timeout", "10");
        TransferOptions held = TransferOptions.negotiate(options("timeout", "255"), false, -1, 512, 64, Integer.MAX_VALUE);
        assertThat(held.acknowledged()).as("RFC 2349: not acknowledged, so the client knows").isEmpty();
        assertThat(held.timeoutSeconds()).as("the server's own timeout and back-off").isZero();
        assertThat(TransferOptions.negotiate(options("timeout", "0"), false, -1, 512, 64, Integer.MAX_VALUE).acknowledged()).isEmpty();
        assertThat(TransferOptions.negotiate(options("timeout", "256"), false, -1, 512, 64, Integer.MAX_VALUE).acknowledged()).isEmpty();
    }

    @Test
    void answersTsizeOfAReadWithTheSizeWhenKnownAndOmitsItOtherwise() {
        assertThat(TransferOptions.negotiate(options("tsize", "0"), false, 12345, 512, 64, Integer.MAX_VALUE).acknowledged())
                .containsExactly(entry("tsize", "12345"));
        assertThat(TransferOptions.negotiate(options("tsize", "0"), false, -1, 512, 64, Integer.MAX_VALUE).acknowledged()).isEmpty();
    }

    @Test
    void echoesTsizeOfAWriteAndKeepsIt() {
        TransferOptions o = TransferOptions.negotiate(options("tsize", "777"), true, -1, 512, 64, Integer.MAX_VALUE);
        assertThat(o.transferSize()).isEqualTo(777);
        assertThat(o.acknowledged()).containsExactly(entry("tsize", "777"));
    }

    @Test
    void ignoresUnknownOptionsAndKeepsTheClientsOrder() {
        TransferOptions o = TransferOptions.negotiate(
                options("tsize", "0", "multicast", "", "windowsize", "4", "blksize", "1468", "x-vendor", "1"),
                false, 10, 65464, 64, Integer.MAX_VALUE);
        assertThat(o.acknowledged()).containsExactly(entry("tsize", "10"), entry("windowsize", "4"), entry("blksize", "1468"));
    }

    @Test
    void refusesImpossibleValuesNamingThem() {
        assertThatThrownBy(() -> new TransferOptions(4, 1, 0, -1, Map.of())).hasMessageContaining("blksize 4");
        assertThatThrownBy(() -> new TransferOptions(512, 0, 0, -1, Map.of())).hasMessageContaining("windowsize 0");
    }

    @Test
    void cutsTheWindowToTheByteBudgetWhateverTheOrderOfTheOptions() {
        assertThat(TransferOptions.negotiate(options("windowsize", "64", "blksize", "8192"), false, -1, 65464, 64, 65536)
                .acknowledged()).containsExactly(entry("windowsize", "8"), entry("blksize", "8192"));
        assertThat(TransferOptions.negotiate(options("blksize", "1468", "windowsize", "64"), false, -1, 65464, 64, 65536)
                .windowSize()).isEqualTo(44);
        assertThat(TransferOptions.negotiate(options("blksize", "65464", "windowsize", "4"), false, -1, 65464, 64, 65536)
                .windowSize()).as("two blocks at least, whatever the budget").isEqualTo(2);
        assertThat(TransferOptions.negotiate(options("blksize", "65464", "windowsize", "4"), false, -1, 65464, 64, 1)
                .windowSize()).isEqualTo(2);
        assertThat(TransferOptions.negotiate(options("blksize", "65464", "windowsize", "1"), false, -1, 65464, 64, 65536)
                .windowSize()).as("lockstep asked, lockstep granted").isEqualTo(1);
        assertThat(TransferOptions.negotiate(options("blksize", "65464", "windowsize", "4"), false, -1, 65464, 1, 65536)
                .windowSize()).as("maxWindowSize 1 is lockstep").isEqualTo(1);
        assertThat(TransferOptions.negotiate(options("windowsize", "16"), false, -1, 65464, 64, 65536)
                .windowSize()).isEqualTo(16);
    }
}
