package org.ztp4j.tftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TftpServerBuilderTest {

    @Test
    void refusesOutOfRangeSettingsNamingThem() {
        TftpServer.Builder b = TftpServer.builder();
        assertThatThrownBy(() -> b.maxBlockSize(7)).hasMessage("maxBlockSize 7: must be 8..65464");
        assertThatThrownBy(() -> b.maxBlockSize(65465)).hasMessage("maxBlockSize 65465: must be 8..65464");
        assertThatThrownBy(() -> b.maxWindowSize(0)).hasMessage("maxWindowSize 0: must be 1..65535");
        assertThatThrownBy(() -> b.retries(-1)).hasMessage("retries -1: must be 0..100");
        assertThatThrownBy(() -> b.maxSessions(0)).hasMessage("maxSessions 0: must be 1..1048576");
        assertThatThrownBy(() -> b.timeout(Duration.ofSeconds(256))).hasMessageContaining("timeout PT4M16S");
        assertThatThrownBy(() -> b.timeout(Duration.ZERO)).hasMessageContaining("must be 1 ms..255 s");
        assertThatThrownBy(() -> b.networkThreads(0)).hasMessage("networkThreads 0: must be 1..64");
        assertThatThrownBy(() -> b.networkThreads(65)).hasMessage("networkThreads 65: must be 1..64");
        assertThatThrownBy(() -> b.readAheadMemory(-1)).hasMessage("readAheadMemory -1: must be 0..1073741824");
        assertThatThrownBy(() -> b.busyPoll(Duration.ofMillis(11))).hasMessage("busyPoll PT0.011S: must be 0..10 ms");
        assertThatThrownBy(() -> b.busyPoll(Duration.ofNanos(-1))).hasMessage("busyPoll PT-0.000000001S: must be 0..10 ms");
    }

    @Test
    void needsAFileProvider() {
        assertThatThrownBy(() -> TftpServer.builder().build()).hasMessage("TFTP server needs a fileProvider");
    }

    @Test
    void startsOnPort0AndReportsTheRealPort() throws Exception {
        try (TftpServer server = TftpServer.builder()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .fileProvider(request -> Optional.empty())
                .build()) {
            assertThatThrownBy(server::port).hasMessage("TFTP server not started");
            server.start();
            assertThat(server.port()).isPositive();
            assertThat(server.localAddress().getAddress()).isEqualTo(InetAddress.getLoopbackAddress());
            assertThat(server.activeTransfers()).isZero();
        }
    }

    @Test
    void aPortInUseFailsStartAndCloseStillWorks() throws Exception {
        try (TftpServer first = TftpServer.builder()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .fileProvider(request -> Optional.empty())
                .build()
                .start()) {
            TftpServer second = TftpServer.builder().bind(first.localAddress()).fileProvider(request -> Optional.empty()).build();
            assertThatThrownBy(second::start).isInstanceOf(java.net.BindException.class)
                    .hasMessageStartingWith("cannot bind the TFTP server to 127.0.0.1 port " + first.port() + ": ");
            second.close(); // nothing was started: nothing to release, and no error
            assertThatThrownBy(second::port).hasMessage("TFTP server not started");
            assertThat(first.activeTransfers()).isZero();
        }
    }
}
