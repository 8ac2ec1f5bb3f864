package org.ztp4j.core;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;

/**
 * Something that happened while provisioning a device. Every event carries when it happened and
 * what was known of the device at that moment; the records below add their own facts.
 *
 * <pre>{@code
 * ProvisioningListener listener = event -> {
 *     if (event instanceof ProvisioningEvent.DeviceReachable r) {
 *         lifecycle.onboard(r.device().serial(), r.address());
 *     }
 * };
 * }</pre>
 */
public sealed interface ProvisioningEvent {

    /** @return when it happened */
    Instant time();

    /** @return what was known of the device */
    DeviceIdentity device();

    /**
     * A device asked for a file.
     *
     * @param time     when
     * @param device   who
     * @param path     the path as asked
     * @param protocol over what
     * @param client   from where
     */
    record FileRequested(Instant time, DeviceIdentity device, String path, Protocol protocol,
                         InetSocketAddress client) implements ProvisioningEvent {
    }

    /**
     * A file reached the device whole.
     *
     * @param time     when the last byte was acknowledged or written
     * @param device   who
     * @param path     the path as asked
     * @param protocol over what
     * @param client   from where
     * @param bytes    how many bytes of content
     * @param duration from request to the end
     */
    record FileServed(Instant time, DeviceIdentity device, String path, Protocol protocol,
                      InetSocketAddress client, long bytes, Duration duration) implements ProvisioningEvent {
    }

    /**
     * A transfer ended without the device getting the whole file.
     *
     * @param time      when
     * @param device    who
     * @param path      the path as asked
     * @param protocol  over what
     * @param client    from where
     * @param bytesSent how far it got
     * @param reason    why, in words (for example {@code "file not found"}, {@code "timed out after 5 retries"})
     */
    record TransferFailed(Instant time, DeviceIdentity device, String path, Protocol protocol,
                          InetSocketAddress client, long bytesSent, String reason) implements ProvisioningEvent {
    }

    /**
     * A large transfer is under way.
     *
     * @param time       when
     * @param device     who
     * @param path       the path as asked
     * @param protocol   over what
     * @param bytesSent  how much so far
     * @param totalBytes the whole size, or -1 when not known
     */
    record TransferProgress(Instant time, DeviceIdentity device, String path, Protocol protocol,
                            long bytesSent, long totalBytes) implements ProvisioningEvent {
    }

    /**
     * A request was tied to an inventory record.
     *
     * @param time   when
     * @param device who, now with what the inventory added
     * @param record the inventory record
     * @param how    by what ({@code "serial in file name"}, {@code "DHCP lease of 10.0.0.7"}, ...)
     */
    record DeviceIdentified(Instant time, DeviceIdentity device, DeviceRecord record, String how)
            implements ProvisioningEvent {
    }

    /**
     * A configuration or script was rendered for a device.
     *
     * @param time     when
     * @param device   who
     * @param template the template's name
     * @param path     the file it was served as
     * @param bytes    its size
     */
    record ConfigRendered(Instant time, DeviceIdentity device, String template, String path, long bytes)
            implements ProvisioningEvent {
    }

    /**
     * A device reported the outcome of its own provisioning script (IOS-XE ZTP, POAP).
     *
     * @param time    when
     * @param device  who
     * @param success whether the script says it succeeded
     * @param message what it said
     */
    record DeviceReported(Instant time, DeviceIdentity device, boolean success, String message)
            implements ProvisioningEvent {
    }

    /**
     * A device is reachable on its management address: from here the embedding application's own
     * lifecycle tooling takes over.
     *
     * @param time    when
     * @param device  who
     * @param address the management address that answered
     * @param how     how that was found ({@code "tcp/22 open"}, {@code "reported by script"}, ...)
     */
    record DeviceReachable(Instant time, DeviceIdentity device, InetAddress address, String how)
            implements ProvisioningEvent {
    }
}
