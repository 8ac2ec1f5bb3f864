package org.ztp4j.http;

import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.ProvisioningListener;

/** Keeps every event; tests wait (boundedly) for the one they expect. */
final class RecordingListener implements ProvisioningListener {

    final List<ProvisioningEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(ProvisioningEvent event) {
        events.add(event);
    }

    /** Waits up to 30 s for a matching event: the server sends events after the client may have seen the last byte. */
    <T extends ProvisioningEvent> T await(Class<T> type, Predicate<T> matching) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            for (ProvisioningEvent e : events) {
                if (type.isInstance(e) && matching.test(type.cast(e))) {
                    return type.cast(e);
                }
            }
            Thread.sleep(100);
        }
        return fail("no " + type.getSimpleName() + " event matched; events: " + events);
    }

    <T extends ProvisioningEvent> List<T> all(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
