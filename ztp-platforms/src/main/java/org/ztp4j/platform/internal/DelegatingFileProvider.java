package org.ztp4j.platform.internal;

import java.io.IOException;
import java.util.Optional;
import org.ztp4j.core.FileProvider;
import org.ztp4j.core.FileRequest;
import org.ztp4j.core.FileResource;

/**
 * A provider whose content is set after the servers bound: the adapters render URLs with the real
 * ports, which are known only then. Until it is set, it has no files.
 */
public final class DelegatingFileProvider implements FileProvider {

    private volatile FileProvider delegate = request -> Optional.empty();

    /** @param provider the provider to answer from now on */
    public void delegate(FileProvider provider) {
        this.delegate = provider;
    }

    @Override
    public Optional<FileResource> open(FileRequest request) throws IOException {
        return delegate.open(request);
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
