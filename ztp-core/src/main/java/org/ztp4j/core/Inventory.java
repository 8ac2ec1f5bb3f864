package org.ztp4j.core;

import java.util.Collection;
import java.util.Optional;

/**
 * Where device records come from: a CSV file, a CMDB, an IPAM. Implementations must be safe to
 * call from many threads while serving, and a reload must swap the whole data set at once so that
 * no lookup ever sees half of an old and half of a new inventory.
 *
 * <pre>{@code
 * Inventory inventory = CsvInventory.load(Path.of("devices.csv"));
 * inventory.bySerial(SerialNumber.of("SAL12345678")).ifPresent(d -> ...);
 * }</pre>
 */
public interface Inventory {

    /**
     * @param serial a serial number
     * @return the device with that serial, if any
     */
    Optional<DeviceRecord> bySerial(SerialNumber serial);

    /**
     * @param mac a MAC address
     * @return the device with that MAC, if any
     */
    Optional<DeviceRecord> byMac(MacAddress mac);

    /**
     * @param hostname a host name, compared without regard to case
     * @return the device with that host name, if any
     */
    Optional<DeviceRecord> byHostname(String hostname);

    /** @return every device, in the inventory's own order */
    Collection<DeviceRecord> devices();

    /**
     * Finds the record for what is known of a device: by serial first, then by MAC.
     *
     * @param identity what is known
     * @return the matching record, if any
     */
    default Optional<DeviceRecord> find(DeviceIdentity identity) {
        Optional<DeviceRecord> found = Optional.empty();
        if (identity.serial() != null) {
            found = bySerial(identity.serial());
        }
        if (found.isEmpty() && identity.mac() != null) {
            found = byMac(identity.mac());
        }
        return found;
    }
}
