package org.ztp4j.core.status;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ztp4j.core.internal.Checks;
import org.ztp4j.core.DeviceIdentity;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.Inventory;
import org.ztp4j.core.MacAddress;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.ProvisioningListener;
import org.ztp4j.core.SerialNumber;

/**
 * Where every device stands: a {@link ProvisioningListener} that folds provisioning events into one
 * {@link DeviceStatus} per device, for a status page, an API or a dashboard.
 *
 * <pre>{@code
 * DeviceStatusBoard board = DeviceStatusBoard.builder().inventory(inventory).build();
 * HttpFileServer http = HttpFileServer.builder().fileProvider(files).listener(board).build();
 * ...
 * board.snapshot().forEach(d -> System.out.println(d.label() + " " + d.state()));
 * String json = board.toJson();
 * }</pre>
 *
 * <p>How events find their device. A device is known by its serial, else its MAC, else the address
 * its requests come from (an IOS device asking for {@code network-confg} over TFTP is only an
 * address at first). When a later event names a serial or MAC and comes from an address that so far
 * had an entry of its own, that entry is merged into the device's; from then on, requests from that
 * address that name no device are counted to it. Every device of the inventory is on the board from
 * the start, {@link DeviceState#WAITING}.
 *
 * <p>How events move the state (the latest event wins): a served file moves the device on by its
 * {@link FileKind} (script, config; a sidecar checksum changes nothing); transfer progress makes it
 * {@link DeviceState#IMAGE_TRANSFERRING}, and the finished image puts it back where it was; a
 * failed transfer makes it {@link DeviceState#FAILED} (a failed sidecar only records the error);
 * the script's report makes it {@link DeviceState#REPORTED} or failed; reachability makes it
 * {@link DeviceState#REACHABLE}. A file that is not there often is normal (IOS asks for
 * {@code network-confg} before its own file), so a later success replaces a failure.
 *
 * <p>Secrets: the board keeps only what events carry (paths, sizes, reasons, the inventory's host
 * name, platform and management address), never template variables or file contents.
 *
 * <p>Thread-safe: events may come from any number of server threads; each takes a short lock.
 * Memory is bounded: at most {@link Builder#maxDevices} devices that are not in the inventory (the
 * least recently heard-of goes first; inventory devices are always kept) and
 * {@link Builder#historySize} history lines each. Each event costs the same however many devices
 * the board holds.
 */
public final class DeviceStatusBoard implements ProvisioningListener {

    /** History lines kept per device unless told otherwise. */
    public static final int DEFAULT_HISTORY_SIZE = 20;

    /** Devices kept unless told otherwise. */
    public static final int DEFAULT_MAX_DEVICES = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(DeviceStatusBoard.class);

    private final FileClassifier classifier;
    private final int historySize;
    private final int maxDevices;
    private final DeviceChangeListener changes;
    /** Keys that stopped naming a device during the event being folded (guarded by "this"). */
    private final List<String> formerKeys = new ArrayList<>(2);

    // All guarded by "this". Insertion order is the board's order: inventory first, then first heard of.
    private final Set<DeviceEntry> entries = new LinkedHashSet<>();
    private final Map<SerialNumber, DeviceEntry> bySerial = new HashMap<>();
    private final Map<MacAddress, DeviceEntry> byMac = new HashMap<>();
    private final Map<InetAddress, DeviceEntry> byAddress = new HashMap<>();
    /** Devices not in the inventory, least recently heard of first: the ones evicted when the board is full. */
    private final Set<DeviceEntry> unseeded = new LinkedHashSet<>();
    private long nextSequence;

    private DeviceStatusBoard(Builder b) {
        this.classifier = b.classifier;
        this.historySize = b.historySize;
        this.maxDevices = b.maxDevices;
        this.changes = b.changes;
        if (b.inventory != null) {
            seed(b.inventory);
        }
    }

