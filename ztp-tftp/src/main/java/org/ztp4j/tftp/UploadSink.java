package org.ztp4j.tftp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import org.ztp4j.core.FileRequest;
import org.ztp4j.tftp.internal.DirectoryUploadSink;

/**
 * Where files that devices upload with a TFTP write request go (a device backing up its
 * configuration, a log bundle). Without a sink the server refuses every write request with ERROR 2,
 * access violation.
 *
 * <p>The server writes the received blocks to the stream {@link #open(FileRequest)} returns, on its
 * network thread, and closes it when the last block arrived: a sink that does slow work on close
 * (a database insert) should hand it to an executor of its own. A transfer that fails (timeout,
 * client error, size cap) is handed to {@link #abort} instead, so the sink can drop the partial file.
 *
 * <pre>{@code
 * TftpServer server = TftpServer.builder()
 *         .fileProvider(files)
 *         .uploadSink(UploadSink.directory(Path.of("/srv/ztp/uploads"), 16 << 20))
 *         .build();
 * }</pre>
 */
public interface UploadSink {

    /**
     * Accepts an upload.
     *
     * @param request the write request, with the path as the client sent it
     * @return where the content goes
     * @throws org.ztp4j.core.RejectedPathException when the path must not be written (answered with ERROR 2)
     * @throws java.nio.file.FileAlreadyExistsException when the file exists and must not be replaced (ERROR 6)
     * @throws IOException when the upload cannot be stored (ERROR 0)
     */
    OutputStream open(FileRequest request) throws IOException;

    /**
     * The largest upload accepted: a client that announces more (tsize) is refused up front, one
     * that sends more is stopped with ERROR 3, disk full or allocation exceeded.
     *
     * @return the cap in bytes
     */
    long maxBytes();

    /**
     * Called instead of closing the stream when an upload did not complete. The default closes it.
     *
     * @param request the write request
     * @param partial the stream {@link #open} returned
     * @param reason  why the upload failed, in words
     * @throws IOException when cleaning up failed (logged by the server)
     */
    default void abort(FileRequest request, OutputStream partial, String reason) throws IOException {
        partial.close();
    }

    /**
     * A sink that stores uploads as new files below a directory: the request path is checked with
     * {@link org.ztp4j.core.RequestPath} rules, the content goes to a temporary file in the target's
     * folder and is renamed into place only when the upload completed; existing files are never
     * replaced (ERROR 6) and folders are not created.
     *
     * @param root     the directory uploads go below (must exist)
     * @param maxBytes the largest upload accepted
     * @return the sink
     */
    static UploadSink directory(Path root, long maxBytes) {
        return new DirectoryUploadSink(root, maxBytes);
    }
}
