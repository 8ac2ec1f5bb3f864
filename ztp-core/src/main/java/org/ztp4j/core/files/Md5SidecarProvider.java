package org.ztp4j.core.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.ztp4j.core.FileProvider;
import org.ztp4j.core.FileRequest;
import org.ztp4j.core.FileResource;
import org.ztp4j.core.RequestPath;
import org.ztp4j.core.checksum.ChecksumAlgorithm;
import org.ztp4j.core.checksum.ChecksumSidecar;
import org.ztp4j.core.checksum.Checksums;

/**
 * Answers {@code X.md5} for every file {@code X} another provider serves, in md5sum's own format
 * ({@code <hex>  X}), which NX-OS POAP scripts accept and IOS-XE scripts parse. A real {@code X.md5}
 * that the other provider has wins, so a user can still publish the vendor's own sidecar.
 *
 * <p>The digest is computed from {@code X}'s bytes (streamed, never held whole), so it always matches
 * what the device gets when it asks for {@code X} next: a rendered config is rendered again on each
 * request; a file on disk is hashed again whenever its size or modification time changed.
 *
 * <pre>{@code
 * FileProvider files = new Md5SidecarProvider(FileProviders.chain(configs, new DirectoryFileProvider(root)));
 * }</pre>
 */
public final class Md5SidecarProvider implements FileProvider {

    private static final String SUFFIX = ".md5";

    private final FileProvider files;
    /** Digests of files on disk (multi-gigabyte images are not hashed per request). */
    private final Map<String, String> fileDigests = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > 256;
        }
    });

    /** @param files the provider whose files get sidecars */
    public Md5SidecarProvider(FileProvider files) {
        this.files = Objects.requireNonNull(files, "files");
    }

    @Override
    public Optional<FileResource> open(FileRequest request) throws IOException {
        Optional<FileResource> own = files.open(request);
        if (own.isPresent()) {
            return own;
        }
        String path = RequestPath.parse(request.path()).toString();
        if (path.length() <= SUFFIX.length() || !path.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        String target = path.substring(0, path.length() - SUFFIX.length());
        Optional<FileResource> file = files.open(request.withPath(target));
        if (file.isEmpty()) {
            return Optional.empty();
        }
        String hex = digest(file.get());
        String name = target.substring(target.lastIndexOf('/') + 1);
        byte[] sidecar = ChecksumSidecar.format(hex, name).getBytes(StandardCharsets.US_ASCII);
        return Optional.of(BytesResource.of(path, sidecar, file.get().identified().orElse(null)));
    }

    /** Hashes a resource; a file on disk is hashed once per size and modification time. */
    private String digest(FileResource resource) throws IOException {
        String key = null;
        if (resource.file().isPresent() && resource.lastModified().isPresent()) {
            key = resource.file().get().toAbsolutePath() + "|" + resource.size().orElse(-1) + "|" + resource.lastModified().get();
            String known = fileDigests.get(key);
            if (known != null) {
                return known;
            }
        }
        String hex;
        try (InputStream in = resource.openStream()) {
            hex = Checksums.hex(in, ChecksumAlgorithm.MD5);
        }
        if (key != null) {
            fileDigests.put(key, hex);
        }
        return hex;
    }

    @Override
    public String toString() {
        return "md5 sidecars of " + files;
    }
}
