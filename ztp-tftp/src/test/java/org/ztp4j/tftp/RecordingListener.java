package org.ztp4j.tftp;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.ProvisioningListener;

/** Keeps every event, for tests to look at; waits (boundedly) for events that come after a client exits. */
final class RecordingListener implements ProvisioningListener {

    private final List<ProvisioningEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(ProvisioningEvent event) {
        events.add(event);
    }

    <T extends ProvisioningEvent> List<T> all(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }

    /** Waits up to 30 s for an event of the type that matches; returns it, or null. */
    <T extends ProvisioningEvent> T await(Class<T> type, Predicate<T> match) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < end) {
            for (T e : all(type)) {
                if (match.test(e)) {
                    return e;
                }
            }
            Thread.sleep(10);
        }
        return null;
    }

    /** Waits up to 30 s for the condition. */
    static boolean eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }
}
