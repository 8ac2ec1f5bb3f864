package org.ztp4j.core.files;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ztp4j.core.FileProvider;
import org.ztp4j.core.FileRequest;
import org.ztp4j.core.FileResource;
import org.ztp4j.core.RejectedPathException;
import org.ztp4j.core.RequestPath;

/**
 * Serves files held in memory; safe to change while serving.
 *
 * <pre>{@code
 * InMemoryFileProvider files = new InMemoryFileProvider();
 * files.put("network-confg", "ip host sw1 10.0.0.11\n".getBytes(StandardCharsets.US_ASCII));
 * }</pre>
 */
public final class InMemoryFileProvider implements FileProvider {

    private final Map<String, BytesResource> files = new ConcurrentHashMap<>();

    /**
     * Adds or replaces a file.
     *
     * @param path    its path, by the same rules as a request ({@code a/b.cfg}, a leading slash ignored)
     * @param content its bytes (not copied)
     * @return this provider
     * @throws IllegalArgumentException when the path is not a valid request path
     */
    public InMemoryFileProvider put(String path, byte[] content) {
        String key = key(path);
        files.put(key, BytesResource.of(key, content));
        return this;
    }

    /**
     * @param path a path given to {@link #put}
     * @return true when there was such a file
     */
    public boolean remove(String path) {
        return files.remove(key(path)) != null;
    }

    @Override
    public Optional<FileResource> open(FileRequest request) throws RejectedPathException {
        return Optional.ofNullable(files.get(RequestPath.parse(request.path()).toString()));
    }

    private static String key(String path) {
        try {
            return RequestPath.parse(path).toString();
        } catch (RejectedPathException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "in-memory " + files.keySet();
    }
}
