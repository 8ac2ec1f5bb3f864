package org.ztp4j.core.status;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.ztp4j.core.MacAddress;
import org.ztp4j.core.SerialNumber;

/**
 * One device on a {@link DeviceStatusBoard}, as of one {@link DeviceStatusBoard#snapshot()}. Holds
 * only what the provisioning events carried and the inventory's identifying fields; never template
 * variables or file contents.
 *
 * @param key               what the board knows the device by: its serial, else its MAC, else the
 *                          address its requests came from
 * @param hostname          the inventory's host name, or {@code null} while the device is not identified
 * @param serial            chassis serial, or {@code null}
 * @param mac               MAC address, or {@code null}
 * @param platform          platform id ({@code nxos}, {@code ios}, {@code iosxe}), or {@code null}
 * @param clientAddress     the address its last request came from, or {@code null}
 * @param managementAddress its management address (inventory, or where it answered), or {@code null}
 * @param state             where it stands
 * @param stateSince        when it got there, or {@code null} for a device still waiting since the start
 * @param transfer          the latest image transfer, or {@code null}
 * @param lastRequest       the last file it asked for, or {@code null}
 * @param firstSeen         when the first event about it came, or {@code null} when none came yet
 * @param configServedAfter time from its first request to its configuration being served, or {@code null}
 * @param reachableAfter    time from its first request to its being reachable, or {@code null}
 * @param lastError         the last failure, in words, or {@code null}
 * @param history           the latest events as short lines, oldest first (unmodifiable)
 */
public record DeviceStatus(String key, String hostname, SerialNumber serial, MacAddress mac, String platform,
                           InetAddress clientAddress, InetAddress managementAddress, DeviceState state,
                           Instant stateSince, TransferStatus transfer, LastRequest lastRequest, Instant firstSeen,
                           Duration configServedAfter, Duration reachableAfter, String lastError,
                           List<String> history) {

    /** @throws NullPointerException naming the missing part */
    public DeviceStatus {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(state, "state of " + key);
        history = List.copyOf(Objects.requireNonNull(history, "history of " + key));
    }

    /** @return the name to show: the host name when known, else the key */
    public String label() {
        return hostname != null ? hostname : key;
    }
}
