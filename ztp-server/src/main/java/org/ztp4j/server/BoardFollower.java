package org.ztp4j.server;

import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ztp4j.core.status.DeviceSnapshot;
import org.ztp4j.core.status.DeviceStatusBoard;
import org.ztp4j.core.store.ProvisioningStore;
import org.ztp4j.core.store.StoreException;

/**
 * Keeps a server's board in step with the other servers that share its store: when the store says
 * they changed devices, each is read and put on the board, unless the board's own state of it is as
 * new or newer (a change this server made meanwhile). A key that
 * no longer names a device in the store (another server found it was a serial's address) goes off the
 * board. Runs on the store's thread, never on a serving one.
 */
final class BoardFollower implements ProvisioningStore.ChangeSubscriber {

    private static final Logger LOG = LoggerFactory.getLogger(BoardFollower.class);

    private final ProvisioningStore store;
    private final DeviceStatusBoard board;

    BoardFollower(ProvisioningStore store, DeviceStatusBoard board) {
        this.store = store;
        this.board = board;
    }

    /** This server's own writes: its board made them. */
    @Override
    public void changed(List<String> deviceKeys, long lastId) {
        // nothing to follow
    }

    @Override
    public void changedElsewhere(List<String> deviceKeys, long lastId) {
        for (String key : deviceKeys) {
            try {
                Optional<DeviceSnapshot> stored = store.device(key);
                if (stored.isEmpty()) {
                    board.forget(key);
                    continue;
                }
                DeviceSnapshot s = stored.get();
                Optional<DeviceSnapshot> here = board.snapshot(key);
                if (here.isPresent() && !s.lastUpdate().isAfter(here.get().lastUpdate())) {
                    continue; // nothing this board does not know
                }
                board.restore(List.of(s));
            } catch (StoreException e) {
                LOG.debug("store: reading another server's change of {}: {}", key, e.getMessage());
            }
        }
    }

    @Override
    public String toString() {
        return "board following " + store.describe();
    }
}
