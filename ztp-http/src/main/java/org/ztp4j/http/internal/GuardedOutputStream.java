package org.ztp4j.http.internal;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The response body stream every handler writes to: counts the bytes for the access log, runs each
 * write under the {@link StallWatchdog}, and can abort a response so that the client sees a broken
 * connection instead of a short body that looks complete.
 */
public final class GuardedOutputStream extends OutputStream {

    /** Writes are cut into slices this big, so a slow but moving client is not taken for a stalled one. */
    static final int SLICE = 16 * 1024;

    private final OutputStream out;
    private final StallWatchdog.Guard guard;
    private long count;
    private boolean aborted;
    private boolean closed;

    /**
     * @param out   the exchange's own response stream
     * @param guard the watchdog guard of this exchange
     */
    public GuardedOutputStream(OutputStream out, StallWatchdog.Guard guard) {
        this.out = out;
        this.guard = guard;
    }

    /** @return the body bytes written so far */
    public long count() {
        return count;
    }

    /**
     * Makes {@link #close()} fail, so that {@code HttpExchange.close()} drops the connection rather
     * than end the response: after a failure in the middle of a chunked body, ending it cleanly
     * would tell the client it has the whole file.
     */
    public void abort() {
        aborted = true;
    }

    /** @return true after {@link #abort()} */
    public boolean aborted() {
        return aborted;
    }

    @Override
    public void write(int b) throws IOException {
        guard.enter();
        try {
            out.write(b);
        } finally {
            guard.exit();
        }
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, SLICE);
            guard.enter();
            try {
                out.write(b, off, n);
            } finally {
                guard.exit();
            }
            count += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public void flush() throws IOException {
        guard.enter();
        try {
            out.flush();
        } finally {
            guard.exit();
        }
    }

    @Override
    public void close() throws IOException {
        if (aborted) {
            // The JDK server has no call to drop a connection, but when closing the body stream
            // fails, HttpExchange.close() closes the connection: so fail, without ending the body.
            throw new IOException("response aborted");
        }
        if (closed) {
            return;
        }
        closed = true;
        guard.enter();
        try {
            out.close();
        } finally {
            guard.exit();
        }
    }
}
