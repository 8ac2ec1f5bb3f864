package org.ztp4j.http.internal;

import io.netty.channel.DefaultFileRegion;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Part of a file on disk, handed to the kernel ({@code sendfile}) on plain HTTP. When the file is
 * shorter than announced (truncated while being served), or has been written over in place since it
 * was opened ({@link OpenedFile}, checked before and after each piece the kernel sends), the write
 * fails with a {@link ResourceFailure} that says so, rather than with an error that reads like the
 * client's, and the connection is dropped: never a mixed file.
 */
final class FileBody extends DefaultFileRegion {

    private final FileChannel file;
    private final long first;
    private final OpenedFile opened;

    /**
     * @param file   an open file; closed when the region is released
     * @param opened what the file was when opened
     * @param first  the first byte to send
     * @param length how many bytes to send
     */
    FileBody(FileChannel file, OpenedFile opened, long first, long length) {
        super(file, first, length);
        this.file = file;
        this.opened = opened;
        this.first = first;
    }

    @Override
    public long transferTo(WritableByteChannel target, long position) throws IOException {
        opened.checkUnchanged(position);
        try {
            long sent = super.transferTo(target, position);
            opened.checkUnchanged(position + sent);
            return sent;
        } catch (ResourceFailure e) {
            throw e;
        } catch (IOException e) {
            long size;
            try {
                size = file.size();
            } catch (IOException | RuntimeException ignored) {
                throw e;
            }
            if (size < first + count()) {
                throw ResourceFailure.endedEarly(Math.max(0, size - first), count());
            }
            throw e;
        }
    }
}
