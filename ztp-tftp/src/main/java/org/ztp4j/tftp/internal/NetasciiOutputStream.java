package org.ztp4j.tftp.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Undoes netascii while a received file is written: CR LF becomes LF and CR NUL becomes CR (RFC
 * 1350 section 1); a CR followed by anything else is kept as it is.
 */
public final class NetasciiOutputStream extends FilterOutputStream {

    private boolean carriageReturn;

    /** @param out where the local text goes */
    public NetasciiOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        b &= 0xFF;
        if (carriageReturn) {
            carriageReturn = false;
            if (b == '\n') {
                out.write('\n');
                return;
            }
            out.write('\r');
            if (b == 0) {
                return;
            }
        }
        if (b == '\r') {
            carriageReturn = true;
        } else {
            out.write(b);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    @Override
    public void close() throws IOException {
        if (carriageReturn) {
            carriageReturn = false;
            out.write('\r');
        }
        super.close();
    }
}
