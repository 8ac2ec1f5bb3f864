package org.ztp4j.examples.adapter;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.LeaseLookup;
import org.ztp4j.core.PlatformAdapter;
import org.ztp4j.core.PlatformAdapters;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.inventory.InMemoryInventory;
import org.ztp4j.server.Provisioning;

/**
 * Example 3: a platform adapter of your own, given to the server in code. The shipped adapters come
 * from {@link PlatformAdapters#discover()}; {@link Os10ZtdAdapter} is added beside them, so one
 * server provisions both. (The other way in is one line in your jar's
 * {@code META-INF/services/org.ztp4j.core.PlatformAdapter}; docs/writing-an-adapter.md shows it.)
 * Run it with {@code java -cp ztp.jar org.ztp4j.examples.adapter.Os10EmbeddingExample}.
 */
public final class Os10EmbeddingExample {

    private Os10EmbeddingExample() {
    }

    /**
     * Starts provisioning for the devices given, OS10 switches among them.
     *
     * @param devices  the devices, from your CMDB
     * @param leases   the DHCP leases, by which OS10 switches are told apart (ztp-dhcp reads the
     *                 lease files of ISC dhcpd, Kea and dnsmasq)
     * @param httpPort the HTTP port (0 for any free one)
     * @param reported told the host name of each device that reported its day-0 applied
     * @return the running facade; close it to stop
     * @throws IOException when a port cannot be bound
     */
    public static Provisioning start(List<DeviceRecord> devices, LeaseLookup leases, int httpPort, Consumer<String> reported)
            throws IOException {
        InMemoryInventory inventory = InMemoryInventory.of(devices);
        List<PlatformAdapter> adapters = new ArrayList<>(PlatformAdapters.discover());
        adapters.add(new Os10ZtdAdapter());
        return Provisioning.builder()
                .inventory(inventory)
                .adapters(adapters)
                .leases(leases)
                .global("admin_user", "admin")
                .global("admin_password", System.getenv().getOrDefault("ZTP_ADMIN_PASSWORD", "Replace-Me-7q"))
                .bind(InetAddress.getLoopbackAddress()).tftpPort(0).httpPort(httpPort)
                .listener(event -> {
                    if (event instanceof ProvisioningEvent.DeviceReported r && r.success()) {
                        inventory.find(r.device()).ifPresent(d -> reported.accept(d.hostname()));
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
        DeviceRecord leaf = DeviceRecord.builder("leaf-os10-1").mac("00:00:5e:00:53:31").platform(Os10ZtdAdapter.ID)
                .managementAddress("192.0.2.31/24").gateway("192.0.2.1").build();
        try (Provisioning ztp = start(List.of(leaf), LeaseLookup.NONE, 8080, host -> System.out.println(host + " reported"))) {
            System.out.println("DHCP for os10: " + ztp.bootOffer(Os10ZtdAdapter.ID));
            Thread.currentThread().join();
        }
    }
}
