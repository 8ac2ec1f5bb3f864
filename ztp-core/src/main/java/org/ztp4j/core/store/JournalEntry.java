package org.ztp4j.core.store;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Objects;
import org.ztp4j.core.Protocol;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.internal.HostText;
import org.ztp4j.core.internal.LogText;
import org.ztp4j.core.status.DeviceChange;
import org.ztp4j.core.status.DeviceSnapshot;

/**
 * One line of a device's journal: what happened, when, and the facts that go with it. Journals
 * are append-only; {@link #id()} orders every entry of a store. Holds paths, sizes, digests,
 * addresses and reasons only, never file contents or template variables.
 *
 * @param id             the store's number for it, increasing; 0 before it is stored
 * @param time           when it happened
 * @param deviceKey      the device's key (serial, else MAC, else address)
 * @param kind           what happened
 * @param path           the file, or {@code null}
 * @param protocol       over what, or {@code null}
 * @param client         from where (address or address:port), or {@code null}
 * @param bytes          a size: served, sent before failing, rendered, or the whole image; or {@code null}
 * @param digest         the digest of the bytes served as {@code algorithm:hex} ({@code sha256:...}), or {@code null} when not known
 * @param durationMillis how long the transfer took, or {@code null}
 * @param detail         the reason, message, template or how, in words, or {@code null}
 * @param actor          who acted, for operator actions ({@code operator}, a token's role, {@code server}), or {@code null}
 * @param server         which server saw it, or {@code null}
 */
public record JournalEntry(long id, Instant time, String deviceKey, JournalKind kind, String path, Protocol protocol,
                           String client, Long bytes, String digest, Long durationMillis, String detail,
                           String actor, String server) {

    /** Longest text kept in {@link #detail()} and {@link #path()}; device-sent text is cut there. */
    public static final int MAX_TEXT = 500;

    /** @throws NullPointerException naming the missing part */
    public JournalEntry {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(deviceKey, "device key");
        Objects.requireNonNull(kind, "kind of entry for " + deviceKey);
        path = clip(path);
        detail = clip(detail);
    }

    /**
     * @param id the id the store gave it
     * @return this entry with that id
     */
    public JournalEntry withId(long id) {
        return new JournalEntry(id, time, deviceKey, kind, path, protocol, client, bytes, digest, durationMillis,
                detail, actor, server);
    }

    /**
     * The entry a board change makes, or {@code null} when it is not worth one (transfer progress
     * after the transfer's start).
     *
     * @param change the change
     * @param server which server saw it, or {@code null}
     * @return the entry, id 0
     */
    public static JournalEntry of(DeviceChange change, String server) {
        DeviceSnapshot d = change.device();
        String key = d.key();
        if (change.action() != null) {
            Instant t = d.stateSince() != null ? d.stateSince() : d.lastUpdate();
            return switch (change.action()) {
                case RESET -> new JournalEntry(0, t, key, JournalKind.RESET, null, null, null, null, null, null, null, change.actor(), server);
                case RETRY -> new JournalEntry(0, t, key, JournalKind.RETRY, null, null, null, null, null, null, null, change.actor(), server);
                case DECOMMISSION -> new JournalEntry(0, t, key, JournalKind.DECOMMISSIONED, null, null, null, null, null, null, null,
                        change.actor(), server);
                case INTERRUPT -> new JournalEntry(0, t, key, JournalKind.INTERRUPTED, d.transfer() == null ? null : d.transfer().path(),
                        null, null, d.transfer() == null ? null : d.transfer().bytesSent(), null, null,
                        "the server stopped during the transfer", change.actor(), server);
            };
        }
        ProvisioningEvent e = change.event();
        Instant t = e.time() != null ? e.time() : d.lastUpdate();
        if (e instanceof ProvisioningEvent.FileRequested r) {
            return new JournalEntry(0, t, key, JournalKind.REQUESTED, r.path(), r.protocol(), client(r.client()),
                    null, null, null, null, null, server);
        } else if (e instanceof ProvisioningEvent.FileServed s) {
            return new JournalEntry(0, t, key, JournalKind.SERVED, s.path(), s.protocol(), client(s.client()), s.bytes(),
                    s.sha256() == null ? null : "sha256:" + s.sha256(), s.duration() == null ? null : s.duration().toMillis(), null, null, server);
        } else if (e instanceof ProvisioningEvent.TransferFailed f) {
            return new JournalEntry(0, t, key, JournalKind.FAILED, f.path(), f.protocol(), client(f.client()),
                    f.bytesSent(), null, null, f.reason(), null, server);
        } else if (e instanceof ProvisioningEvent.FileRefused r) {
            return new JournalEntry(0, t, key, JournalKind.REFUSED, r.path(), r.protocol(), client(r.client()),
                    null, null, null, r.reason(), null, server);
        } else if (e instanceof ProvisioningEvent.TransferProgress p) {
            if (change.note() == null) {
                return null;
            }
            return new JournalEntry(0, t, key, JournalKind.TRANSFER_STARTED, p.path(), p.protocol(), null,
                    p.totalBytes() < 0 ? null : p.totalBytes(), null, null, null, null, server);
        } else if (e instanceof ProvisioningEvent.DeviceIdentified i) {
            return new JournalEntry(0, t, key, JournalKind.IDENTIFIED, null, null, null, null, null, null,
                    "as " + i.record().hostname() + " (" + i.how() + ")", null, server);
        } else if (e instanceof ProvisioningEvent.ConfigRendered c) {
            return new JournalEntry(0, t, key, JournalKind.RENDERED, c.path(), null, null, c.bytes(), null, null,
                    c.template(), null, server);
        } else if (e instanceof ProvisioningEvent.DeviceReported r) {
            return new JournalEntry(0, t, key, r.success() ? JournalKind.REPORTED_SUCCESS : JournalKind.REPORTED_FAILURE,
                    null, null, null, null, null, null, r.message(), null, server);
        } else if (e instanceof ProvisioningEvent.DeviceReachable r) {
            return new JournalEntry(0, t, key, JournalKind.REACHABLE, null, null,
                    r.address() == null ? null : r.address().getHostAddress(), null, null, null, r.how(), null, server);
        }
        throw new IllegalArgumentException("no journal entry for " + e.getClass().getSimpleName());
    }

    /**
     * @param key the key the entry is filed under from now on
     * @return this entry under that key
     */
    public JournalEntry withDeviceKey(String key) {
        return new JournalEntry(id, time, key, kind, path, protocol, client, bytes, digest, durationMillis, detail,
                actor, server);
    }

    private static String client(InetSocketAddress a) {
        return a == null ? null : HostText.hostPort(a);
    }

    private static String clip(String s) {
        return s == null ? null : LogText.of(s, MAX_TEXT);
    }
}
