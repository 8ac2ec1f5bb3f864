package org.ztp4j.core.files;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import org.ztp4j.core.FileProvider;
import org.ztp4j.core.FileRequest;
import org.ztp4j.core.FileResource;
import org.ztp4j.core.RequestPath;

/**
 * Serves resources below a class-path folder, for files bundled in an application's jar.
 *
 * <pre>{@code
 * FileProvider bundled = new ClasspathFileProvider("com/example/ztp/files/", getClass().getClassLoader());
 * }</pre>
 */
public final class ClasspathFileProvider implements FileProvider {

    private final String prefix;
    private final ClassLoader loader;

    /**
     * @param prefix the class-path folder, such as {@code com/example/files/}
     * @param loader the class loader to look in
     */
    public ClasspathFileProvider(String prefix, ClassLoader loader) {
        String p = prefix.startsWith("/") ? prefix.substring(1) : prefix;
        this.prefix = p.isEmpty() || p.endsWith("/") ? p : p + "/";
        this.loader = loader;
    }

    @Override
    public Optional<FileResource> open(FileRequest request) throws IOException {
        RequestPath path = RequestPath.parse(request.path());
        String name = prefix + path;
        URL url = loader.getResource(name);
        if (url == null || name.endsWith("/")) {
            return Optional.empty();
        }
        URLConnection conn = url.openConnection();
        long size = conn.getContentLengthLong();
        if (size < 0 || isFolder(url)) {
            return Optional.empty();
        }
        return Optional.of(new FileResource() {
            @Override
            public String name() {
                return path.toString();
            }

            @Override
            public OptionalLong size() {
                return OptionalLong.of(size);
            }

            @Override
            public InputStream openStream() throws IOException {
                return url.openStream();
            }
        });
    }

    private static boolean isFolder(URL url) {
        try {
            return url.getProtocol().equals("file") && Files.isDirectory(Path.of(url.toURI()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "classpath " + prefix;
    }
}
