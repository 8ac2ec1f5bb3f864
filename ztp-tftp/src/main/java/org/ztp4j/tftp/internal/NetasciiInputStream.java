package org.ztp4j.tftp.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Converts a local (Unix) text stream to netascii while it is read: LF becomes CR LF and every CR
 * becomes CR NUL (RFC 1350 section 1 and the Telnet NVT rules of RFC 854). The mapping is the one
 * tftpd-hpa uses and is lossless: a client that undoes it gets the original bytes back, a CR LF in
 * the source included (sent as CR NUL CR LF).
 *
 * <p>The converted length is not known before the end, so netascii transfers do not report tsize.
 */
public final class NetasciiInputStream extends FilterInputStream {

    private final byte[] chunk = new byte[8192];
    private int chunkPos;
    private int chunkEnd;
    /** The second byte of an expansion not yet returned, or -1. */
    private int pending = -1;
    private boolean eof;

    /** @param in the local text */
    public NetasciiInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n = 0;
        while (n < len) {
            if (pending >= 0) {
                b[off + n++] = (byte) pending;
                pending = -1;
                continue;
            }
            if (chunkPos == chunkEnd) {
                if (eof || (n > 0 && in.available() <= 0)) {
                    break;
                }
                int r = in.read(chunk, 0, chunk.length);
                if (r < 0) {
                    eof = true;
                    break;
                }
                chunkPos = 0;
                chunkEnd = r;
                continue;
            }
            byte c = chunk[chunkPos++];
            if (c == '\n') {
                b[off + n++] = '\r';
                pending = '\n';
            } else if (c == '\r') {
                b[off + n++] = '\r';
                pending = 0;
            } else {
                b[off + n++] = c;
            }
        }
        return n == 0 && eof ? -1 : n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("netascii stream cannot skip");
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
