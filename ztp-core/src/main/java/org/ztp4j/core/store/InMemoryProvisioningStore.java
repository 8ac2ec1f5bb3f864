package org.ztp4j.core.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ztp4j.core.internal.Checks;
import org.ztp4j.core.status.DeviceSnapshot;

/**
 * A {@link ProvisioningStore} in memory: for tests, and for applications that keep no state between
 * runs. Unbounded: the journal grows with every event. Thread-safe.
 */
public final class InMemoryProvisioningStore implements ProvisioningStore {

    private final Map<String, DeviceSnapshot> devices = new LinkedHashMap<>();
    private final List<JournalEntry> journal = new ArrayList<>();
    private final List<ChangeSubscriber> subscribers = new CopyOnWriteArrayList<>();
    private long lastId;
    private boolean closed;

    @Override
    public List<JournalEntry> write(List<DeviceWrite> writes) {
        List<JournalEntry> stored = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        long last;
        synchronized (this) {
            open();
            for (DeviceWrite w : writes) {
                String key = w.device().key();
                for (String former : w.formerKeys()) {
                    devices.remove(former);
                    journal.replaceAll(e -> e.deviceKey().equals(former) ? e.withDeviceKey(key) : e);
                    keys.add(former);
                }
                devices.put(key, w.device());
                keys.add(key);
                if (w.entry() != null) {
                    JournalEntry e = w.entry().withId(++lastId);
                    journal.add(e);
                    stored.add(e);
                }
            }
            last = lastId;
        }
        if (!keys.isEmpty()) {
            for (ChangeSubscriber s : subscribers) {
                s.changed(List.copyOf(keys), last);
            }
        }
        return stored;
    }

    @Override
    public synchronized List<DeviceSnapshot> devices() {
        open();
        return List.copyOf(devices.values());
    }

    @Override
    public synchronized Optional<DeviceSnapshot> device(String key) {
        open();
        return Optional.ofNullable(devices.get(key));
    }

    @Override
    public synchronized List<JournalEntry> journal(String key, long afterId, int limit) {
        open();
        Checks.atLeast("limit", limit, 1);
        List<JournalEntry> out = new ArrayList<>();
        for (JournalEntry e : journal) {
            if (e.id() > afterId && e.deviceKey().equals(key)) {
                out.add(e);
                if (out.size() == limit) {
                    break;
                }
            }
        }
        return out;
    }

    @Override
    public synchronized List<JournalEntry> journal(long afterId, int limit) {
        open();
        Checks.atLeast("limit", limit, 1);
        List<JournalEntry> out = new ArrayList<>();
        for (JournalEntry e : journal) {
            if (e.id() > afterId) {
                out.add(e);
                if (out.size() == limit) {
                    break;
                }
            }
        }
        return out;
    }

    @Override
    public AutoCloseable subscribe(ChangeSubscriber subscriber) {
        subscribers.add(java.util.Objects.requireNonNull(subscriber, "subscriber"));
        return () -> subscribers.remove(subscriber);
    }

    @Override
    public String describe() {
        return "in memory";
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    private void open() {
        if (closed) {
            throw new StoreException("store " + describe() + " is closed");
        }
    }
}
