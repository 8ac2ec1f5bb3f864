package org.ztp4j.platform.iosxe;

import java.util.Locale;
import java.util.Optional;

/**
 * The management port a model has from the factory, and its VRF. Cisco's ASR 1000 guide ("Using the
 * Management Ethernet Interface") and the Catalyst 8400/8500 guides: the port is GigabitEthernet0
 * and is part of its own VRF, Mgmt-intf; ISR 4000 and Catalyst 8300 routers are set up the same way. Catalyst 9000
 * switches have GigabitEthernet0/0 in Mgmt-vrf, which the adapter's settings default to.
 *
 * @param interfaceName the port
 * @param vrf           its VRF
 */
record ManagementPort(String interfaceName, String vrf) {

    /** ISR 4000, ASR 1000 and Catalyst 8300/8400/8500 (C83xx, C84xx, C85xx) routers. */
    static final ManagementPort ROUTER = new ManagementPort("GigabitEthernet0", "Mgmt-intf");

    /**
     * @param model a device's model (its product ID, such as {@code C9300-24T}, {@code ISR4431/K9})
     * @return the router port for ISR 4000, ASR 1000 and Catalyst 8300/8400/8500 models; empty for
     *         others (the settings apply)
     * @throws IllegalArgumentException for a Catalyst 9200L, which has no IOS-XE ZTP
     */
    static Optional<ManagementPort> forModel(String model) {
        String pid = model.strip().toUpperCase(Locale.ROOT);
        if (pid.startsWith("C9200L")) {
            // Cisco's engineers serve these AutoInstall instead (tdorssers/ztp README: "If your
            // hardware (eg. 9200L) ... does not support ZTP"; jeremycohoe's cat9200l example).
            throw new IllegalArgumentException("model " + model.strip() + ": a Catalyst 9200L has no IOS-XE ZTP; "
                    + "give it platform ios (AutoInstall)");
        }
        if (pid.startsWith("ISR4") || pid.startsWith("ASR1") || pid.matches("C8[345]\\d\\d.*")) {
            return Optional.of(ROUTER);
        }
        return Optional.empty();
    }
}
