package org.ztp4j.core;

import java.util.Locale;

/**
 * Who may fetch a device's own files: its day-0, and anything else served for it alone (a script
 * rendered for it, a sidecar of its day-0). Files that are nobody's own (a generic boot script, an
 * image) stay open whatever the policy. A refused request looks like a missing file to the asker.
 */
public enum Day0Access {

    /** Anyone who asks (the default when nothing says otherwise; fit for a closed lab only). */
    ANY,

    /**
     * Only the address DHCP leased to the device's MAC, as the {@link LeaseLookup} tells it: a
     * device without a MAC in the inventory, or an address without a lease, gets nothing of its own.
     */
    LEASE,

    /**
     * Only a request that carries the device's secret ({@link DeviceTokens}) as the first two
     * segments of its path, {@code t/<token>/<file>}: the DHCP reservation puts it in the boot file
     * name or URL, and the generated scripts carry it on to every file they fetch.
     */
    TOKEN;

    /**
     * @param text {@code any}, {@code lease} or {@code token}, in any case
     * @return the policy
     * @throws IllegalArgumentException naming the value and the known ones
     */
    public static Day0Access parse(String text) {
        for (Day0Access a : values()) {
            if (a.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return a;
            }
        }
        throw new IllegalArgumentException("day-0 access '" + text + "': expected any, lease or token");
    }

    /** @return the name as the command line spells it, {@code any}, {@code lease} or {@code token} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
