package org.ztp4j.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.ProvisioningListener;

/**
 * The listener the adapters' file providers tell, which can hold back what a provider says while
 * the {@link Day0Gate} has not yet decided whether the asker may have the file: a refused request
 * leaves no {@code DeviceIdentified} or {@code ConfigRendered} behind. Holding is per thread (a
 * provider answers on the thread that asked); outside a hold, events pass straight on.
 */
final class EventHold implements ProvisioningListener {

    private final ProvisioningListener next;
    private final ThreadLocal<List<ProvisioningEvent>> held = new ThreadLocal<>();

    EventHold(ProvisioningListener next) {
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public void onEvent(ProvisioningEvent event) {
        List<ProvisioningEvent> list = held.get();
        if (list != null) {
            list.add(event);
        } else {
            next.onEvent(event);
        }
    }

    /** Holds this thread's events from now on, dropping any held before. */
    void hold() {
        held.set(new ArrayList<>());
    }

    /** Passes on what this thread held, and stops holding. */
    void release() {
        List<ProvisioningEvent> list = held.get();
        held.remove();
        if (list != null) {
            list.forEach(next::onEvent);
        }
    }

    /** Forgets what this thread held, and stops holding. */
    void drop() {
        held.remove();
    }
}