    /**
     * Puts every device of an inventory on the board, for example after the inventory was reloaded:
     * a device not on the board yet comes on as {@link DeviceState#WAITING}, after those already
     * there; a device already on it (by serial or MAC) keeps its state and takes the record's host
     * name, platform and management address. Inventory devices are never evicted. Devices no longer
     * in the inventory stay.
     *
     * @param inventory the devices
     */
    public synchronized void seed(Inventory inventory) {
        for (DeviceRecord r : inventory.devices()) {
            DeviceEntry e = r.serial() == null ? null : bySerial.get(r.serial());
            if (e == null && r.mac() != null) {
                e = byMac.get(r.mac());
            }
            if (e == null) {
                e = new DeviceEntry(nextSequence++, historySize);
                entries.add(e);
            }
            e.seeded = true;
            unseeded.remove(e);
            e.hostname = r.hostname();
            if (r.platform() != null) {
                e.platform = r.platform();
            }
            if (r.managementAddress() != null) {
                e.management = r.managementAddress();
            }
            learn(e, r.serial(), r.mac(), null);
        }
    }

    /** @return a builder; every setting has a default */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param inventory the devices to show as waiting from the start
     * @return a board with the default settings
     */
    public static DeviceStatusBoard of(Inventory inventory) {
        return builder().inventory(inventory).build();
    }

    /**
     * Folds one event in. Never throws: a malformed event is logged and ignored.
     *
     * @param event what happened
     */
    @Override
    public void onEvent(ProvisioningEvent event) {
        if (event == null) {
            return;
        }
        try {
            synchronized (this) {
                formerKeys.clear();
                DeviceEntry e = apply(event);
                tell(e, event, null, null);
            }
        } catch (RuntimeException e) {
            LOG.warn("status board: ignoring {}: {}", event.getClass().getSimpleName(), e.toString());
        }
    }

    /**
     * @return every device, in the order it came onto the board: the inventory's devices first, in
     *         inventory order, then the others as first heard of (and devices of a later
     *         {@link #seed} after those)
     */
    public synchronized List<DeviceStatus> snapshot() {
        List<DeviceStatus> out = new ArrayList<>(entries.size());
        for (DeviceEntry e : entries) {
            out.add(e.toStatus());
        }
        return List.copyOf(out);
    }

    /** @return {@link #snapshot()} as JSON; see {@link #toJson(List)} */
    public String toJson() {
        return toJson(snapshot());
    }

    /**
     * Writes device states as JSON: {@code {"devices":[{...}, ...]}}. Each device has {@code key},
     * {@code label}, {@code hostname}, {@code serial}, {@code mac}, {@code platform},
     * {@code clientAddress}, {@code managementAddress}, {@code state}, {@code stateSince},
     * {@code transfer} ({@code path}, {@code bytesSent}, {@code totalBytes}, {@code percent},
     * {@code finished}), {@code lastRequest} ({@code path}, {@code protocol}, {@code time}),
     * {@code firstSeen}, {@code configServedAfterMillis}, {@code reachableAfterMillis},
     * {@code lastError} and {@code history} (strings). Unknown values are {@code null}; times are
     * ISO-8601 UTC.
     *
     * @param devices the states, as from {@link #snapshot()}
     * @return the JSON text
     */
    public static String toJson(List<DeviceStatus> devices) {
        return StatusJson.write(devices);
    }

    /**
     * @param device one device's state
     * @return it as one JSON object, as in {@link #toJson(List)}
     */
    public static String toJson(DeviceStatus device) {
        return StatusJson.write(device);
    }

    /**
     * @param key a device's key (serial, else MAC, else address) as {@link DeviceStatus#key()} shows it
     * @return that device, or empty when none is known by it
     */
    public synchronized Optional<DeviceStatus> device(String key) {
        return Optional.ofNullable(byKey(key)).map(DeviceEntry::toStatus);
    }

    /**
     * @param key a device's key
     * @return that device with the raw times behind its timings, or empty when none is known by it
     */
    public synchronized Optional<DeviceSnapshot> snapshot(String key) {
        return Optional.ofNullable(byKey(key)).map(DeviceEntry::toSnapshot);
    }

