package org.ztp4j.server.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ztp4j.core.FileProvider;
import org.ztp4j.core.FileRequest;
import org.ztp4j.core.FileResource;

/**
 * A provider whose content is set after the servers bound: the adapters render URLs with the real
 * ports, which are known only then. A request that arrives in between waits for it (a few
 * milliseconds in practice) rather than getting "file not found", which a device may not retry.
 */
public final class DelegatingFileProvider implements FileProvider {

    private static final long WAIT_SECONDS = 10;

    private final CountDownLatch ready = new CountDownLatch(1);
    private final String name;
    private volatile FileProvider delegate = request -> Optional.empty();

    /** @param name what it serves, in words, for log lines ({@code the adapters nxos, ios}) */
    public DelegatingFileProvider(String name) {
        this.name = name;
    }

    /** @param provider the provider to answer from now on */
    public void delegate(FileProvider provider) {
        this.delegate = provider;
        ready.countDown();
    }

    @Override
    public Optional<FileResource> open(FileRequest request) throws IOException {
        try {
            if (!ready.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException("server still starting after " + WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the server was starting");
        }
        return delegate.open(request);
    }

    @Override
    public String toString() {
        return name;
    }
}
