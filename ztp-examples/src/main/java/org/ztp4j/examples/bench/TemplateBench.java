package org.ztp4j.examples.bench;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.MacAddress;
import org.ztp4j.core.SerialNumber;
import org.ztp4j.core.inventory.InMemoryInventory;
import org.ztp4j.server.Provisioning;

/**
 * Times day-0 rendering for {@code bench/templates.sh}: N devices per platform in an inventory,
 * every device's day-0 rendered through its adapter (strict templates, the same path a served
 * request takes), one warm-up pass then the best of P passes. Prints
 * {@code <platform> <devices> <best seconds> <configs per second>} per platform.
 */
public final class TemplateBench {

    private TemplateBench() {
    }

    /**
     * @param args [DEVICES] [PASSES]
     * @throws Exception when an address cannot be made
     */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        for (String platform : List.of("nxos", "ios", "iosxe")) {
            List<DeviceRecord> devices = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                devices.add(new DeviceRecord(platform + "-sw" + i, SerialNumber.of("SN" + platform.toUpperCase() + i),
                        new MacAddress(0x00005e000000L + i), platform,
                        InetAddress.getByAddress(new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i}), 16,
                        InetAddress.getByName("10.0.0.1"), null, Map.of("site", "dc1")));
            }
            Provisioning ztp = Provisioning.builder().inventory(InMemoryInventory.of(devices))
                    .global("admin_user", "admin").global("admin_password", "Bench-Pw-7q").global("domain_name", "example.net").build();
            long bytes = 0;
            long best = Long.MAX_VALUE;
            for (int pass = 0; pass <= passes; pass++) {
                long t0 = System.nanoTime();
                for (DeviceRecord d : devices) {
                    bytes += ztp.day0Config(platform, d).length();
                }
                long t = System.nanoTime() - t0;
                if (pass > 0) {
                    best = Math.min(best, t);
                }
            }
            System.out.printf("%s %d %.3f %.0f %d%n", platform, n, best / 1e9, n / (best / 1e9), bytes / (passes + 1) / n);
        }
    }
}
