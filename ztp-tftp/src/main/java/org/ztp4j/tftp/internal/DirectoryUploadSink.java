package org.ztp4j.tftp.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.ztp4j.core.FileRequest;
import org.ztp4j.core.RejectedPathException;
import org.ztp4j.core.RequestPath;
import org.ztp4j.tftp.UploadSink;

/** The sink behind {@link UploadSink#directory(Path, long)}. */
public final class DirectoryUploadSink implements UploadSink {

    private final Path root;
    private final long maxBytes;

    /**
     * @param root     the directory uploads go below (must exist)
     * @param maxBytes the largest upload accepted
     */
    public DirectoryUploadSink(Path root, long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("upload cap " + maxBytes + ": must not be negative");
        }
        try {
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("upload root " + root + ": " + e.getMessage(), e);
        }
        if (!Files.isDirectory(this.root)) {
            throw new IllegalArgumentException("upload root " + root + ": not a directory");
        }
        this.maxBytes = maxBytes;
    }

    @Override
    public OutputStream open(FileRequest request) throws IOException {
        Path target = RequestPath.parse(request.path()).resolveUnder(root);
        Path folder;
        try {
            folder = target.getParent().toRealPath();
        } catch (NoSuchFileException e) {
            throw new RejectedPathException(request.path(), "no such folder");
        }
        if (!folder.startsWith(root)) {
            throw new RejectedPathException(request.path(), "leads outside the upload root through a symbolic link");
        }
        target = folder.resolve(target.getFileName());
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(request.path());
        }
        Path temp = Files.createTempFile(folder, ".upload-", ".part");
        return new PendingFile(Files.newOutputStream(temp), temp, target);
    }

    @Override
    public long maxBytes() {
        return maxBytes;
    }

    @Override
    public void abort(FileRequest request, OutputStream partial, String reason) throws IOException {
        if (partial instanceof PendingFile p) {
            p.discard();
        } else {
            partial.close();
        }
    }

    /** Writes to a temporary file and moves it into place on close. */
    private static final class PendingFile extends FilterOutputStream {

        private final Path temp;
        private final Path target;

        PendingFile(OutputStream out, Path temp, Path target) {
            super(out);
            this.temp = temp;
            this.target = target;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
                // no REPLACE_EXISTING: a file that appeared meanwhile is kept, this upload fails
                Files.move(temp, target);
            } finally {
                Files.deleteIfExists(temp);
            }
        }

        void discard() throws IOException {
            try {
                super.close();
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }
}
