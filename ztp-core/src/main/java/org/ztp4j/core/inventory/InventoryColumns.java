package org.ztp4j.core.inventory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ztp4j.core.internal.EditDistance;

/**
 * The inventory's known columns, and the test that keeps a misspelt one from silently becoming a
 * template variable: {@code mgmt_ip} would otherwise leave every device without a management
 * address until its first request.
 */
final class InventoryColumns {

    /** The columns the inventory itself reads. */
    static final List<String> KNOWN = List.of("hostname", "serial", "mac", "platform", "mgmt_address", "mgmt_prefix",
            "mgmt_gateway", "mgmt_vrf", "mgmt_interface", "relay_circuit_id", "relay_remote_id");

    /** Spellings seen in other tools' inventories, and what they mean here. */
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("mgmt_ip", "mgmt_address"), Map.entry("mgmt_ip_address", "mgmt_address"),
            Map.entry("management_ip", "mgmt_address"), Map.entry("management_address", "mgmt_address"),
            Map.entry("ip_address", "mgmt_address"), Map.entry("mgmt_addr", "mgmt_address"),
            Map.entry("mgmt_gw", "mgmt_gateway"), Map.entry("management_gateway", "mgmt_gateway"),
            Map.entry("default_gateway", "mgmt_gateway"), Map.entry("mgmt_mask", "mgmt_prefix"),
            Map.entry("mgmt_prefix_length", "mgmt_prefix"), Map.entry("mgmt_if", "mgmt_interface"),
            Map.entry("serial_number", "serial"), Map.entry("serialnumber", "serial"),
            Map.entry("mac_address", "mac"), Map.entry("macaddress", "mac"), Map.entry("host_name", "hostname"),
            Map.entry("os", "platform"));

    private InventoryColumns() {
    }

    /**
     * @param column a lower-case column name
     * @return the known column it is most likely a misspelling of, or empty when it is known or
     *         far enough from every known column to be a template variable of its own
     */
    static Optional<String> misspelt(String column) {
        if (KNOWN.contains(column)) {
            return Optional.empty();
        }
        String alias = ALIASES.get(column);
        if (alias != null) {
            return Optional.of(alias);
        }
        String nearest = EditDistance.nearest(column, KNOWN);
        int best = EditDistance.between(column, nearest);
        // A reserved prefix, or two edits from a known name of some length, is a typo rather than a variable.
        boolean reserved = column.startsWith("mgmt_") || column.startsWith("relay_");
        return reserved || (best <= 2 && column.length() >= 4) ? Optional.of(nearest) : Optional.empty();
    }
}
