package org.ztp4j.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.MacAddress;
import org.ztp4j.core.SerialNumber;

class InMemoryInventoryTest {

    static DeviceRecord device(String host, String serial, String mac) {
        return new DeviceRecord(host, serial == null ? null : SerialNumber.of(serial), mac == null ? null : MacAddress.parse(mac),
                "nxos", null, 0, null, null, null);
    }

    @Test
    void looksUpBySerialMacAndHostnameAndReplacesAtOnce() {
        InMemoryInventory inv = InMemoryInventory.of(List.of(device("leaf1", "SAL1", "00:00:00:00:00:01")));
        assertThat(inv.bySerial(SerialNumber.of("sal1"))).isPresent();
        assertThat(inv.byMac(MacAddress.parse("0000.0000.0001"))).isPresent();
        assertThat(inv.byHostname("LEAF1")).isPresent();
        inv.replace(List.of(device("leaf2", "SAL2", null)));
        assertThat(inv.bySerial(SerialNumber.of("SAL1"))).isEmpty();
        assertThat(inv.devices()).extracting(DeviceRecord::hostname).containsExactly("leaf2");
    }

    @Test
    void refusesDuplicatesAndKeepsTheOldDevices() {
        InMemoryInventory inv = InMemoryInventory.of(List.of(device("leaf1", "SAL1", null)));
        assertThatThrownBy(() -> inv.replace(List.of(device("a", "SAL9", null), device("b", "sal9", null))))
                .isInstanceOf(InventoryException.class).hasMessage("duplicate serial SAL9 (b)");
        assertThat(inv.devices()).extracting(DeviceRecord::hostname).containsExactly("leaf1");
    }
}
