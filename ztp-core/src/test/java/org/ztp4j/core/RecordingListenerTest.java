package org.ztp4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecordingListenerTest {

    private static ProvisioningEvent.DeviceReported report(String message) {
        return new ProvisioningEvent.DeviceReported(Instant.now(), DeviceIdentity.ofAddress(InetAddress.getLoopbackAddress()),
                true, message);
    }

    @Test
    void awaitReturnsAnEventHeardLaterFromAnotherThread() throws Exception {
        RecordingListener events = new RecordingListener();
        events.onEvent(report("early"));
        Thread later = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            events.onEvent(report("late"));
        });
        later.start();
        assertThat(events.await(ProvisioningEvent.DeviceReported.class, Duration.ofSeconds(30), e -> e.message().equals("late")))
                .get().extracting(ProvisioningEvent.DeviceReported::message).isEqualTo("late");
        assertThat(events.of(ProvisioningEvent.DeviceReported.class)).hasSize(2);
        later.join();
    }

    @Test
    void awaitGivesUpAfterItsTimeoutAndClearForgets() throws Exception {
        RecordingListener events = new RecordingListener();
        events.onEvent(report("only"));
        assertThat(events.await(ProvisioningEvent.DeviceReported.class, Duration.ofMillis(50), e -> false)).isEmpty();
        assertThat(events.await(ProvisioningEvent.DeviceReachable.class, Duration.ofMillis(50), e -> true)).isEmpty();
        events.clear();
        assertThat(events.all()).isEmpty();
    }
}
