package org.ztp4j.tftp.internal;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The request of each client's last finished transfer, for a while: a copy of it that arrives late
 * (the client resent it under load) is not a new request. Served again, it would hand a client that
 * reuses its port the old file in answer to its next request. Owned by one loop's thread.
 */
final class FinishedRequests {

    private static final int MAX_REMEMBERED = 8192;

    private record Finished(TftpRequest request, long untilNanos) {
    }

    private final long keepNanos;
    private final Map<InetSocketAddress, Finished> byClient = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetSocketAddress, Finished> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };

    /** @param keepNanos how long a finished request is remembered */
    FinishedRequests(long keepNanos) {
        this.keepNanos = keepNanos;
    }

    /** Remembers the request of a transfer that just finished. */
    void finished(InetSocketAddress client, TftpRequest request) {
        byClient.put(client, new Finished(request, System.nanoTime() + keepNanos));
    }

    /** @return true when this request is a late copy of the client's last finished one */
    boolean isLateCopy(InetSocketAddress client, TftpRequest request) {
        Finished done = byClient.remove(client);
        if (done != null && done.untilNanos() - System.nanoTime() > 0 && done.request().equals(request)) {
            byClient.put(client, done);
            return true;
        }
        return false;
    }
}
