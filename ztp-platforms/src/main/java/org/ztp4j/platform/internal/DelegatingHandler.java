package org.ztp4j.platform.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/**
 * An HTTP handler mounted before the server binds and pointed at the adapter's handler once the
 * context (with the real ports) exists. Until then it answers 503.
 */
public final class DelegatingHandler implements HttpHandler {

    private volatile HttpHandler delegate;

    /** @param handler the handler to answer from now on */
    public void delegate(HttpHandler handler) {
        this.delegate = handler;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        HttpHandler h = delegate;
        if (h == null) {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
            return;
        }
        h.handle(exchange);
    }
}
