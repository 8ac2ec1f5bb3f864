package org.ztp4j.http.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * What a file was when it was opened for a response, to tell whether it has been written over in
 * place since: then the bytes still to send would not belong with those already sent, and the
 * transfer must end rather than deliver a mixed file. A file replaced by rename (its path now names
 * another file) or deleted is no change: the open file stays whole and is sent to the end.
 */
final class OpenedFile {

    private final Path path;
    private final long size;
    private final FileTime modified;
    private final Object fileKey;

    private OpenedFile(Path path, BasicFileAttributes opened) {
        this.path = path;
        this.size = opened.size();
        this.modified = opened.lastModifiedTime();
        this.fileKey = opened.fileKey();
    }

    /**
     * @param path the file, just opened
     * @return what it is now
     * @throws IOException when its attributes cannot be read
     */
    static OpenedFile of(Path path) throws IOException {
        return new OpenedFile(path, Files.readAttributes(path, BasicFileAttributes.class));
    }

    /**
     * @param sent bytes of the body sent so far
     * @throws ResourceFailure when the file has been written over in place since it was opened
     */
    void checkUnchanged(long sent) throws ResourceFailure {
        BasicFileAttributes now;
        try {
            now = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException gone) {
            return; // deleted: the open file is still whole
        }
        if (fileKey != null && !fileKey.equals(now.fileKey())) {
            return; // replaced by rename: the open file is still whole
        }
        if (now.size() != size || !now.lastModifiedTime().equals(modified)) {
            throw new ResourceFailure("the file changed while being sent, after " + sent + " bytes ("
                    + (now.size() != size ? size + " bytes when opened, now " + now.size() : "written over in place") + ")", null);
        }
    }
}
