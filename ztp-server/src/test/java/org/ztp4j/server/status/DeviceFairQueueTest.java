package org.ztp4j.server.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.DeviceIdentity;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.SerialNumber;

class DeviceFairQueueTest {

    private static ProvisioningEvent reported(String serial) {
        return new ProvisioningEvent.DeviceReported(Instant.now(),
                DeviceIdentity.unknown().withSerial(SerialNumber.of(serial)), true, "ok");
    }

    @Test
    void aFloodAboutOthersAndOneDeviceLeavesRoomForEveryOtherDeviceTakenInTurn() throws Exception {
        DeviceFairQueue q = new DeviceFairQueue(100, 16, id -> id.serial().value().startsWith("REAL"));
        for (int i = 0; i < 10_000; i++) {
            q.offer(reported("FAKE" + i)); // unknown serials: the other lane, 100 at most
        }
        int taken = 0;
        for (int i = 0; i < 1_000; i++) {
            if (q.offer(reported("REAL1"))) {
                taken++;
            }
        }
        assertThat(taken).as("one device's share").isEqualTo(16);
        assertThat(q.offer(reported("REAL2"))).isTrue();
        assertThat(q.size()).isEqualTo(100 + 16 + 1);

        List<String> order = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            order.add(q.poll(1, TimeUnit.MILLISECONDS).device().serial().value());
        }
        assertThat(order).containsExactly("REAL1", "REAL2", "REAL1");
    }
}