    /**
     * Takes a device that is not in the inventory off the board, as when the server that shares this
     * board's store found the address it was known by belongs to another device. Inventory devices
     * stay. Tells the {@link DeviceChangeListener} nothing.
     *
     * @param key a device's key
     * @return whether a device went
     */
    public synchronized boolean forget(String key) {
        DeviceEntry e = byKey(key);
        if (e == null || e.seeded) {
            return false;
        }
        forget(e);
        return true;
    }

    /** @return every device with the raw times behind its timings, in board order: what a store keeps */
    public synchronized List<DeviceSnapshot> snapshots() {
        List<DeviceSnapshot> out = new ArrayList<>(entries.size());
        for (DeviceEntry e : entries) {
            out.add(e.toSnapshot());
        }
        return List.copyOf(out);
    }

    /**
     * Puts stored devices back on the board, as after a restart, or when another server changed one:
     * each snapshot replaces what the board holds of the device with its serial, else MAC, else key;
     * a device not on the board yet comes on after the others. The inventory's host name, platform
     * and management address win over stored ones. Tells the {@link DeviceChangeListener} nothing.
     *
     * @param devices the snapshots, oldest first
     */
    public synchronized void restore(Collection<DeviceSnapshot> devices) {
        for (DeviceSnapshot s : devices) {
            DeviceEntry e = s.serial() == null ? null : bySerial.get(s.serial());
            if (e == null && s.mac() != null) {
                e = byMac.get(s.mac());
            }
            if (e == null) {
                e = byKey(s.key());
            }
            if (e == null) {
                e = create(s.lastUpdate());
            }
            String hostname = e.hostname;
            String platform = e.platform;
            InetAddress management = e.management;
            e.restore(s);
            if (e.seeded) {
                e.hostname = hostname != null ? hostname : e.hostname;
                e.platform = platform != null ? platform : e.platform;
                e.management = management != null ? management : e.management;
            }
            learn(e, s.serial(), s.mac(), s.clientAddress());
        }
    }

    /**
     * Takes an action on one device and tells the {@link DeviceChangeListener}.
     *
     * @param key    the device's key
     * @param action what to do
     * @param actor  who does it, for the journal ({@code "operator"}, a role)
     * @param time   when
     * @return the device after the action, or empty when no device has that key
     * @throws IllegalStateException when {@link BoardAction#RETRY} is asked of a device that is not
     *                               failed or interrupted, naming it and its state
     */
    public synchronized Optional<DeviceStatus> act(String key, BoardAction action, String actor, Instant time) {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(time, "time");
        DeviceEntry e = byKey(key);
        if (e == null) {
            return Optional.empty();
        }
        formerKeys.clear();
        switch (action) {
            case RESET -> {
                e.clearProgress();
                e.state(DeviceState.WAITING, time);
                e.note(time, "reset by " + DeviceEntry.clip(actor) + ": provisions from scratch");
            }
            case RETRY -> {
                if (e.state != DeviceState.FAILED && e.state != DeviceState.INTERRUPTED) {
                    throw new IllegalStateException("device " + key + " is " + e.state + ", not FAILED or INTERRUPTED: nothing to retry");
                }
                e.lastError = null;
                e.errorTime = null;
                e.state(DeviceState.WAITING, time);
                e.note(time, "retry allowed by " + DeviceEntry.clip(actor));
            }
            case DECOMMISSION -> {
                e.state(DeviceState.DECOMMISSIONED, time);
                e.note(time, "decommissioned by " + DeviceEntry.clip(actor));
            }
            case INTERRUPT -> {
                String path = e.transfer == null ? "image" : e.transfer.path();
                e.error(path + ": interrupted, the server stopped during the transfer", time);
                e.state(DeviceState.INTERRUPTED, time);
                e.note(time, "transfer of " + path + " interrupted: the server stopped");
            }
        }
        e.lastUpdate = time;
        tell(e, null, action, actor);
        return Optional.of(e.toStatus());
    }

    /**
     * Marks every device whose image transfer was under way as {@link DeviceState#INTERRUPTED}, as a
     * server does after restoring a board that was saved while it was serving.
     *
     * @param time when
     * @return the keys of the devices marked
     */
    public synchronized List<String> interruptTransfers(Instant time) {
        List<String> keys = new ArrayList<>();
        for (DeviceEntry e : List.copyOf(entries)) {
            if (e.state == DeviceState.IMAGE_TRANSFERRING) {
                keys.add(e.key());
            }
        }
        keys.forEach(k -> act(k, BoardAction.INTERRUPT, "server", time));
        return keys;
    }

