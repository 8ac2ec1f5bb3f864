package org.ztp4j.examples.e2e;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * What a device takes from its DHCP offer to start ZTP: its address and the boot options.
 * Read either from a real lease (busybox udhcpc's variables) or, where no DHCP could run, straight
 * from the dnsmasq configuration {@code ztp dhcp} wrote, so that both paths drive the device with
 * the same values.
 *
 * @param address     the leased (reserved) address
 * @param tftpServer  option 66, empty when absent
 * @param bootfile    option 67, empty when absent
 * @param tftpServers option 150, in order; empty when absent
 */
record BootSettings(String address, String tftpServer, String bootfile, List<String> tftpServers) {

    /**
     * @param lease the variables udhcpc's script recorded ({@code ip}, {@code tftp}, {@code bootfile}, {@code opt150})
     * @return the settings
     */
    static BootSettings fromLease(Map<String, String> lease) {
        List<String> servers = new ArrayList<>();
        byte[] raw = HexFormat.of().parseHex(lease.getOrDefault("opt150", ""));
        for (int i = 0; i + 4 <= raw.length; i += 4) {
            servers.add((raw[i] & 0xff) + "." + (raw[i + 1] & 0xff) + "." + (raw[i + 2] & 0xff) + "." + (raw[i + 3] & 0xff));
        }
        return new BootSettings(lease.get("ip"), lease.getOrDefault("tftp", ""), lease.getOrDefault("bootfile", ""), List.copyOf(servers));
    }

    /**
     * Reads what a dnsmasq configuration offers one device: its {@code dhcp-host} reservation and
     * the {@code dhcp-option-force} values for 66, 67 and 150 (tags ignored: the file is one
     * platform's).
     *
     * @param config the configuration text
     * @param mac    the device's MAC, as in the reservation
     * @return the settings
     */
    static BootSettings fromDnsmasqConfig(String config, String mac) {
        String address = null;
        String tftpServer = "";
        String bootfile = "";
        List<String> servers = List.of();
        for (String line : config.split("\n")) {
            if (line.startsWith("dhcp-host=" + mac + ",")) {
                address = line.split(",")[1];
            } else if (line.startsWith("dhcp-option-force=")) {
                List<String> fields = new ArrayList<>(List.of(line.substring("dhcp-option-force=".length()).split(",")));
                while (fields.get(0).startsWith("tag:")) {
                    fields.remove(0);
                }
                String code = fields.remove(0);
                String value = String.join(",", fields).replace("\"", "");
                switch (code) {
                    case "66" -> tftpServer = value;
                    case "67" -> bootfile = value;
                    case "150" -> servers = List.copyOf(fields);
                    default -> {
                        // not a boot option
                    }
                }
            }
        }
        if (address == null) {
            throw new AssertionError("no dhcp-host line for " + mac + " in:\n" + config);
        }
        return new BootSettings(address, tftpServer, bootfile, servers);
    }
}
