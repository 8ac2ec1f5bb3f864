package org.ztp4j.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.ProvisioningListener;

/**
 * Keeps every event it hears, safely across server threads, for a test to look at.
 *
 * <pre>{@code
 * RecordingListener events = new RecordingListener();
 * ... Provisioning.builder().listener(events) ...
 * assertThat(events.of(ProvisioningEvent.DeviceReachable.class)).hasSize(1);
 * }</pre>
 */
public final class RecordingListener implements ProvisioningListener {

    private final List<ProvisioningEvent> events = Collections.synchronizedList(new ArrayList<>());

    /** Creates an empty recorder. */
    public RecordingListener() {
    }

    @Override
    public void onEvent(ProvisioningEvent event) {
        events.add(event);
    }

    /** @return a copy of the events so far, in the order heard */
    public List<ProvisioningEvent> all() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /**
     * @param type an event type
     * @param <T>  the type
     * @return the events of that type so far, in order
     */
    public <T extends ProvisioningEvent> List<T> of(Class<T> type) {
        return all().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Forgets every event so far. */
    public void clear() {
        events.clear();
    }
}
