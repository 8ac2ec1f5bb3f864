package org.ztp4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProvisioningListenerTest {

    @Test
    void aFailingListenerDoesNotKeepTheEventFromTheOthers() {
        List<ProvisioningEvent> got = new ArrayList<>();
        ProvisioningListener all = ProvisioningListener.all(List.of(
                e -> { throw new IllegalStateException("boom"); }, got::add));
        ProvisioningEvent e = new ProvisioningEvent.DeviceReported(Instant.now(), DeviceIdentity.unknown(), true, "ok");
        all.onEvent(e);
        assertThat(got).containsExactly(e);
    }
}
