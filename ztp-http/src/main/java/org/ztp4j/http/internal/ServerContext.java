package org.ztp4j.http.internal;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ztp4j.core.FileProvider;
import org.ztp4j.core.Protocol;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.ProvisioningListener;

/**
 * What every connection of one server shares: its routes and files, who hears about transfers,
 * its limits, and the worker threads that run blocking work off the event loops.
 *
 * @param routes           the application's endpoints, longest prefix first
 * @param provider         where files come from
 * @param listener         who hears about requests and transfers (one that throws is logged and ignored)
 * @param protocol         {@link Protocol#HTTP} or {@link Protocol#HTTPS}
 * @param progressInterval bytes between two {@code TransferProgress} events
 * @param stallTimeout     how long a client may take no data while a response is under way
 * @param idleTimeout      how long a connection may stay open before the next request's first byte
 * @param headerTimeout    how long a request head may take from its first byte to its end
 * @param bodyTimeout      how long a request body may take from the end of the head to its own end
 * @param workers          runs {@code FileProvider.open} and endpoints
 * @param stopping         true once the server is closing
 */
public record ServerContext(List<Route> routes, FileProvider provider, ProvisioningListener listener, Protocol protocol,
                            long progressInterval, Duration stallTimeout, Duration idleTimeout, Duration headerTimeout,
                            Duration bodyTimeout, Executor workers,
                            BooleanSupplier stopping) {

    private static final Logger LOG = LoggerFactory.getLogger(ServerContext.class);

    /** Sorts the routes, longest prefix first. */
    public ServerContext {
        routes = routes.stream().sorted(Comparator.comparingInt((Route r) -> r.base().length()).reversed()).toList();
    }

    /**
     * @param rawPath a request path as sent
     * @return the route with the longest matching prefix, or {@code null} for a file
     */
    public Route route(String rawPath) {
        for (Route r : routes) {
            if (r.matches(rawPath)) {
                return r;
            }
        }
        return null;
    }

    /** @return true when the server is closing */
    public boolean isStopping() {
        return stopping.getAsBoolean();
    }

    /** @param event tells the listener; a listener that throws is logged and does not affect the transfer */
    public void emit(ProvisioningEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            LOG.warn("provisioning listener failed on {}", event.getClass().getSimpleName(), e);
        }
    }
}
