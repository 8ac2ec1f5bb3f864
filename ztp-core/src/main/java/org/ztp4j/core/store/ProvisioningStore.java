package org.ztp4j.core.store;

import java.util.List;
import java.util.Optional;
import org.ztp4j.core.status.DeviceSnapshot;

/**
 * Where each device's current state and its journal are kept, so that a restarted server shows
 * the same board and history, and several servers on one database show one board. Implement it on
 * your own database, or take ztp-server's {@code JdbcProvisioningStore} (H2 in a state directory, or
 * PostgreSQL), or {@link InMemoryProvisioningStore} to keep nothing.
 *
 * <pre>{@code
 * try (ProvisioningStore store = JdbcProvisioningStore.open("jdbc:postgresql://db/ztp?user=ztp")) {
 *     Provisioning ztp = Provisioning.builder().inventory(inventory).store(store).build();
 *     ...
 *     store.journal("SAL1234ABCD", 0, 100).forEach(System.out::println);
 * }
 * }</pre>
 *
 * <p>The runtime never calls a store on a serving thread: a writer thread hands it batches of
 * {@link DeviceWrite}s, and retries a batch that failed. Reads come from the status page's API and
 * from start-up. Implementations are thread-safe; methods throw {@link StoreException} when the
 * database cannot be reached or refuses, naming it.
 *
 * <p>Several servers: each {@link #write} is one transaction, and a store that other servers write
 * to as well tells its {@link #subscribe subscribers} of their changes too, so each board follows the
 * others (by reading {@link #device} or {@link #journal(long, int)}).
 */
public interface ProvisioningStore extends AutoCloseable {

    /**
     * Keeps a batch of changes, in order, all or nothing: for each, appends its journal entry,
     * replaces the device's state under its key, and files the journal of its former keys under its
     * key (dropping their state). Then tells the subscribers which devices changed.
     *
     * @param writes the changes, oldest first
     * @return the journal entries as stored, with their ids, in order
     * @throws StoreException when nothing was kept (the caller may try the same batch again)
     */
    List<JournalEntry> write(List<DeviceWrite> writes);

    /**
     * @return every device's state, in the order they were first stored
     * @throws StoreException when the store cannot be read
     */
    List<DeviceSnapshot> devices();

    /**
     * @param key a device's key
     * @return its state, or empty when the store has none under that key
     * @throws StoreException when the store cannot be read
     */
    Optional<DeviceSnapshot> device(String key);

    /**
     * One device's journal.
     *
     * @param key     the device's key
     * @param afterId only entries with a greater id (0 for all)
     * @param limit   at most this many, 1 or more
     * @return the entries, oldest first
     * @throws StoreException when the store cannot be read
     */
    List<JournalEntry> journal(String key, long afterId, int limit);

    /**
     * Every device's journal, to catch up on what other servers did.
     *
     * @param afterId only entries with a greater id (0 for all)
     * @param limit   at most this many, 1 or more
     * @return the entries, oldest first
     * @throws StoreException when the store cannot be read
     */
    List<JournalEntry> journal(long afterId, int limit);

    /**
     * Tells a subscriber which devices changed, after each {@link #write} of this store (and, in a
     * store shared between servers, of the others'). Called on the store's thread: return quickly.
     *
     * @param subscriber hears the changed devices' keys
     * @return closes the subscription
     */
    AutoCloseable subscribe(ChangeSubscriber subscriber);

    /**
     * Claims of the servers that share this store, so that one of them alone does a device's action
     * (the reachability probe claims each device it probes).
     *
     * @param server this server's name among them, unique to it
     * @return its claims; by default {@link DeviceClaims#SOLE}, every claim granted, for a store only
     *         one server uses
     */
    default DeviceClaims claims(String server) {
        return DeviceClaims.SOLE;
    }

    /**
     * The key every server sharing this store derives devices' tokens from
     * ({@link org.ztp4j.core.DeviceTokens#hmac}), made by the first server that asks and kept with
     * the devices, so that all of them agree.
     *
     * @return the key (32 bytes or more), or empty when this store keeps none (by default)
     */
    default java.util.Optional<byte[]> deviceTokenKey() {
        return java.util.Optional.empty();
    }

    /** @return what the store is, for logs and errors: a JDBC URL without its password, a directory */
    String describe();

    /** Closes the connections. Further calls throw {@link StoreException}. */
    @Override
    void close();

    /** Hears which devices a store changed. */
    @FunctionalInterface
    interface ChangeSubscriber {

        /**
         * @param deviceKeys the keys of the devices that changed (and former keys that no longer name one)
         * @param lastId     the greatest journal id written so far, as far as this store knows
         */
        void changed(List<String> deviceKeys, long lastId);

        /**
         * Another server, sharing this store, changed devices (or, after the store lost touch with
         * the others for a while, every device may have changed). By default the same as
         * {@link #changed}; a subscriber that follows only the others (a board that knows its own
         * changes) overrides it and ignores {@code changed}.
         *
         * @param deviceKeys the keys of the devices that changed (and former keys that no longer name one)
         * @param lastId     the greatest journal id written, as far as this store knows
         */
        default void changedElsewhere(List<String> deviceKeys, long lastId) {
            changed(deviceKeys, lastId);
        }
    }
}
