package org.ztp4j.core.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.ztp4j.core.FileResource;

/**
 * A file on disk. Size and time are read when the resource is made, so a file replaced while it is
 * being served is seen whole or not at all by a later request.
 *
 * @param name         the request path it answers
 * @param path         the file
 * @param length       its size in bytes
 * @param modifiedTime when it last changed
 */
public record PathResource(String name, Path path, long length, Instant modifiedTime) implements FileResource {

    /**
     * @param name the request path it answers
     * @param path a regular file
     * @return the resource
     * @throws IOException when the file's attributes cannot be read
     */
    public static PathResource of(String name, Path path) throws IOException {
        return new PathResource(name, path, Files.size(path), Files.getLastModifiedTime(path).toInstant());
    }

    @Override
    public OptionalLong size() {
        return OptionalLong.of(length);
    }

    @Override
    public Optional<Instant> lastModified() {
        return Optional.of(modifiedTime);
    }

    @Override
    public InputStream openStream() throws IOException {
        return Files.newInputStream(path);
    }

    @Override
    public Optional<Path> file() {
        return Optional.of(path);
    }
}