    private DeviceEntry byKey(String key) {
        if (key == null) {
            return null;
        }
        for (DeviceEntry e : entries) {
            if (e.key().equals(key)) {
                return e;
            }
        }
        return null;
    }

    private void tell(DeviceEntry e, ProvisioningEvent event, BoardAction action, String actor) {
        if (changes == DeviceChangeListener.NONE) {
            return;
        }
        String key = e.key();
        List<String> gone = new ArrayList<>(formerKeys.size());
        for (String k : formerKeys) {
            if (!k.equals(key) && !gone.contains(k)) {
                gone.add(k);
            }
        }
        String note = event != null && e.notes == notesBefore ? null : e.lastNote();
        try {
            changes.changed(new DeviceChange(e.toSnapshot(), gone, event, action, actor, note));
        } catch (RuntimeException x) {
            LOG.warn("status board: change listener failed on {}: {}", key, x.toString());
        }
    }

    // ---------------------------------------------------------------- folding

    private DeviceEntry apply(ProvisioningEvent event) {
        DeviceIdentity id = event.device() != null ? event.device() : DeviceIdentity.unknown();
        DeviceRecord record = event instanceof ProvisioningEvent.DeviceIdentified d ? d.record() : null;
        InetAddress client = id.clientAddress() != null ? id.clientAddress() : clientOf(event);
        Instant t = event.time() != null ? event.time() : Instant.now();
        DeviceEntry e = entryFor(id, record, client, t);
        notesBefore = e.notes;
        DeviceState kept = e.state == DeviceState.DECOMMISSIONED ? e.state : null;
        Instant keptSince = e.stateSince;
        fold(e, event, id, client, t);
        if (kept != null) { // decommissioned: recorded, but nothing moves it
            e.state(kept, keptSince);
        }
        return e;
    }

    private long notesBefore;

    private void fold(DeviceEntry e, ProvisioningEvent event, DeviceIdentity id, InetAddress client, Instant t) {
        if (!e.seeded && unseeded.remove(e)) {
            unseeded.add(e); // heard of just now: the last to be evicted
        }
        if (e.firstSeen == null || t.isBefore(e.firstSeen)) {
            e.firstSeen = t;
        }
        e.lastUpdate = t;
        if (client != null) {
            e.client = client;
        }
        if (id.platform() != null) {
            e.platform = id.platform();
        }
        if (event instanceof ProvisioningEvent.FileRequested r) {
            e.request(r.path(), r.protocol(), t);
            e.note(t, "asked for " + DeviceEntry.clip(r.path()) + " over " + r.protocol());
        } else if (event instanceof ProvisioningEvent.FileServed s) {
            served(e, s, t);
        } else if (event instanceof ProvisioningEvent.TransferProgress p) {
            progress(e, p, t);
        } else if (event instanceof ProvisioningEvent.TransferFailed f) {
            failed(e, f, t);
        } else if (event instanceof ProvisioningEvent.FileRefused r) {
            // Someone else asked for its file: noted, and nothing about the device changes.
            e.note(t, "refused " + DeviceEntry.clip(r.path()) + " to " + StatusJson.host(r.client().getAddress())
                    + " (" + DeviceEntry.clip(r.reason()) + ")");
        } else if (event instanceof ProvisioningEvent.DeviceIdentified d) {
            e.hostname = d.record().hostname();
            if (d.record().platform() != null && e.platform == null) {
                e.platform = d.record().platform();
            }
            if (d.record().managementAddress() != null) {
                e.management = d.record().managementAddress();
            }
            e.note(t, "identified as " + d.record().hostname() + " (" + DeviceEntry.clip(d.how()) + ")");
        } else if (event instanceof ProvisioningEvent.ConfigRendered c) {
            e.note(t, "rendered " + DeviceEntry.clip(c.template()) + " as " + DeviceEntry.clip(c.path()) + " (" + size(c.bytes()) + ")");
        } else if (event instanceof ProvisioningEvent.DeviceReported r) {
            if (r.success()) {
                e.state(DeviceState.REPORTED, t);
                e.note(t, "script reported success: " + DeviceEntry.clip(r.message()));
            } else {
                e.state(DeviceState.FAILED, t);
                e.error("script reported failure: " + DeviceEntry.clip(r.message()), t);
                e.note(t, "script reported failure: " + DeviceEntry.clip(r.message()));
            }
        } else if (event instanceof ProvisioningEvent.DeviceReachable r) {
            e.state(DeviceState.REACHABLE, t);
            e.reachableAt = t;
            if (r.address() != null) {
                e.management = r.address();
            }
            e.note(t, "reachable at " + StatusJson.host(r.address()) + " (" + DeviceEntry.clip(r.how()) + ")");
        }
    }

