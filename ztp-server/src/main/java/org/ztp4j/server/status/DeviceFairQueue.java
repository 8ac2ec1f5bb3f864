package org.ztp4j.server.status;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.ztp4j.core.DeviceIdentity;
import org.ztp4j.core.ProvisioningEvent;

/**
 * The webhook's queue, fair to devices: events about inventory devices wait in a lane of their own,
 * each device holding at most a bounded share of it and taken in turn, ahead of events about
 * anyone else (unknown serials, bare addresses). A flood about other serials or addresses fills
 * only the other lane; a flood about one device fills only that device's share. What does not fit
 * is dropped (the caller counts it).
 */
final class DeviceFairQueue {

    private final int capacity;
    private final int perDevice;
    private final Predicate<DeviceIdentity> known;
    /** Devices with events waiting, in turn. */
    private final ArrayDeque<String> turn = new ArrayDeque<>();
    private final Map<String, ArrayDeque<ProvisioningEvent>> byDevice = new HashMap<>();
    private int deviceEvents;
    private final ArrayDeque<ProvisioningEvent> others = new ArrayDeque<>();

    /**
     * @param capacity  events each lane holds at most
     * @param perDevice events one device holds at most
     * @param known     whether an event's device is an inventory device
     */
    DeviceFairQueue(int capacity, int perDevice, Predicate<DeviceIdentity> known) {
        this.capacity = capacity;
        this.perDevice = perDevice;
        this.known = known;
    }

    /** @return false when the event's lane or its device's share is full (the event is dropped) */
    synchronized boolean offer(ProvisioningEvent event) {
        DeviceIdentity id = event.device();
        String key = id == null ? null : id.serial() != null ? "s " + id.serial() : id.mac() != null ? "m " + id.mac() : null;
        if (key == null || !known.test(id)) {
            if (others.size() >= capacity) {
                return false;
            }
            others.add(event);
        } else {
            if (deviceEvents >= capacity) {
                return false;
            }
            ArrayDeque<ProvisioningEvent> q = byDevice.get(key);
            if (q == null) {
                q = new ArrayDeque<>();
                byDevice.put(key, q);
                turn.add(key);
            } else if (q.size() >= perDevice) {
                return false;
            }
            q.add(event);
            deviceEvents++;
        }
        notifyAll();
        return true;
    }

    /** @return the next event, devices' first and in turn, or {@code null} when none came in time */
    synchronized ProvisioningEvent poll(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (turn.isEmpty() && others.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        if (!turn.isEmpty()) {
            String key = turn.poll();
            ArrayDeque<ProvisioningEvent> q = byDevice.get(key);
            ProvisioningEvent e = q.poll();
            deviceEvents--;
            if (q.isEmpty()) {
                byDevice.remove(key);
            } else {
                turn.add(key);
            }
            return e;
        }
        return others.poll();
    }

    synchronized int size() {
        return deviceEvents + others.size();
    }

    synchronized void clear() {
        turn.clear();
        byDevice.clear();
        deviceEvents = 0;
        others.clear();
    }
}
