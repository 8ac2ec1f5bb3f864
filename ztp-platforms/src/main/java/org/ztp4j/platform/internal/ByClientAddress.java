package org.ztp4j.platform.internal;

import java.net.InetAddress;
import java.util.Optional;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.FileRequest;
import org.ztp4j.core.PlatformContext;

/**
 * Tells which inventory device sent a request for a file whose name is the same for every device
 * of a platform (the configuration file a DHCP class names): by the DHCP lease of the request's
 * source address (its MAC, then the inventory). Never by an inventory management address equal to
 * it: that is where a device will be, and anyone may ask from there before it is.
 */
public final class ByClientAddress {

    private ByClientAddress() {
    }

    /**
     * A device found, and how, for the {@code DeviceIdentified} event.
     *
     * @param device the inventory record
     * @param how    how it was told apart
     */
    public record Found(DeviceRecord device, String how) {
    }

    /**
     * @param request  the request
     * @param platform the platform id the device must have
     * @param context  the inventory and the leases
     * @return the device of that platform behind the request's source address, if one is known
     */
    public static Optional<Found> find(FileRequest request, String platform, PlatformContext context) {
        InetAddress address = request.client() == null ? null : request.client().getAddress();
        return context.leasedDevice(address, platform).map(device -> new Found(device,
                "DHCP lease of " + address.getHostAddress() + " (MAC " + device.mac() + ")"));
    }
}
