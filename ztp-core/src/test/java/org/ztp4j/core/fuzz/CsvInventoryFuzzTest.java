package org.ztp4j.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.inventory.CsvInventory;
import org.ztp4j.core.inventory.InventoryException;

class CsvInventoryFuzzTest {

    @Test
    void parseEitherReturnsAnInventoryWhoseDevicesCanBeFoundOrThrowsInventoryException() {
        long ran = Fuzzer.target("csv-inventory")
                .allow(InventoryException.class)
                .dictionary("hostname", "serial", "mac", "platform", "mgmt_address", "mgmt_prefix", "mgmt_gateway",
                        "mgmt_vrf", "admin_password", ",", "\"", "\"\"", "\n", "\r\n", "#", "10.0.0.1/24", "::1",
                        "fe80::1/64", "/33", "00:11:22:33:44:55", "0011.2233.4455", "SAL1234", "nxos", "999999999999")
                .run(input -> {
                    CsvInventory inventory = CsvInventory.parse("fuzz.csv", new String(input, StandardCharsets.UTF_8));
                    for (DeviceRecord d : inventory.devices()) {
                        assertThat(inventory.byHostname(d.hostname())).isPresent();
                        if (d.serial() != null) {
                            assertThat(inventory.bySerial(d.serial())).contains(d);
                        }
                        if (d.mac() != null) {
                            assertThat(inventory.byMac(d.mac())).contains(d);
                        }
                        assertThat(d.templateScope()).containsEntry("hostname", d.hostname());
                    }
                });
        assertThat(ran).isGreaterThan(1000);
    }
}
