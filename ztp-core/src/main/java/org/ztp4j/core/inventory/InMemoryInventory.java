package org.ztp4j.core.inventory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.Inventory;
import org.ztp4j.core.MacAddress;
import org.ztp4j.core.SerialNumber;

/**
 * An inventory an application fills itself, from a CMDB or IPAM query. {@link #replace(Collection)}
 * swaps the whole set at once, so lookups never see half of an update.
 *
 * <pre>{@code
 * InMemoryInventory inventory = InMemoryInventory.of(cmdb.devicesToProvision());
 * // when the CMDB changes:
 * inventory.replace(cmdb.devicesToProvision());
 * }</pre>
 */
public final class InMemoryInventory implements Inventory {

    private volatile Index index;

    private InMemoryInventory(Index index) {
        this.index = index;
    }

    /**
     * @param devices the devices
     * @return an inventory holding them
     * @throws InventoryException naming every duplicate serial, MAC or host name
     */
    public static InMemoryInventory of(Collection<DeviceRecord> devices) {
        return new InMemoryInventory(Index.of(devices));
    }

    /**
     * Replaces every device at once.
     *
     * @param devices the new devices
     * @throws InventoryException naming every duplicate; the old devices stay
     */
    public void replace(Collection<DeviceRecord> devices) {
        index = Index.of(devices);
    }

    @Override
    public Optional<DeviceRecord> bySerial(SerialNumber serial) {
        return Optional.ofNullable(index.bySerial.get(serial));
    }

    @Override
    public Optional<DeviceRecord> byMac(MacAddress mac) {
        return Optional.ofNullable(index.byMac.get(mac));
    }

    @Override
    public Optional<DeviceRecord> byHostname(String hostname) {
        return Optional.ofNullable(index.byHostname.get(hostname.toLowerCase(Locale.ROOT)));
    }

    @Override
    public Collection<DeviceRecord> devices() {
        return index.devices;
    }

    @Override
    public String toString() {
        return "in-memory inventory with " + index.devices.size() + " devices";
    }

    private record Index(List<DeviceRecord> devices, Map<SerialNumber, DeviceRecord> bySerial,
                         Map<MacAddress, DeviceRecord> byMac, Map<String, DeviceRecord> byHostname) {

        static Index of(Collection<DeviceRecord> devices) {
            Index ix = new Index(List.copyOf(devices), new HashMap<>(), new HashMap<>(), new HashMap<>());
            List<String> problems = new ArrayList<>();
            for (DeviceRecord d : ix.devices) {
                if (d.serial() != null && ix.bySerial.putIfAbsent(d.serial(), d) != null) {
                    problems.add("duplicate serial " + d.serial() + " (" + d.hostname() + ")");
                }
                if (d.mac() != null && ix.byMac.putIfAbsent(d.mac(), d) != null) {
                    problems.add("duplicate MAC " + d.mac() + " (" + d.hostname() + ")");
                }
                if (ix.byHostname.putIfAbsent(d.hostname().toLowerCase(Locale.ROOT), d) != null) {
                    problems.add("duplicate hostname " + d.hostname());
                }
            }
            if (!problems.isEmpty()) {
                throw new InventoryException(problems);
            }
            return ix;
        }
    }
}
