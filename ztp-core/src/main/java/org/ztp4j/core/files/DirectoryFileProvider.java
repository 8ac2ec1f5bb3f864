package org.ztp4j.core.files;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.ztp4j.core.FileProvider;
import org.ztp4j.core.FileRequest;
import org.ztp4j.core.FileResource;
import org.ztp4j.core.RejectedPathException;
import org.ztp4j.core.RequestPath;

/**
 * Serves the regular files below one root directory and nothing outside it, ever.
 *
 * <p>The request path must pass {@link RequestPath#parse(String)} ({@code ..}, backslashes, NUL and
 * absolute paths are refused), and the file it names must still be inside the root once symbolic
 * links are followed: a link that leads out is refused, a link that stays inside is served.
 * Directories are never listed or served.
 *
 * <pre>{@code
 * FileProvider files = new DirectoryFileProvider(Path.of("/srv/ztp"));
 * }</pre>
 */
public final class DirectoryFileProvider implements FileProvider {

    private final Path root;
    private final boolean caseInsensitive;

    /**
     * @param root the directory to serve (must exist)
     * @throws IllegalArgumentException when it is not a directory
     */
    public DirectoryFileProvider(Path root) {
        this(root, false);
    }

    /**
     * @param root            the directory to serve (must exist)
     * @param caseInsensitive when true and no file has the exact name, a file in the same folder whose
     *                        name differs only in case is served (IOS AutoInstall asks in lower case)
     * @throws IllegalArgumentException when it is not a directory
     */
    public DirectoryFileProvider(Path root, boolean caseInsensitive) {
        try {
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("served root " + root + ": " + e.getMessage(), e);
        }
        if (!Files.isDirectory(this.root)) {
            throw new IllegalArgumentException("served root " + root + ": not a directory");
        }
        this.caseInsensitive = caseInsensitive;
    }

    /** @return the real path of the served root */
    public Path root() {
        return root;
    }

    @Override
    public Optional<FileResource> open(FileRequest request) throws IOException {
        RequestPath path = RequestPath.parse(request.path());
        Path candidate = path.resolveUnder(root);
        if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS) && caseInsensitive) {
            candidate = findIgnoringCase(candidate);
            if (candidate == null) {
                return Optional.empty();
            }
        }
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (NoSuchFileException e) {
            return Optional.empty(); // missing, or a dangling link
        } catch (AccessDeniedException e) {
            throw e;
        } catch (FileSystemException e) {
            // ENOTDIR ("poap.py/x"), ENAMETOOLONG, ELOOP: no file by that name, not a server error
            return Optional.empty();
        }
        if (!real.startsWith(root)) {
            throw new RejectedPathException(request.path(), "leads outside the served root through a symbolic link");
        }
        if (!Files.isRegularFile(real)) {
            return Optional.empty();
        }
        return Optional.of(PathResource.of(path.toString(), real));
    }

    private static Path findIgnoringCase(Path candidate) throws IOException {
        Path dir = candidate.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return null;
        }
        String wanted = candidate.getFileName().toString();
        try (var entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().equalsIgnoreCase(wanted)).sorted().findFirst().orElse(null);
        }
    }

    @Override
    public String toString() {
        return "directory " + root;
    }
}
