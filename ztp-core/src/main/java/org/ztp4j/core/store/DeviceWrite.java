package org.ztp4j.core.store;

import java.util.List;
import java.util.Objects;
import org.ztp4j.core.status.DeviceChange;
import org.ztp4j.core.status.DeviceSnapshot;

/**
 * One change for a {@link ProvisioningStore} to keep: the device's new state, the keys it was known
 * by until now, and the journal entry saying what happened.
 *
 * @param device     the device as it now is; replaces what the store holds under its key
 * @param formerKeys keys whose state the store drops and whose journal entries it moves to this device's key
 * @param entry      what happened, or {@code null} when nothing worth a journal line did (a transfer's
 *                   progress after its start)
 */
public record DeviceWrite(DeviceSnapshot device, List<String> formerKeys, JournalEntry entry) {

    /** @throws NullPointerException when the device is missing */
    public DeviceWrite {
        Objects.requireNonNull(device, "device");
        formerKeys = List.copyOf(formerKeys);
        if (entry != null && !entry.deviceKey().equals(device.key())) {
            throw new IllegalArgumentException("journal entry for " + entry.deviceKey() + " in a write for " + device.key());
        }
    }

    /**
     * @param change a board's change
     * @param server which server saw it (see {@link JournalEntry#server()})
     * @return the write that keeps it
     */
    public static DeviceWrite of(DeviceChange change, String server) {
        return new DeviceWrite(change.device(), change.formerKeys(), JournalEntry.of(change, server));
    }
}
