package org.ztp4j.testkit;

import java.util.Map;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.SerialNumber;
import org.ztp4j.core.inventory.CsvInventory;

/**
 * A small inventory with one device of each bundled platform (Cisco NX-OS, IOS and IOS-XE, Arista
 * EOS) and the globals every bundled template needs: a start for tests of templates and adapters.
 */
public final class SampleInventory {

    /** An NX-OS switch, an IOS router, an IOS-XE switch and an Arista EOS switch, as inventory CSV. */
    public static final String CSV = """
            hostname,serial,mac,platform,mgmt_address,mgmt_gateway,mgmt_vrf,mgmt_interface
            leaf1,SAL1234ABCD,74:26:cc:5c:91:80,nxos,192.0.2.11/24,192.0.2.1,,
            Branch-Rtr1,FTX1111A0AA,00:19:e8:a4:5a:01,ios,192.0.2.21/24,192.0.2.1,,GigabitEthernet0/1
            access1,FOC2222X0BB,70:1f:53:00:00:01,iosxe,192.0.2.31/24,192.0.2.1,,
            spine1,JPE12345678,00:1c:73:00:00:01,eos,192.0.2.41/24,192.0.2.1,,
            """;

    /** What every bundled template needs beyond the inventory: admin user, password, domain. */
    public static final Map<String, String> GLOBALS = Map.of(
            "admin_user", "netops", "admin_password", "Tq8-Lw3v-Zr5", "domain_name", "example.net");

    private SampleInventory() {
    }

    /** @return a fresh inventory of {@link #CSV} */
    public static CsvInventory inventory() {
        return CsvInventory.parse("sample-inventory.csv", CSV);
    }

    /**
     * @param hostname a host name of {@link #CSV}
     * @return that device
     * @throws java.util.NoSuchElementException when there is no such device
     */
    public static DeviceRecord device(String hostname) {
        return inventory().byHostname(hostname).orElseThrow();
    }

    /**
     * @param serial a serial of {@link #CSV}
     * @return that device
     * @throws java.util.NoSuchElementException when there is no such device
     */
    public static DeviceRecord bySerial(String serial) {
        return inventory().bySerial(SerialNumber.of(serial)).orElseThrow();
    }
}
