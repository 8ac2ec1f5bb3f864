package org.ztp4j.core;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;

/**
 * Something that happened while provisioning a device. Every event carries when it happened and
 * what was known of the device at that moment; the records below add their own facts. Once a
 * provider has tied a request to an inventory device, the server's later events about that
 * transfer name the device as identified (see {@link FileResource#identified()}).
 *
 * <p>Paths are spelt one way whatever the protocol: as the device asked, without a leading
 * {@code /} (TFTP clients send {@code conf.SAL1}, HTTP clients {@code /conf.SAL1}; both events say
 * {@code conf.SAL1}). HTTP paths are percent-decoded first.
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

    /**
     * @param path a path as a device asked for it, or {@code null}
     * @return it without leading slashes and without a device token before it ({@code t/<token>/},
     *         a secret that the board, the journal and the webhook never hold), the one spelling
     *         events use
     */
    static String spelling(String path) {
        if (path == null) {
            return null;
        }
        int i = 0;
        while (i < path.length() && path.charAt(i) == '/') {
            i++;
        }
        String p = path.substring(i);
        if (p.startsWith(DeviceTokens.PATH_SEGMENT + "/")) {
            int end = p.indexOf('/', 2);
            if (end > 0 && DeviceTokens.SHAPE.matcher(p.substring(2, end)).matches()) {
                return p.substring(end + 1);
            }
        }
        return p;
    }

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

        /** Spells the path one way across protocols: without a leading {@code /}. */
        public FileRequested {
            path = spelling(path);
        }
    }

    /**
     * A file reached the device whole.
     *
     * <p>{@code sha256} is the digest of exactly the bytes the device got: TFTP and HTTPS hash
     * each block or chunk as it goes out; plain HTTP, which hands files to the kernel
     * ({@code sendfile}), takes the file's digest, computed once per version (path, size and
     * modification time) and only if that version is still the one on disk when the transfer
     * ends. A TFTP netascii transfer hashes the converted bytes. It is {@code null} when the bytes
     * were not the whole file (an HTTP range), for uploads, and when the file changed meanwhile.
     *
     * @param time     when the last byte was acknowledged or written
     * @param device   who
     * @param path     the path as asked
     * @param protocol over what
     * @param client   from where
     * @param bytes    how many bytes of content
     * @param duration from request to the end
     * @param sha256   the SHA-256 of the bytes sent, 64 lower-case hex digits, or {@code null}
     */
    record FileServed(Instant time, DeviceIdentity device, String path, Protocol protocol,
                      InetSocketAddress client, long bytes, Duration duration, String sha256)
            implements ProvisioningEvent {

        /**
         * Spells the path one way across protocols: without a leading {@code /}.
         *
         * @throws IllegalArgumentException when {@code sha256} is not 64 lower-case hex digits
         */
        public FileServed {
            path = spelling(path);
            if (sha256 != null && !sha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("sha256 of " + path + ": not 64 lower-case hex digits");
            }
        }

        /**
         * A file served without a known digest.
         *
         * @param time     when the last byte was acknowledged or written
         * @param device   who
         * @param path     the path as asked
         * @param protocol over what
         * @param client   from where
         * @param bytes    how many bytes of content
         * @param duration from request to the end
         */
        public FileServed(Instant time, DeviceIdentity device, String path, Protocol protocol,
                          InetSocketAddress client, long bytes, Duration duration) {
            this(time, device, path, protocol, client, bytes, duration, null);
        }
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

        /** Spells the path one way across protocols: without a leading {@code /}. */
        public TransferFailed {
            path = spelling(path);
        }
    }

    /**
     * A device's own file was asked for by someone the {@link Day0Access} policy does not let have
     * it: the asker was told there is no such file. Filed under the device whose file it is; the
     * asker's address is {@code client}, never the device's.
     *
     * @param time     when
     * @param device   the device whose file was asked for
     * @param path     the path as asked (a token in it left out)
     * @param protocol over what
     * @param client   who asked
     * @param reason   why, in words (for example {@code "not the address leased to its MAC"})
     */
    record FileRefused(Instant time, DeviceIdentity device, String path, Protocol protocol,
                       InetSocketAddress client, String reason) implements ProvisioningEvent {

        /** Spells the path one way across protocols: without a leading {@code /}. */
        public FileRefused {
            path = spelling(path);
        }
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

        /** Spells the path one way across protocols: without a leading {@code /}. */
        public TransferProgress {
            path = spelling(path);
        }
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

        /** Spells the path one way across protocols: without a leading {@code /}. */
        public ConfigRendered {
            path = spelling(path);
        }
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
