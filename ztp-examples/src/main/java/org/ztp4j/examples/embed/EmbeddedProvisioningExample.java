package org.ztp4j.examples.embed;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.MacAddress;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.SerialNumber;
import org.ztp4j.core.inventory.InMemoryInventory;
import org.ztp4j.server.Provisioning;

/**
 * Example 2: embed full provisioning with an in-memory inventory and a listener. The application
 * hands ztp4j the devices it wants provisioned (from its CMDB), and hears back when each one has
 * fetched its day-0 and when it is reachable, which is where its own lifecycle tooling takes over.
 */
public final class EmbeddedProvisioningExample {

    private EmbeddedProvisioningExample() {
    }

    /**
     * Starts provisioning for one NX-OS switch.
     *
     * @param tftpPort  TFTP port (69 for real devices; 0 for any free one)
     * @param httpPort  HTTP port (0 for any free one)
     * @param onboarded told the host name of each device whose day-0 config was served or that reported in
     * @return the running facade; close it to stop
     * @throws IOException when a port cannot be bound
     */
    public static Provisioning start(int tftpPort, int httpPort, Consumer<String> onboarded) throws IOException {
        DeviceRecord leaf = new DeviceRecord("leaf201", SerialNumber.of("SAL2001XYZ"), MacAddress.parse("00:00:5e:00:53:aa"),
                "nxos", InetAddress.getByName("192.0.2.201"), 24, InetAddress.getByName("192.0.2.1"), "management", Map.of());
        InMemoryInventory inventory = InMemoryInventory.of(List.of(leaf));
        return Provisioning.builder()
                .inventory(inventory)
                .global("admin_user", "admin")
                .global("admin_password", System.getenv().getOrDefault("ZTP_ADMIN_PASSWORD", "Replace-Me-7q"))
                .global("domain_name", "example.net")
                .bind(InetAddress.getLoopbackAddress()).tftpPort(tftpPort).httpPort(httpPort)
                .listener(event -> {
                    if (event instanceof ProvisioningEvent.ConfigRendered rendered && rendered.path().startsWith("conf.")) {
                        inventory.bySerial(rendered.device().serial()).ifPresent(d -> onboarded.accept(d.hostname()));
                    } else if (event instanceof ProvisioningEvent.DeviceReachable reachable) {
                        onboarded.accept(reachable.device().label() + " reachable at " + reachable.address().getHostAddress());
                    }
                })
                .build()
                .start();
    }

    /**
     * @param args ignored
     * @throws Exception when the servers cannot start
     */
    public static void main(String[] args) throws Exception {
        try (Provisioning ztp = start(6969, 8080, host -> System.out.println("day-0 served to " + host))) {
            ztp.bootOffers().forEach(offer -> System.out.println("DHCP for " + offer.platform() + ": option 67 " + offer.bootfile()));
            Thread.currentThread().join();
        }
    }
}