    private void served(DeviceEntry e, ProvisioningEvent.FileServed s, Instant t) {
        Instant asked = s.duration() == null || s.duration().isNegative() ? t : t.minus(s.duration());
        if (e.lastRequest == null || !e.lastRequest.path().equals(DeviceEntry.clip(s.path()))) {
            e.request(s.path(), s.protocol(), asked);
        } else if (e.firstRequest == null || asked.isBefore(e.firstRequest)) {
            e.firstRequest = asked;
        }
        FileKind kind = classifier.classify(s.path());
        e.note(t, "served " + DeviceEntry.clip(s.path()) + " over " + s.protocol() + " (" + size(s.bytes()) + ")");
        switch (kind) {
            case SCRIPT -> e.state(DeviceState.SCRIPT_SERVED, t);
            case CONFIG -> {
                e.state(DeviceState.CONFIG_SERVED, t);
                e.configServedAt = t;
            }
            case IMAGE -> {
                e.transfer(new TransferStatus(DeviceEntry.clip(s.path()), s.bytes(), s.bytes(), true), t);
                if (e.state == DeviceState.IMAGE_TRANSFERRING) {
                    e.state(e.beforeTransfer, t);
                }
            }
            case SIDECAR -> {
                // a checksum beside another file: nothing moves on
            }
        }
    }

    private void progress(DeviceEntry e, ProvisioningEvent.TransferProgress p, Instant t) {
        if (classifier.classify(p.path()) == FileKind.SIDECAR) {
            return;
        }
        String path = DeviceEntry.clip(p.path());
        boolean fresh = e.transfer == null || !e.transfer.path().equals(path) || e.transfer.finished()
                || e.state != DeviceState.IMAGE_TRANSFERRING;
        if (fresh) {
            e.note(t, "sending " + path + (p.totalBytes() >= 0 ? " (" + size(p.totalBytes()) + ")" : ""));
        }
        if (e.state != DeviceState.IMAGE_TRANSFERRING) {
            e.beforeTransfer = e.state;
            e.state(DeviceState.IMAGE_TRANSFERRING, t);
        }
        e.transfer(new TransferStatus(path, Math.max(0, p.bytesSent()), Math.max(-1, p.totalBytes()), false), t);
    }

    private void failed(DeviceEntry e, ProvisioningEvent.TransferFailed f, Instant t) {
        String line = DeviceEntry.clip(f.path()) + ": " + DeviceEntry.clip(f.reason());
        e.error(line, t);
        e.note(t, "failed " + line);
        if (e.lastRequest == null || !e.lastRequest.path().equals(DeviceEntry.clip(f.path()))) {
            e.request(f.path(), f.protocol(), t);
        }
        if (classifier.classify(f.path()) != FileKind.SIDECAR) {
            e.state(DeviceState.FAILED, t);
        }
        TransferStatus ts = e.transfer;
        if (ts != null && !ts.finished() && ts.path().equals(DeviceEntry.clip(f.path())) && f.bytesSent() > ts.bytesSent()) {
            e.transfer(new TransferStatus(ts.path(), f.bytesSent(), ts.totalBytes(), false), t); // how far it got
        }
    }

