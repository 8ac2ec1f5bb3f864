package org.ztp4j.platform;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.ztp4j.core.BootServers;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.Inventory;
import org.ztp4j.core.LeaseLookup;
import org.ztp4j.core.PlatformContext;
import org.ztp4j.core.ProvisioningListener;
import org.ztp4j.core.SerialNumber;
import org.ztp4j.core.inventory.CsvInventory;

/** The inventory and context the platform tests share: one device per platform. */
public final class Fixtures {

    /** An NX-OS switch, an IOS router and an IOS-XE switch. */
    public static final String CSV = """
            hostname,serial,mac,platform,mgmt_address,mgmt_gateway,mgmt_vrf,mgmt_interface
            leaf1,SAL1234ABCD,74:26:cc:5c:91:80,nxos,192.0.2.11/24,192.0.2.1,,
            Branch-Rtr1,FTX1111A0AA,00:19:e8:a4:5a:01,ios,192.0.2.21/24,192.0.2.1,,GigabitEthernet0/1
            access1,FOC2222X0BB,70:1f:53:00:00:01,iosxe,192.0.2.31/24,192.0.2.1,,
            """;

    /** What every template needs beyond the inventory. */
    public static final Map<String, String> GLOBALS = Map.of(
            "admin_user", "netops", "admin_password", "Tq8-Lw3v-Zr5", "domain_name", "example.net");

    private Fixtures() {
    }

    /** @return the inventory */
    public static Inventory inventory() {
        return CsvInventory.parse("fixtures.csv", CSV);
    }

    /** @return a device by host name */
    public static DeviceRecord device(String hostname) {
        return inventory().byHostname(hostname).orElseThrow();
    }

    /** @return the device with that serial */
    public static DeviceRecord bySerial(String serial) {
        return inventory().bySerial(SerialNumber.of(serial)).orElseThrow();
    }

    /** @return servers at 192.0.2.1: TFTP 69, HTTP 8080 */
    public static BootServers servers() {
        try {
            return new BootServers(List.of(InetAddress.getByName("192.0.2.1")), 69, URI.create("http://192.0.2.1:8080"), null);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * @param settings the settings
     * @return a context with the fixtures' inventory and globals, no user templates, no leases
     */
    public static PlatformContext context(Map<String, String> settings) {
        return new PlatformContext(inventory(), null, servers(), LeaseLookup.NONE, ProvisioningListener.NONE, GLOBALS, settings);
    }
}
