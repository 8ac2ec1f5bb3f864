package org.ztp4j.core.files;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.ztp4j.core.FileProvider;
import org.ztp4j.core.FileRequest;
import org.ztp4j.core.FileResource;

/** Ways to combine {@link FileProvider}s. */
public final class FileProviders {

    private FileProviders() {
    }

    /**
     * A chain: each request goes to the providers in order and the first that has the file serves
     * it. A provider that refuses the path ({@link org.ztp4j.core.RejectedPathException}) ends the
     * chain: a path refused once is refused, whatever later providers would say.
     *
     * <pre>{@code
     * FileProvider files = FileProviders.chain(generatedConfigs, new DirectoryFileProvider(root));
     * }</pre>
     *
     * @param providers the providers, in order
     * @return the chain
     */
    public static FileProvider chain(FileProvider... providers) {
        return chain(List.of(providers));
    }

    /**
     * @param providers the providers, in order
     * @return the chain
     * @see #chain(FileProvider...)
     */
    public static FileProvider chain(List<? extends FileProvider> providers) {
        List<FileProvider> list = List.copyOf(providers);
        return new FileProvider() {
            @Override
            public Optional<FileResource> open(FileRequest request) throws IOException {
                for (FileProvider p : list) {
                    Optional<FileResource> r = p.open(request);
                    if (r.isPresent()) {
                        return r;
                    }
                }
                return Optional.empty();
            }

            @Override
            public String toString() {
                return "chain " + list;
            }
        };
    }
}
