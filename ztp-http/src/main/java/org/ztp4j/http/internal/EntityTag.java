package org.ztp4j.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.ztp4j.core.FileResource;

/**
 * A strong entity tag (RFC 9110 section 8.8.3) for a served resource.
 *
 * <p>How it is made:
 * <ul>
 *   <li>a file on disk: a hash of its name, size and modification time (to the nanosecond the file
 *       system keeps), so no content is read; like most servers this assumes a file is not
 *       rewritten to the same size within one time-stamp tick;</li>
 *   <li>a generated resource (no file) of at most {@value #MAX_HASHED_SIZE} bytes: a hash of its
 *       content, so a configuration rendered again with the same bytes keeps its tag;</li>
 *   <li>a larger generated resource with a modification time: as for a file;</li>
 *   <li>otherwise none.</li>
 * </ul>
 *
 * @param value the tag with its quotes, for example {@code "3f2a..."}
 */
public record EntityTag(String value) {

    /** The largest generated resource whose content is hashed for its tag. */
    public static final long MAX_HASHED_SIZE = 1024 * 1024;

    /** @throws IllegalArgumentException when the value is not a quoted opaque tag */
    public EntityTag {
        if (value == null || value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"'
                || value.indexOf('"', 1) != value.length() - 1) {
            throw new IllegalArgumentException("entity tag " + value + ": must be a quoted opaque tag");
        }
    }

    /**
     * @param resource     the resource
     * @param size         its size, or -1 when unknown
     * @param lastModified its modification time, if known
     * @return its tag, or empty when no strong tag can be made cheaply
     * @throws IOException when the content of a small generated resource cannot be read
     */
    public static Optional<EntityTag> of(FileResource resource, long size, Optional<Instant> lastModified) throws IOException {
        boolean generated = resource.file().isEmpty();
        if (generated && size >= 0 && size <= MAX_HASHED_SIZE) {
            MessageDigest digest = sha256();
            byte[] buffer = new byte[8192];
            try (InputStream in = resource.openStream()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
            }
            return Optional.of(new EntityTag("\"c" + HexFormat.of().formatHex(digest.digest(), 0, 16) + "\""));
        }
        if (lastModified.isPresent() && size >= 0) {
            return Optional.of(ofMetadata(resource.name(), size, lastModified.get()));
        }
        return Optional.empty();
    }

    /**
     * @param name         the resource's name
     * @param size         its size in bytes
     * @param lastModified when it last changed
     * @return a tag derived from these three
     */
    public static EntityTag ofMetadata(String name, long size, Instant lastModified) {
        MessageDigest digest = sha256();
        digest.update((name + '\0' + size + '\0' + lastModified.getEpochSecond() + '.' + lastModified.getNano())
                .getBytes(StandardCharsets.UTF_8));
        return new EntityTag("\"m" + HexFormat.of().formatHex(digest.digest(), 0, 16) + "\"");
    }

    /**
     * Weak comparison (RFC 9110 section 8.8.3.2), used by {@code If-None-Match}.
     *
     * @param other a tag from a request, possibly with a {@code W/} prefix
     * @return true when the opaque tags are equal, weak or not
     */
    public boolean weaklyMatches(String other) {
        String o = other.strip();
        if (o.startsWith("W/")) {
            o = o.substring(2);
        }
        return value.equals(o);
    }

    /**
     * Strong comparison, used by {@code If-Range}: a weak tag never matches.
     *
     * @param other a tag from a request
     * @return true when both are strong and equal
     */
    public boolean stronglyMatches(String other) {
        return value.equals(other.strip());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
