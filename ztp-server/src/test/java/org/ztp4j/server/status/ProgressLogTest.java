package org.ztp4j.server.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ztp4j.server.status.Samples.bySerial;
import static org.ztp4j.server.status.Samples.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.DeviceIdentity;
import org.ztp4j.core.Protocol;
import org.ztp4j.core.ProvisioningEvent.FileServed;
import org.ztp4j.core.ProvisioningEvent.TransferProgress;

class ProgressLogTest {

    static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    static final long MIB = 1024 * 1024;
    static final DeviceIdentity LEAF = bySerial("SAL1234ABCD", "10.0.0.7");

    static TransferProgress progress(long seconds, DeviceIdentity who, String path, long sent, long total) {
        return new TransferProgress(T0.plusSeconds(seconds), who, path, Protocol.HTTP, sent, total);
    }

    @Test
    void aLineSaysFileDevicePercentAndMebibytes() {
        assertThat(ProgressLog.line(progress(0, LEAF, "images/nxos.bin", 150 * MIB, 330 * MIB)))
                .isEqualTo("nxos.bin to 10.0.0.7: 45% (150 of 330 MiB)");
        assertThat(ProgressLog.line(progress(0, LEAF, "small.bin", 300 * 1024, 600 * 1024)))
                .isEqualTo("small.bin to 10.0.0.7: 50% (300 of 600 KiB)");
        assertThat(ProgressLog.line(progress(0, LEAF, "nxos.bin", 24 * MIB, -1)))
                .isEqualTo("nxos.bin to 10.0.0.7: 24 MiB sent");
        assertThat(ProgressLog.line(progress(0, DeviceIdentity.unknown().withSerial(LEAF.serial()), "nxos.bin", 0, 10)))
                .isEqualTo("nxos.bin to SAL1234ABCD: 0% (0 of 10 B)");
    }

    @Test
    void logsEachTransferAtMostOncePerInterval() {
        List<String> lines = new ArrayList<>();
        ProgressLog log = new ProgressLog(Duration.ofSeconds(5), lines::add);
        DeviceIdentity other = bySerial("FOC1234ABCD", "10.0.0.9");
        for (int s = 0; s <= 12; s++) {
            log.onEvent(progress(s, LEAF, "nxos.bin", s * 10 * MIB, 330 * MIB));
            if (s % 6 == 0) {
                log.onEvent(progress(s, other, "cat9k.SPA.bin", s * MIB, 100 * MIB));
            }
        }
        assertThat(lines).containsExactly(
                "nxos.bin to 10.0.0.7: 0% (0 of 330 MiB)",
                "cat9k.SPA.bin to 10.0.0.9: 0% (0 of 100 MiB)",
                "nxos.bin to 10.0.0.7: 15% (50 of 330 MiB)",
                "cat9k.SPA.bin to 10.0.0.9: 6% (6 of 100 MiB)",
                "nxos.bin to 10.0.0.7: 30% (100 of 330 MiB)",
                "cat9k.SPA.bin to 10.0.0.9: 12% (12 of 100 MiB)");
    }

    @Test
    void aFinishedTransferIsForgottenSoThatTheNextOneLogsAtOnce() {
        List<String> lines = new ArrayList<>();
        ProgressLog log = new ProgressLog(Duration.ofMinutes(1), lines::add);
        log.onEvent(progress(0, LEAF, "nxos.bin", MIB, 330 * MIB));
        log.onEvent(new FileServed(T0.plusSeconds(9), LEAF, "nxos.bin", Protocol.HTTP, client(LEAF), 330 * MIB, Duration.ofSeconds(9)));
        log.onEvent(progress(10, LEAF, "nxos.bin", 2 * MIB, 330 * MIB));
        assertThat(lines).hasSize(2);
    }

    @Test
    void theIntervalMustBePositive() {
        assertThatThrownBy(() -> new ProgressLog(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("progress log interval PT0S: must be positive");
    }
}
