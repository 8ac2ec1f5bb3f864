package org.ztp4j.server;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ztp4j.core.Inventory;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.ProvisioningListener;
import org.ztp4j.core.status.BoardAction;
import org.ztp4j.core.status.DeviceSnapshot;
import org.ztp4j.core.status.DeviceState;
import org.ztp4j.core.status.DeviceStatusBoard;
import org.ztp4j.core.store.JournalEntry;
import org.ztp4j.core.store.JournalKind;
import org.ztp4j.core.store.ProvisioningStore;
import org.ztp4j.server.store.StoreWriter;
import org.ztp4j.server.status.ProgressLog;
import org.ztp4j.server.status.ReachabilityProbe;
import org.ztp4j.server.status.WebhookListener;

/**
 * Who hears the servers' events in a {@link Provisioning}: the status board, the progress log, the
 * webhook and the reachability probe (each only when asked for), then the application's listeners.
 * The probe's own {@code DeviceReachable} goes to the board, the webhook and the application.
 */
final class Observers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Observers.class);

    private final DeviceStatusBoard board;
    private final ProvisioningListener chain;
    private final List<AutoCloseable> owned = new ArrayList<>();
    private final StoreWriter writer;
    /** Set once the servers are stopping: a transfer that fails from then on was cut by the stop. */
    private volatile boolean stopping;
    private final Set<String> cut = ConcurrentHashMap.newKeySet();

    /**
     * @param inventory     the devices (the board's seed, the probe's addresses)
     * @param listeners     the application's listeners, in order
     * @param progressEvery how often the progress log writes, or {@code null} for none
     * @param webhook       where the webhook posts, or {@code null} for none
     * @param probe         the probe's settings, or {@code null} for no probe
     * @param store         where the board's devices and journal are kept, or {@code null}
     * @param server        this server's name in the journal
     * @param storeQueue    changes queued for the store at most
     */
    Observers(Inventory inventory, List<ProvisioningListener> listeners, Duration progressEvery, URI webhook,
              Consumer<ReachabilityProbe.Builder> probe, ProvisioningStore store, String server, int storeQueue) {
        if (store == null) {
            this.board = DeviceStatusBoard.builder().inventory(inventory).changeListener(change -> {
                if (stopping && change.event() instanceof ProvisioningEvent.TransferFailed) {
                    cut.add(change.device().key());
                }
            }).build();
            this.writer = null;
        } else {
            AtomicReference<DeviceStatusBoard> self = new AtomicReference<>();
            this.writer = new StoreWriter(store, server, storeQueue, key -> self.get().snapshot(key));
            owned.add(writer);
            this.board = DeviceStatusBoard.builder().inventory(inventory).changeListener(change -> {
                if (stopping && change.event() instanceof ProvisioningEvent.TransferFailed) {
                    cut.add(change.device().key());
                }
                writer.changed(change);
            }).build();
            self.set(board);
            try {
                // Other servers' writes (a shared PostgreSQL) come onto this board from before the store is
                // read, so that none made meanwhile is missed.
                owned.add(store.subscribe(new BoardFollower(store, board)));
                restore(store, server);
            } catch (RuntimeException e) {
                close(); // the subscription and the writer
                throw e;
            }
        }
        List<ProvisioningListener> told = new ArrayList<>(List.of(board));
        List<ProvisioningListener> all = new ArrayList<>(List.of(board));
        if (progressEvery != null) {
            all.add(new ProgressLog(progressEvery));
        }
        if (webhook != null) {
            WebhookListener hook = WebhookListener.builder(webhook).inventory(inventory).build();
            owned.add(hook);
            all.add(hook);
            told.add(hook);
        }
        told.addAll(listeners);
        if (probe != null) {
            ReachabilityProbe.Builder b = ReachabilityProbe.builder(ProvisioningListener.all(told)).inventory(inventory);
            if (store != null) {
                b.claims(store.claims(server)); // of the servers sharing the store, one probes each device
            }
            probe.accept(b);
            ReachabilityProbe p = b.build();
            owned.add(p);
            all.add(p);
        }
        all.addAll(listeners);
        this.chain = ProvisioningListener.all(all);
    }

    /**
     * Puts the stored devices back on the board, and marks as interrupted the image transfers this
     * server was making when it stopped (another server's, on a shared store, are still under way).
     */
    private void restore(ProvisioningStore store, String server) {
        List<DeviceSnapshot> stored = store.devices();
        board.restore(stored);
        Instant now = Instant.now();
        int interrupted = 0;
        for (DeviceSnapshot d : board.snapshots()) {
            if (d.state() == DeviceState.IMAGE_TRANSFERRING && startedHere(store, d.key(), server)) {
                board.act(d.key(), BoardAction.INTERRUPT, "server", now);
                interrupted++;
            }
        }
        LOG.info("store {}: {} devices restored{}", store.describe(), stored.size(),
                interrupted == 0 ? "" : ", " + interrupted + " image transfers marked interrupted");
    }

    private static boolean startedHere(ProvisioningStore store, String key, String server) {
        String by = null;
        long after = 0;
        List<JournalEntry> page;
        do {
            page = store.journal(key, after, 1000);
            for (JournalEntry e : page) {
                if (e.kind() == JournalKind.TRANSFER_STARTED) {
                    by = e.server();
                }
                after = e.id();
            }
        } while (page.size() == 1000);
        return by == null || by.equals(server);
    }

    /** The servers are about to stop: transfers they cut from now on are interrupted, not failed. */
    void stopping() {
        stopping = true;
    }

    /**
     * Once the servers stopped: a device whose transfer the stop cut (the server reported it failed)
     * and a device still transferring are {@link DeviceState#INTERRUPTED}, in the board and journal.
     */
    void interruptCutTransfers() {
        Instant now = Instant.now();
        for (String key : cut) {
            if (board.snapshot(key).map(d -> d.state() == DeviceState.FAILED).orElse(false)) {
                board.act(key, BoardAction.INTERRUPT, "server", now);
            }
        }
        board.interruptTransfers(now);
    }

    /** @return the store's writer, or {@code null} without a store */
    StoreWriter writer() {
        return writer;
    }

    /** @return the board every server feeds */
    DeviceStatusBoard board() {
        return board;
    }

    /** @return the listener the servers report to */
    ProvisioningListener chain() {
        return chain;
    }

    /** Stops the probe and the webhook. */
    @Override
    public void close() {
        // The writer last: what the probe and the webhook cause on their way out is still kept.
        for (int i = owned.size() - 1; i >= 0; i--) {
            AutoCloseable c = owned.get(i);
            try {
                c.close();
            } catch (Exception e) {
                LOG.debug("closing {}: {}", c, e.toString());
            }
        }
    }
}
