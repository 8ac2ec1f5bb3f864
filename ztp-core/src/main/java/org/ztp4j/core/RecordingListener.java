package org.ztp4j.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Keeps every event it hears, safely across server threads, for a test or a script to look at and
 * wait for. Servers send some events after the client has seen its last byte, so a test waits for
 * them (boundedly) rather than reading them at once.
 *
 * <pre>{@code
 * RecordingListener events = new RecordingListener();
 * ... Provisioning.builder().listener(events) ...
 * ProvisioningEvent.DeviceReachable up = events.await(ProvisioningEvent.DeviceReachable.class,
 *         Duration.ofMinutes(10), e -> e.address().equals(leaf1)).orElseThrow();
 * }</pre>
 */
public final class RecordingListener implements ProvisioningListener {

    private final List<ProvisioningEvent> events = Collections.synchronizedList(new ArrayList<>());

    /** Creates an empty recorder. */
    public RecordingListener() {
    }

    @Override
    public void onEvent(ProvisioningEvent event) {
        synchronized (events) {
            events.add(event);
            events.notifyAll();
        }
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

    /**
     * Waits for an event of a type that matches, heard already or still to come.
     *
     * @param type    the event type
     * @param timeout how long to wait at most
     * @param match   what it must satisfy
     * @param <T>     the type
     * @return the first such event, or empty when none came in time
     * @throws InterruptedException when interrupted while waiting
     */
    public <T extends ProvisioningEvent> Optional<T> await(Class<T> type, Duration timeout, Predicate<? super T> match)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (events) {
            while (true) {
                for (ProvisioningEvent e : events) {
                    if (type.isInstance(e) && match.test(type.cast(e))) {
                        return Optional.of(type.cast(e));
                    }
                }
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                events.wait(Math.max(1, left / 1_000_000), 0);
            }
        }
    }

    /** Forgets every event so far. */
    public void clear() {
        events.clear();
    }

    @Override
    public String toString() {
        return "recorded " + all();
    }
}
