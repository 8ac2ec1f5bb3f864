package org.ztp4j.core;

import java.net.InetAddress;

/**
 * What is known about a device that is talking to us. Any part may be unknown ({@code null}) at
 * first: a TFTP request carries only the client's address, a DHCP request its MAC and vendor
 * class, a POAP script its serial.
 *
 * @param serial        chassis serial number, or {@code null}
 * @param mac           MAC address, or {@code null}
 * @param platform      platform adapter id (for example {@code nxos}), or {@code null}
 * @param vendorClass   DHCP vendor class (option 60) the device sent, or {@code null}
 * @param clientAddress the address the device's request came from, or {@code null}
 */
public record DeviceIdentity(SerialNumber serial, MacAddress mac, String platform, String vendorClass,
                             InetAddress clientAddress) {

    private static final DeviceIdentity UNKNOWN = new DeviceIdentity(null, null, null, null, null);

    /** @return an identity with nothing known */
    public static DeviceIdentity unknown() {
        return UNKNOWN;
    }

    /**
     * @param address where a request came from
     * @return an identity that knows only the client address
     */
    public static DeviceIdentity ofAddress(InetAddress address) {
        return new DeviceIdentity(null, null, null, null, address);
    }

    /** @param s the serial @return a copy with the serial set */
    public DeviceIdentity withSerial(SerialNumber s) {
        return new DeviceIdentity(s, mac, platform, vendorClass, clientAddress);
    }

    /** @param m the MAC @return a copy with the MAC set */
    public DeviceIdentity withMac(MacAddress m) {
        return new DeviceIdentity(serial, m, platform, vendorClass, clientAddress);
    }

    /** @param p the platform id @return a copy with the platform set */
    public DeviceIdentity withPlatform(String p) {
        return new DeviceIdentity(serial, mac, p, vendorClass, clientAddress);
    }

    /** @param v the vendor class @return a copy with the vendor class set */
    public DeviceIdentity withVendorClass(String v) {
        return new DeviceIdentity(serial, mac, platform, v, clientAddress);
    }

    /** @param a the client address @return a copy with the client address set */
    public DeviceIdentity withClientAddress(InetAddress a) {
        return new DeviceIdentity(serial, mac, platform, vendorClass, a);
    }

    /** @return true when neither serial nor MAC is known */
    public boolean isAnonymous() {
        return serial == null && mac == null;
    }

    /** @return a short label for logs: serial, else MAC, else client address, else {@code unknown} */
    public String label() {
        if (serial != null) {
            return serial.value();
        }
        if (mac != null) {
            return mac.toString();
        }
        return clientAddress != null ? clientAddress.getHostAddress() : "unknown";
    }
}
