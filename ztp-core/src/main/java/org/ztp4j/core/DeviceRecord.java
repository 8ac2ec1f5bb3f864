package org.ztp4j.core;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.ztp4j.core.internal.Checks;

/**
 * What the inventory (CMDB, IPAM, a CSV file) says a device should become: the facts a
 * reachability day-0 needs, plus free-form variables for templates.
 *
 * @param hostname          the device's host name (required)
 * @param serial            chassis serial number, or {@code null} when the device is known by MAC only
 * @param mac               MAC address, or {@code null} when the device is known by serial only
 * @param platform          platform adapter id ({@code nxos}, {@code ios}, {@code iosxe}, ...), or {@code null}
 * @param managementAddress management interface address, or {@code null}
 * @param prefixLength      management prefix length (0..32 for IPv4, 0..128 for IPv6); ignored without an address
 * @param gateway           management default gateway, or {@code null}
 * @param vrf               management VRF name, or {@code null} for the platform default
 * @param variables         extra template variables (never {@code null}; copied, unmodifiable)
 */
public record DeviceRecord(String hostname, SerialNumber serial, MacAddress mac, String platform,
                           InetAddress managementAddress, int prefixLength, InetAddress gateway, String vrf,
                           Map<String, String> variables) {

    /**
     * Validates the record.
     *
     * @throws IllegalArgumentException naming the field at fault
     */
    public DeviceRecord {
        if (hostname == null || hostname.isBlank()) {
            throw new IllegalArgumentException("hostname: missing");
        }
        hostname = hostname.strip();
        Checks.noControlCharacters("hostname", hostname);
        if (!hostname.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,62})")) {
            throw new IllegalArgumentException("hostname: '" + hostname
                    + "' must start with a letter or digit and hold only letters, digits, '.' and '-' (at most 63)");
        }
        if (serial == null && mac == null) {
            throw new IllegalArgumentException("device " + hostname + ": needs a serial number or a MAC address");
        }
        int max = managementAddress instanceof Inet4Address || managementAddress == null ? 32 : 128;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("device " + hostname + ": prefix length " + prefixLength + " is not 0.." + max);
        }
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNullElse(variables, Map.of())));
    }

    /**
     * The dotted-quad netmask for the IPv4 prefix length ({@code 24} gives {@code 255.255.255.0}), as
     * IOS configuration wants it.
     *
     * @return the netmask, or {@code null} when there is no IPv4 management address
     */
    public String netmask() {
        if (!(managementAddress instanceof Inet4Address)) {
            return null;
        }
        long mask = prefixLength == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefixLength)) & 0xFFFF_FFFFL;
        return (mask >>> 24) + "." + ((mask >>> 16) & 0xFF) + "." + ((mask >>> 8) & 0xFF) + "." + (mask & 0xFF);
    }

    /**
     * The variables a template sees for this device: the record's own fields under fixed names,
     * then the free-form variables (which may not shadow the fixed names).
     *
     * <p>Fixed names: {@code hostname}, {@code serial}, {@code mac} (colon form), {@code mac_hex}
     * (12 upper-case hex digits), {@code mac_dotted}, {@code platform}, {@code mgmt_address},
     * {@code mgmt_prefix}, {@code mgmt_netmask}, {@code mgmt_gateway}, {@code mgmt_vrf}. A field that
     * is not known is left out, so that a strict template naming it fails loudly.
     *
     * @return a new mutable map
     */
    public Map<String, Object> templateScope() {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("hostname", hostname);
        if (serial != null) {
            scope.put("serial", serial.value());
        }
        if (mac != null) {
            scope.put("mac", mac.toString());
            scope.put("mac_hex", mac.toHex12());
            scope.put("mac_dotted", mac.toCiscoDotted());
        }
        if (platform != null) {
            scope.put("platform", platform);
        }
        if (managementAddress != null) {
            scope.put("mgmt_address", managementAddress.getHostAddress());
            scope.put("mgmt_prefix", Integer.toString(prefixLength));
            String mask = netmask();
            if (mask != null) {
                scope.put("mgmt_netmask", mask);
            }
        }
        if (gateway != null) {
            scope.put("mgmt_gateway", gateway.getHostAddress());
        }
        if (vrf != null && !vrf.isBlank()) {
            scope.put("mgmt_vrf", vrf);
        }
        variables.forEach(scope::putIfAbsent);
        return scope;
    }

    /**
     * Names the variables without their values: they may hold passwords, and records end up in
     * logs through the events that carry them.
     *
     * @return the record's fields, variables by name only
     */
    @Override
    public String toString() {
        return "DeviceRecord[hostname=" + hostname + ", serial=" + serial + ", mac=" + mac + ", platform=" + platform
                + ", managementAddress=" + (managementAddress == null ? null : managementAddress.getHostAddress() + "/" + prefixLength)
                + ", gateway=" + (gateway == null ? null : gateway.getHostAddress()) + ", vrf=" + vrf
                + ", variables=" + variables.keySet() + "]";
    }

    /** @return the identity this record describes (serial, MAC and platform) */
    public DeviceIdentity identity() {
        return new DeviceIdentity(serial, mac, platform, null, null);
    }

    /**
     * Starts a record, for inventories that come from code (a CMDB, an IPAM) rather than a CSV file.
     *
     * <pre>{@code
     * DeviceRecord leaf = DeviceRecord.builder("leaf1")
     *         .serial("SAL1234ABCD").platform("nxos")
     *         .managementAddress("192.0.2.11/24").gateway("192.0.2.1")
     *         .variable("site", "ams1")
     *         .build();
     * }</pre>
     *
     * @param hostname the device's host name
     * @return a builder
     */
    public static Builder builder(String hostname) {
        return new Builder(hostname);
    }

    /** Builds a {@link DeviceRecord}; {@link #build()} checks it as the record's constructor does. */
    public static final class Builder {
        private final String hostname;
        private SerialNumber serial;
        private MacAddress mac;
        private String platform;
        private InetAddress managementAddress;
        private int prefixLength;
        private InetAddress gateway;
        private String vrf;
        private final Map<String, String> variables = new LinkedHashMap<>();

        private Builder(String hostname) {
            this.hostname = hostname;
        }

        /** @param value the chassis serial number @return this builder @throws IllegalArgumentException when malformed */
        public Builder serial(String value) {
            this.serial = SerialNumber.of(value);
            return this;
        }

        /** @param value the MAC address in any common spelling @return this builder @throws IllegalArgumentException when malformed */
        public Builder mac(String value) {
            this.mac = MacAddress.parse(value);
            return this;
        }

        /** @param id the platform adapter id ({@code nxos}, ...) @return this builder */
        public Builder platform(String id) {
            this.platform = id;
            return this;
        }

        /**
         * @param addressWithPrefix the management address with its prefix length, {@code 192.0.2.11/24}
         * @return this builder
         * @throws IllegalArgumentException naming the value when it is not an address with a prefix
         */
        public Builder managementAddress(String addressWithPrefix) {
            int slash = addressWithPrefix == null ? -1 : addressWithPrefix.indexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException("device " + hostname + ": management address '" + addressWithPrefix
                        + "' needs a prefix length, such as 192.0.2.11/24");
            }
            String prefix = addressWithPrefix.substring(slash + 1);
            if (!prefix.matches("\\d{1,3}")) {
                throw new IllegalArgumentException("device " + hostname + ": prefix length '" + prefix + "' is not a number");
            }
            return managementAddress(IpAddresses.parse("mgmt_address", addressWithPrefix.substring(0, slash)), Integer.parseInt(prefix));
        }

        /** @param address the management address @param prefix its prefix length @return this builder */
        public Builder managementAddress(InetAddress address, int prefix) {
            this.managementAddress = address;
            this.prefixLength = prefix;
            return this;
        }

        /** @param address the management default gateway, a literal address @return this builder */
        public Builder gateway(String address) {
            this.gateway = IpAddresses.parse("mgmt_gateway", address);
            return this;
        }

        /** @param name the management VRF @return this builder */
        public Builder vrf(String name) {
            this.vrf = name;
            return this;
        }

        /** @param name a template variable @param value its value @return this builder */
        public Builder variable(String name, String value) {
            variables.put(Objects.requireNonNull(name, "variable name"), Objects.requireNonNull(value, name));
            return this;
        }

        /** @return the record @throws IllegalArgumentException naming the field at fault */
        public DeviceRecord build() {
            return new DeviceRecord(hostname, serial, mac, platform, managementAddress, prefixLength, gateway, vrf, variables);
        }
    }
}
