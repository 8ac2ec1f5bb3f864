package org.ztp4j.server.internal;

import java.io.IOException;
import org.ztp4j.core.http.EndpointRequest;
import org.ztp4j.core.http.EndpointResponse;
import org.ztp4j.core.http.HttpEndpoint;

/**
 * An endpoint mounted before the server binds, pointed at the adapter's real endpoint once the
 * ports (and so the URLs devices use) are known; until then it answers 503.
 */
public final class DelegatingEndpoint implements HttpEndpoint {

    private final String name;
    private volatile HttpEndpoint delegate;

    /** @param name what it stands for, in log lines ({@code iosxe /ztp/report}) */
    public DelegatingEndpoint(String name) {
        this.name = name;
    }

    /** @param endpoint the endpoint to call from now on */
    public void delegate(HttpEndpoint endpoint) {
        this.delegate = endpoint;
    }

    @Override
    public EndpointResponse handle(EndpointRequest request) throws IOException {
        HttpEndpoint d = delegate;
        return d == null ? EndpointResponse.text(503, "starting") : d.handle(request);
    }

    @Override
    public int maxBodyBytes() {
        HttpEndpoint d = delegate;
        return d == null ? DEFAULT_MAX_BODY : d.maxBodyBytes();
    }

    @Override
    public String toString() {
        return name;
    }
}
