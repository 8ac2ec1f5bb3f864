package org.ztp4j.core.status;

import java.util.List;
import java.util.Objects;
import org.ztp4j.core.ProvisioningEvent;

/**
 * One change to one device on a {@link DeviceStatusBoard}, as its {@link DeviceChangeListener} hears
 * it: the device as it now is, the keys it was known by until now (an address entry that turned
 * out to be a serial's, another entry merged into it), and what caused the change.
 *
 * @param device     the device after the change
 * @param formerKeys keys that no longer name a device on the board because they now name this one
 *                   (empty mostly)
 * @param event      the event folded in, or {@code null} for an action
 * @param action     the action taken, or {@code null} for an event
 * @param actor      who took the action ({@code "operator"}, a token's role, {@code "server"}), or {@code null}
 * @param note       the history line the change added, or {@code null} when it added none (transfer
 *                   progress after the first)
 */
public record DeviceChange(DeviceSnapshot device, List<String> formerKeys, ProvisioningEvent event,
                           BoardAction action, String actor, String note) {

    /** @throws IllegalArgumentException unless exactly one of event and action is given */
    public DeviceChange {
        Objects.requireNonNull(device, "device");
        formerKeys = List.copyOf(formerKeys);
        if ((event == null) == (action == null)) {
            throw new IllegalArgumentException("change of " + device.key() + ": give an event or an action, not "
                    + (event == null ? "neither" : "both"));
        }
    }
}
