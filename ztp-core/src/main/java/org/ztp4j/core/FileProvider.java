package org.ztp4j.core;

import java.io.IOException;
import java.util.Optional;

/**
 * Where served files come from: a directory, the class path, memory, templates rendered per
 * device, or a chain of these. The TFTP and HTTP servers both serve from one provider, so a file
 * is the same whichever protocol a device uses.
 *
 * <p>A provider checks the request path with {@link RequestPath#parse(String)} (or stricter rules of
 * its own) and throws {@link RejectedPathException} for a path that must not be served, which the
 * servers turn into an access-violation error (TFTP) or 400 (HTTP). It returns empty when it simply
 * has no such file, so that a chain can ask the next provider.
 *
 * <pre>{@code
 * FileProvider files = FileProviders.chain(
 *         new TemplateFileProvider(...),             // conf.<SERIAL>, rendered per device
 *         new DirectoryFileProvider(Path.of("/srv/ztp")));  // images, scripts
 * }</pre>
 */
@FunctionalInterface
public interface FileProvider {

    /**
     * Looks up the file a device asked for.
     *
     * @param request the request, with the path as the client sent it
     * @return the file, or empty when this provider has none by that name
     * @throws RejectedPathException when the path must not be served (escapes, NUL, backslash, ...)
     * @throws IOException           when looking the file up failed
     */
    Optional<FileResource> open(FileRequest request) throws IOException;
}
