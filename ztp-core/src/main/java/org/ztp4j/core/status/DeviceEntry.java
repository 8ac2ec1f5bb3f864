package org.ztp4j.core.status;

import java.net.InetAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.ztp4j.core.MacAddress;
import org.ztp4j.core.SerialNumber;
import org.ztp4j.core.internal.LogText;

/** One device's mutable state on a {@link DeviceStatusBoard}; only touched under the board's lock. */
final class DeviceEntry {
    final long sequence;
    boolean seeded;
    String hostname;
    SerialNumber serial;
    MacAddress mac;
    String platform;
    InetAddress client;
    /** The addresses the board finds this entry by (some may since point to another entry). */
    final java.util.List<InetAddress> addresses = new java.util.ArrayList<>(1);
    InetAddress management;
    DeviceState state = DeviceState.WAITING;
    Instant stateSince;
    DeviceState beforeTransfer = DeviceState.WAITING;
    TransferStatus transfer;
    Instant transferTime;
    LastRequest lastRequest;
    Instant firstSeen;
    Instant firstRequest;
    Instant configServedAt;
    Instant reachableAt;
    Instant lastUpdate = Instant.EPOCH;
    String lastError;
    Instant errorTime;
    /** How many history lines were ever added: tells whether a change added one. */
    long notes;
    final ArrayDeque<Line> history = new ArrayDeque<>();
    private final int historySize;

    DeviceEntry(long sequence, int historySize) {
        this.sequence = sequence;
        this.historySize = historySize;
    }

    boolean anonymous() {
        return serial == null && mac == null;
    }

    boolean conflictsWith(DeviceEntry o) {
        return serial != null && o.serial != null && !serial.equals(o.serial)
                || mac != null && o.mac != null && !mac.equals(o.mac);
    }

    String key() {
        if (serial != null) {
            return serial.value();
        }
        if (mac != null) {
            return mac.toString();
        }
        return client != null ? client.getHostAddress() : "unknown";
    }

    void state(DeviceState s, Instant t) {
        state = s;
        stateSince = t;
    }

    void transfer(TransferStatus ts, Instant t) {
        transfer = ts;
        transferTime = t;
    }

    void request(String path, org.ztp4j.core.Protocol protocol, Instant t) {
        if (protocol != null) {
            lastRequest = new LastRequest(clip(path), protocol, t);
        }
        if (firstRequest == null || t.isBefore(firstRequest)) {
            firstRequest = t;
        }
    }

    void error(String text, Instant t) {
        lastError = text;
        errorTime = t;
    }

    void note(Instant t, String text) {
        notes++;
        history.addLast(new Line(t, CLOCK.format(t) + " " + text));
        while (history.size() > historySize) {
            history.removeFirst();
        }
    }

    /** Takes another entry's history lines, in time order, keeping the newest {@code historySize}. */
    void mergeHistory(DeviceEntry from) {
        List<Line> lines = new ArrayList<>(history);
        lines.addAll(from.history);
        lines.sort(Comparator.comparing(Line::time)); // stable: equal times keep their order
        history.clear();
        for (Line l : lines.subList(Math.max(0, lines.size() - historySize), lines.size())) {
            history.addLast(l);
        }
    }

    DeviceStatus toStatus() {
        return toSnapshot().toStatus();
    }

    DeviceSnapshot toSnapshot() {
        List<String> lines = new ArrayList<>(history.size());
        history.forEach(l -> lines.add(l.text()));
        return new DeviceSnapshot(key(), hostname, serial, mac, platform, client, management, state, stateSince,
                beforeTransfer, transfer, transferTime, lastRequest, firstSeen, firstRequest, configServedAt, reachableAt,
                lastUpdate, lastError, errorTime, lines);
    }

    /** Takes a stored snapshot's state; identity (serial, MAC, address) is the board's to index. */
    void restore(DeviceSnapshot s) {
        hostname = s.hostname() != null ? s.hostname() : hostname;
        platform = s.platform() != null ? s.platform() : platform;
        client = s.clientAddress();
        management = s.managementAddress() != null ? s.managementAddress() : management;
        state = s.state();
        stateSince = s.stateSince();
        beforeTransfer = s.beforeTransfer();
        transfer = s.transfer();
        transferTime = s.transferTime();
        lastRequest = s.lastRequest();
        firstSeen = s.firstSeen();
        firstRequest = s.firstRequest();
        configServedAt = s.configServedAt();
        reachableAt = s.reachableAt();
        lastUpdate = s.lastUpdate();
        lastError = s.lastError();
        errorTime = s.errorTime();
        history.clear();
        // Stored lines keep their order; they sort before anything heard from now on.
        List<String> lines = s.history();
        for (String text : lines.subList(Math.max(0, lines.size() - historySize), lines.size())) {
            history.addLast(new Line(Instant.EPOCH, text));
        }
    }

    /** The latest history line, or {@code null}. */
    String lastNote() {
        return history.isEmpty() ? null : history.peekLast().text();
    }

    /** Forgets how far provisioning got, as for a device starting from scratch. */
    void clearProgress() {
        transfer = null;
        transferTime = null;
        lastRequest = null;
        firstRequest = null;
        configServedAt = null;
        reachableAt = null;
        lastError = null;
        errorTime = null;
        beforeTransfer = DeviceState.WAITING;
    }

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final int MAX_TEXT = 200;

    private record Line(Instant time, String text) {
    }

    // Device-sent text (paths, reasons, messages) is shown as it is, cut short, control characters as \xNN.
    static String clip(String s) {
        return s == null ? "" : LogText.of(s, MAX_TEXT);
    }
}
