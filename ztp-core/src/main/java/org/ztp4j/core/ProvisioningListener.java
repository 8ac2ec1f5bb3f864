package org.ztp4j.core;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows each device through provisioning. Called on server threads: return quickly and hand
 * slow work (a CMDB update, a webhook) to an executor of your own.
 *
 * <pre>{@code
 * ProvisioningListener log = e -> System.out.println(e.device().label() + " " + e);
 * }</pre>
 */
@FunctionalInterface
public interface ProvisioningListener {

    /** A listener that ignores every event. */
    ProvisioningListener NONE = event -> { };

    /**
     * Receives one event.
     *
     * @param event what happened
     */
    void onEvent(ProvisioningEvent event);

    /**
     * Combines listeners. Each gets every event in order; one that throws is logged and does not
     * keep the event from the others or fail the transfer.
     *
     * @param listeners the listeners
     * @return one listener that calls them all
     */
    static ProvisioningListener all(List<? extends ProvisioningListener> listeners) {
        List<ProvisioningListener> copy = List.copyOf(listeners);
        Logger log = LoggerFactory.getLogger(ProvisioningListener.class);
        return event -> {
            for (ProvisioningListener l : copy) {
                try {
                    l.onEvent(event);
                } catch (RuntimeException e) {
                    log.warn("listener {} failed on {}: {}", l, event.getClass().getSimpleName(), e.toString());
                }
            }
        };
    }
}
