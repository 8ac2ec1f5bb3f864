package org.ztp4j.core.status;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.ztp4j.core.MacAddress;
import org.ztp4j.core.SerialNumber;

/**
 * Everything a {@link DeviceStatusBoard} knows of one device, with the raw times the shown
 * {@link DeviceStatus} is computed from: what a store keeps so that a restarted server shows the same
 * board ({@link DeviceStatusBoard#restore}). Holds no template variables or file contents.
 *
 * @param key               the device's key (serial, else MAC, else address)
 * @param hostname          the inventory's host name, or {@code null}
 * @param serial            chassis serial, or {@code null}
 * @param mac               MAC address, or {@code null}
 * @param platform          platform id, or {@code null}
 * @param clientAddress     the address its last request came from, or {@code null}
 * @param managementAddress its management address, or {@code null}
 * @param state             where it stands
 * @param stateSince        when it got there, or {@code null}
 * @param beforeTransfer    the state to go back to when the image transfer under way finishes
 * @param transfer          the latest image transfer, or {@code null}
 * @param transferTime      when that transfer was last heard of, or {@code null}
 * @param lastRequest       the last file it asked for, or {@code null}
 * @param firstSeen         the first event about it, or {@code null}
 * @param firstRequest      its first request, or {@code null}
 * @param configServedAt    when its configuration was served, or {@code null}
 * @param reachableAt       when it was found reachable, or {@code null}
 * @param lastUpdate        the latest event about it
 * @param lastError         the last failure in words, or {@code null}
 * @param errorTime         when it failed, or {@code null}
 * @param history           the latest history lines, oldest first
 */
public record DeviceSnapshot(String key, String hostname, SerialNumber serial, MacAddress mac, String platform,
                             InetAddress clientAddress, InetAddress managementAddress, DeviceState state,
                             Instant stateSince, DeviceState beforeTransfer, TransferStatus transfer,
                             Instant transferTime, LastRequest lastRequest, Instant firstSeen, Instant firstRequest,
                             Instant configServedAt, Instant reachableAt, Instant lastUpdate, String lastError,
                             Instant errorTime, List<String> history) {

    /** @throws NullPointerException naming the missing part */
    public DeviceSnapshot {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(state, "state of " + key);
        beforeTransfer = beforeTransfer == null ? DeviceState.WAITING : beforeTransfer;
        lastUpdate = lastUpdate == null ? Instant.EPOCH : lastUpdate;
        history = List.copyOf(Objects.requireNonNull(history, "history of " + key));
    }

    /** @return the state as the board shows it, with the timings worked out */
    public DeviceStatus toStatus() {
        return new DeviceStatus(key, hostname, serial, mac, platform, clientAddress, managementAddress, state, stateSince,
                transfer, lastRequest, firstSeen, since(configServedAt), since(reachableAt), lastError, history);
    }

    private Duration since(Instant end) {
        if (end == null || firstRequest == null) {
            return null;
        }
        Duration d = Duration.between(firstRequest, end);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