    private static InetAddress clientOf(ProvisioningEvent event) {
        InetSocketAddress c = null;
        if (event instanceof ProvisioningEvent.FileRequested r) {
            c = r.client();
        } else if (event instanceof ProvisioningEvent.FileServed s) {
            c = s.client();
        } else if (event instanceof ProvisioningEvent.TransferFailed f) {
            c = f.client();
        }
        return c == null ? null : c.getAddress();
    }

    // ---------------------------------------------------------------- which entry

    private DeviceEntry entryFor(DeviceIdentity id, DeviceRecord record, InetAddress client, Instant t) {
        SerialNumber serial = id.serial() != null ? id.serial() : record == null ? null : record.serial();
        MacAddress mac = id.mac() != null ? id.mac() : record == null ? null : record.mac();
        DeviceEntry atAddress = client == null ? null : byAddress.get(client);
        if (serial == null && mac == null) {
            DeviceEntry e = atAddress;
            if (e == null) {
                e = create(t);
                e.client = client;
                if (client != null) {
                    index(client, e);
                }
            }
            return e;
        }
        List<DeviceEntry> found = new ArrayList<>(4);
        addIfNew(found, serial == null ? null : bySerial.get(serial));
        addIfNew(found, mac == null ? null : byMac.get(mac));
        if (record != null) {
            addIfNew(found, record.serial() == null ? null : bySerial.get(record.serial()));
            addIfNew(found, record.mac() == null ? null : byMac.get(record.mac()));
        }
        if (atAddress != null && atAddress.anonymous()) {
            addIfNew(found, atAddress);
        }
        found.sort(Comparator.comparingLong(x -> x.sequence));
        DeviceEntry target = found.isEmpty() ? create(t) : found.get(0);
        String before = found.isEmpty() ? null : target.key();
        for (DeviceEntry other : found.subList(Math.min(1, found.size()), found.size())) {
            if (!target.conflictsWith(other)) {
                merge(other, target);
            }
        }
        learn(target, serial, mac, client);
        if (record != null) {
            learn(target, record.serial(), record.mac(), null);
        }
        if (before != null && !before.equals(target.key())) {
            formerKeys.add(before);
        }
        return target;
    }

    private static void addIfNew(List<DeviceEntry> list, DeviceEntry e) {
        if (e != null && !list.contains(e)) {
            list.add(e);
        }
    }

    private void learn(DeviceEntry e, SerialNumber serial, MacAddress mac, InetAddress client) {
        if (serial != null && e.serial == null) {
            e.serial = serial;
        }
        if (serial != null && serial.equals(e.serial)) {
            bySerial.put(serial, e);
        }
        if (mac != null && e.mac == null) {
            e.mac = mac;
        }
        if (mac != null && mac.equals(e.mac)) {
            byMac.put(mac, e);
        }
        if (client != null) {
            index(client, e);
        }
    }

    /** Finds the entry by this address from now on (the entry remembers it, so forgetting it is quick). */
    private void index(InetAddress address, DeviceEntry e) {
        if (byAddress.put(address, e) != e) {
            e.addresses.add(address);
        }
    }

    private DeviceEntry create(Instant t) {
        if (unseeded.size() >= maxDevices) {
            DeviceEntry victim = unseeded.iterator().next();
            LOG.debug("status board full ({} devices not in the inventory): forgetting {}", maxDevices, victim.key());
            forget(victim);
        }
        DeviceEntry e = new DeviceEntry(nextSequence++, historySize);
        e.lastUpdate = t;
        entries.add(e);
        unseeded.add(e);
        return e;
    }

    /** Takes an entry off the board and out of every index, in time independent of the board's size. */
    private void forget(DeviceEntry e) {
        entries.remove(e);
        unseeded.remove(e);
        if (e.serial != null) {
            bySerial.remove(e.serial, e);
        }
        if (e.mac != null) {
            byMac.remove(e.mac, e);
        }
        for (InetAddress a : e.addresses) {
            byAddress.remove(a, e);
        }
    }

