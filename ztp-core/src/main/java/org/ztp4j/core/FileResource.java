package org.ztp4j.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A file a {@link FileProvider} found: its size when known and a way to stream it. Servers stream
 * from {@link #openStream()} and never load a resource whole, so a multi-gigabyte image costs a
 * buffer, not its size.
 */
public interface FileResource {

    /** @return the resource's name, normally the normalised request path */
    String name();

    /** @return the size in bytes, when known before streaming (TFTP tsize and HTTP Content-Length use it) */
    OptionalLong size();

    /** @return when the content last changed, when known (HTTP Last-Modified) */
    default Optional<Instant> lastModified() {
        return Optional.empty();
    }

    /**
     * Opens the content from its first byte. Each call returns a new stream that the caller closes.
     *
     * @return the content
     * @throws IOException when it cannot be read
     */
    InputStream openStream() throws IOException;

    /**
     * The file on disk behind this resource, when there is one, so that a server may use zero-copy
     * transfers or random access. Resources that are generated return empty.
     *
     * @return the file, if any
     */
    default Optional<Path> file() {
        return Optional.empty();
    }

    /**
     * The device this file was made for, as the provider identified it (a day-0 rendered for the
     * serial in its name, say), so that a server's later events about the transfer name the device
     * rather than only the address that asked. Files that are nobody's own return empty.
     *
     * @return the device, if the provider knows it
     */
    default Optional<DeviceIdentity> identified() {
        return Optional.empty();
    }
}
