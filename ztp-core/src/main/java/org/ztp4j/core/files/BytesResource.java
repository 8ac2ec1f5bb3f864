package org.ztp4j.core.files;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.ztp4j.core.FileResource;

/**
 * Content held in memory: a rendered config, a generated script.
 *
 * @param name    the request path it answers
 * @param content the bytes (not copied: do not change them afterwards)
 * @param created when the content was made
 */
public record BytesResource(String name, byte[] content, Instant created) implements FileResource {

    /**
     * @param name    the request path it answers
     * @param content the bytes
     * @return a resource made now
     */
    public static BytesResource of(String name, byte[] content) {
        return new BytesResource(name, content, Instant.now());
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
