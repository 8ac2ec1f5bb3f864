package org.ztp4j.server.status;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.ztp4j.core.DeviceIdentity;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.SerialNumber;
import org.ztp4j.core.inventory.CsvInventory;

/** Devices and addresses the status tests share: one per platform, each with a password variable. */
final class Samples {

    static final String SECRET = "Tq8-Lw3v-Zr5";

    static final CsvInventory INVENTORY = CsvInventory.parse("samples.csv", """
            hostname,serial,mac,platform,mgmt_address,mgmt_gateway,admin_password
            leaf101,SAL1234ABCD,00:00:5e:00:53:01,nxos,192.0.2.11/24,192.0.2.1,Tq8-Lw3v-Zr5
            branch-rtr1,FTX1234ABCD,00:00:5e:00:53:02,ios,192.0.2.21/24,192.0.2.1,Tq8-Lw3v-Zr5
            access-sw1,FOC1234ABCD,00:00:5e:00:53:03,iosxe,192.0.2.31/24,192.0.2.1,Tq8-Lw3v-Zr5
            """);

    private Samples() {
    }

    static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static DeviceRecord record(String hostname) {
        return INVENTORY.byHostname(hostname).orElseThrow();
    }

    static DeviceIdentity bySerial(String serial, String address) {
        return DeviceIdentity.ofAddress(ip(address)).withSerial(SerialNumber.of(serial));
    }

    static InetSocketAddress client(DeviceIdentity id) {
        return new InetSocketAddress(id.clientAddress(), 49152);
    }
}