    private void merge(DeviceEntry from, DeviceEntry into) {
        formerKeys.add(from.key());
        into.firstSeen = earliest(into.firstSeen, from.firstSeen);
        into.firstRequest = earliest(into.firstRequest, from.firstRequest);
        if (from.stateSince != null && (into.stateSince == null || from.stateSince.isAfter(into.stateSince))) {
            into.state = from.state;
            into.stateSince = from.stateSince;
            into.beforeTransfer = from.beforeTransfer;
        }
        if (from.transferTime != null && (into.transferTime == null || from.transferTime.isAfter(into.transferTime))) {
            into.transfer = from.transfer;
            into.transferTime = from.transferTime;
        }
        if (from.lastRequest != null && (into.lastRequest == null || from.lastRequest.time().isAfter(into.lastRequest.time()))) {
            into.lastRequest = from.lastRequest;
        }
        if (from.errorTime != null && (into.errorTime == null || from.errorTime.isAfter(into.errorTime))) {
            into.lastError = from.lastError;
            into.errorTime = from.errorTime;
        }
        into.configServedAt = latest(into.configServedAt, from.configServedAt);
        into.reachableAt = latest(into.reachableAt, from.reachableAt);
        into.lastUpdate = latest(into.lastUpdate, from.lastUpdate);
        into.hostname = into.hostname != null ? into.hostname : from.hostname;
        into.platform = into.platform != null ? into.platform : from.platform;
        into.management = into.management != null ? into.management : from.management;
        into.client = into.client != null ? into.client : from.client;
        into.serial = into.serial != null ? into.serial : from.serial;
        into.mac = into.mac != null ? into.mac : from.mac;
        into.mergeHistory(from);
        forget(from);
        learn(into, into.serial, into.mac, null);
        if (from.client != null && !byAddress.containsKey(from.client)) {
            index(from.client, into);
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    private static String size(long bytes) {
        if (bytes < 0) {
            return "size unknown";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return (bytes / 1024) + " KiB";
        }
        return (bytes / (1024 * 1024)) + " MiB";
    }


    /** Settings of a {@link DeviceStatusBoard}. */
    public static final class Builder {
        private Inventory inventory;
        private FileClassifier classifier = FileClassifier.byExtension();
        private int historySize = DEFAULT_HISTORY_SIZE;
        private int maxDevices = DEFAULT_MAX_DEVICES;
        private DeviceChangeListener changes = DeviceChangeListener.NONE;

        private Builder() {
        }

        /**
         * @param listener hears every change to a device (an event folded in, an action), under the
         *                 board's lock: a store's writer queues it; default none
         * @return this builder
         */
        public Builder changeListener(DeviceChangeListener listener) {
            this.changes = Objects.requireNonNull(listener, "change listener");
            return this;
        }

        /**
         * @param devices the inventory whose devices are on the board from the start, as waiting
         *                (read once, when the board is built)
         * @return this builder
         */
        public Builder inventory(Inventory devices) {
            this.inventory = Objects.requireNonNull(devices, "inventory");
            return this;
        }

        /**
         * @param files tells scripts, configurations, images and sidecars apart; default
         *              {@link FileClassifier#byExtension()}
         * @return this builder
         */
        public Builder fileClassifier(FileClassifier files) {
            this.classifier = Objects.requireNonNull(files, "file classifier");
            return this;
        }

        /**
         * @param lines history lines kept per device, 1..1000; default {@value #DEFAULT_HISTORY_SIZE}
         * @return this builder
         * @throws IllegalArgumentException naming the value when out of range
         */
        public Builder historySize(int lines) {
            this.historySize = Checks.range("history size", lines, 1, 1000);
            return this;
        }

        /**
         * @param devices devices not in the inventory that are kept, at least 1; default
         *                {@value #DEFAULT_MAX_DEVICES}; inventory devices are always kept, and do not count
         * @return this builder
         * @throws IllegalArgumentException naming the value when below 1
         */
        public Builder maxDevices(int devices) {
            this.maxDevices = Checks.atLeast("max devices", devices, 1);
            return this;
        }

        /** @return the board */
        public DeviceStatusBoard build() {
            return new DeviceStatusBoard(this);
        }
    }
}
