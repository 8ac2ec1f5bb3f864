package org.ztp4j.core.files;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.ztp4j.core.DeviceIdentity;
import org.ztp4j.core.FileResource;

/**
 * Content held in memory: a rendered config, a generated script.
 *
 * @param name    the request path it answers
 * @param content the bytes (not copied: do not change them afterwards)
 * @param created when the content was made
 * @param device  the device the content was made for, or {@code null} when it is not a device's own
 */
public record BytesResource(String name, byte[] content, Instant created, DeviceIdentity device) implements FileResource {

    /**
     * Content that is not a device's own.
     *
     * @param name    the request path it answers
     * @param content the bytes (not copied)
     * @param created when the content was made
     */
    public BytesResource(String name, byte[] content, Instant created) {
        this(name, content, created, null);
    }

    /**
     * @param name    the request path it answers
     * @param content the bytes
     * @return a resource made now
     */
    public static BytesResource of(String name, byte[] content) {
        return new BytesResource(name, content, Instant.now());
    }

    /**
     * @param name    the request path it answers
     * @param content the bytes
     * @param device  the device it was made for, as identified
     * @return a resource made now, that tells servers whom it is for
     */
    public static BytesResource of(String name, byte[] content, DeviceIdentity device) {
        return new BytesResource(name, content, Instant.now(), device);
    }

    @Override
    public Optional<DeviceIdentity> identified() {
        return Optional.ofNullable(device);
    }

    @Override
    public OptionalLong size() {
        return OptionalLong.of(content.length);
    }

    @Override
    public Optional<Instant> lastModified() {
        return Optional.of(created);
    }

    @Override
    public InputStream openStream() {
        return new ByteArrayInputStream(content);
    }
}
