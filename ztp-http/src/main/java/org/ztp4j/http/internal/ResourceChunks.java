package org.ztp4j.http.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;
import io.netty.handler.stream.ChunkedNioFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.ztp4j.core.checksum.ChecksumAlgorithm;

/**
 * A response body read chunk by chunk on the event loop: Netty's {@code ChunkedWriteHandler} asks
 * for the next chunk only when the connection can take it, so a slow client holds one chunk, not
 * the file. A file (over TLS) is read through a {@link ChunkedNioFile}; a generated resource's
 * stream is read here, in whole 64 KiB chunks ({@code ChunkedStream} sizes its chunks by
 * {@link InputStream#available()}, which generated streams leave at 0, and so sends one byte at a
 * time). The body is cut at the length the response announced; a resource that ends before that
 * length, or cannot be read, fails the write with a {@link ResourceFailure}. With an unknown
 * length (-1) the body ends with the resource.
 *
 * <p>A body that is a whole resource is hashed (SHA-256) chunk by chunk as it is read for sending,
 * so {@link #sha256()} knows the digest of what went out without reading the resource again.
 */
public final class ResourceChunks implements ChunkedInput<ByteBuf> {

    /** Bytes read per chunk. */
    static final int CHUNK = 64 * 1024;

    private final ChunkedInput<ByteBuf> file;
    private final InputStream stream;
    private final long length;
    private final MessageDigest digest; // null unless the body is the whole resource
    private final OpenedFile opened; // null for a stream
    private long progress;
    private boolean streamEnded;
    private boolean ended; // the last chunk was read

    private ResourceChunks(ChunkedInput<ByteBuf> file, OpenedFile opened, InputStream stream, long length, boolean whole) {
        this.file = file;
        this.opened = opened;
        this.stream = stream;
        this.length = length;
        this.digest = whole ? ChecksumAlgorithm.SHA256.newDigest() : null;
    }

    /**
     * @param file   an open file; closed with this input
     * @param opened what the file was when opened: a chunk read after it was written over in place
     *               fails the body
     * @param first  the first byte to send
     * @param length how many bytes to send
     * @param whole  whether these bytes are the whole file (then they are hashed)
     * @return the chunks
     * @throws IOException when the file is closed already
     */
    static ResourceChunks ofFile(FileChannel file, OpenedFile opened, long first, long length, boolean whole) throws IOException {
        return new ResourceChunks(new ChunkedNioFile(file, first, length, CHUNK), opened, null, length, whole);
    }

    /**
     * @param in     a stream positioned at the first byte to send; closed with this input
     * @param length how many bytes to send, or -1 for all that comes
     * @param whole  whether these bytes are the whole resource (then they are hashed)
     * @return the chunks
     */
    public static ResourceChunks ofStream(InputStream in, long length, boolean whole) {
        return new ResourceChunks(null, null, in, length, whole);
    }

    /**
     * @return the SHA-256 in hex of every byte read, once the whole resource has been read; else
     *         {@code null} (a part of it, or not read to the end)
     */
    public String sha256() {
        boolean all = length >= 0 ? progress == length : ended;
        return digest != null && all ? HexFormat.of().formatHex(digest.digest()) : null;
    }

    /**
     * With a known length, the end is that length: a resource that ends sooner is found out by
     * the next {@link #readChunk}, after the bytes it did have are sent.
     */
    @Override
    public boolean isEndOfInput() throws Exception {
        if (length >= 0) {
            return progress >= length;
        }
        try {
            return file != null ? file.isEndOfInput() : streamEnded;
        } catch (Exception e) {
            throw ResourceFailure.readFailed(progress, e);
        }
    }

    @Override
    public ByteBuf readChunk(ByteBufAllocator allocator) throws Exception {
        if (length >= 0 && progress >= length) {
            return null;
        }
        ByteBuf chunk;
        try {
            chunk = file != null ? file.readChunk(allocator) : readStream(allocator);
            if (opened != null) {
                try {
                    opened.checkUnchanged(progress); // after the read: the chunk is the file as opened
                } catch (ResourceFailure changed) {
                    if (chunk != null) {
                        chunk.release();
                    }
                    throw changed;
                }
            }
        } catch (ResourceFailure e) {
            throw e;
        } catch (Exception e) {
            throw ResourceFailure.readFailed(progress, e);
        }
        if (chunk == null || !chunk.isReadable()) {
            // ChunkedNioFile returns empty chunks, forever, from a file truncated under it.
            if (chunk != null) {
                chunk.release();
            }
            if (length >= 0) {
                throw ResourceFailure.endedEarly(progress, length);
            }
            // The stream ended right after a whole chunk: an empty chunk, then the last one.
            ended = true;
            return Unpooled.EMPTY_BUFFER;
        }
        if (digest != null) {
            digest.update(chunk.nioBuffer());
        }
        progress += chunk.readableBytes();
        if (streamEnded) {
            ended = true;
        }
        return chunk;
    }

    /** Reads a whole chunk (fewer bytes only at the end of the stream or of the announced length). */
    private ByteBuf readStream(ByteBufAllocator allocator) throws IOException {
        if (streamEnded) {
            return null;
        }
        int want = length >= 0 ? (int) Math.min(CHUNK, length - progress) : CHUNK;
        ByteBuf chunk = allocator.heapBuffer(want);
        boolean keep = false;
        try {
            int got = stream.readNBytes(chunk.array(), chunk.arrayOffset() + chunk.writerIndex(), want);
            chunk.writerIndex(chunk.writerIndex() + got);
            if (got < want) {
                streamEnded = true;
            }
            keep = got > 0;
            return keep ? chunk : null;
        } finally {
            if (!keep) {
                chunk.release();
            }
        }
    }

    @Deprecated
    @Override
    public ByteBuf readChunk(ChannelHandlerContext ctx) throws Exception {
        return readChunk(ctx.alloc());
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public long progress() {
        return progress;
    }

    @Override
    public void close() throws Exception {
        if (file != null) {
            file.close();
        } else {
            stream.close();
        }
    }
}
