package org.ztp4j.http.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ztp4j.http.HttpFileServer;

/**
 * The one handler the JDK server knows: sends each request to the application route with the
 * longest matching prefix, or else to the files; keeps a handler's exception from reaching the JDK
 * server (500 and a log line); and writes one access-log line per request.
 */
public final class RequestDispatcher implements HttpHandler {

    private static final Logger ACCESS = LoggerFactory.getLogger(HttpFileServer.ACCESS_LOG);
    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);

    private final List<Route> routes;
    private final FileHandler files;
    private final StallWatchdog watchdog;

    /**
     * @param routes   the application's routes
     * @param files    everything else
     * @param watchdog frees threads of clients that stop reading
     */
    public RequestDispatcher(List<Route> routes, FileHandler files, StallWatchdog watchdog) {
        this.routes = routes.stream().sorted(Comparator.comparingInt((Route r) -> r.base().length()).reversed()).toList();
        this.files = files;
        this.watchdog = watchdog;
    }

    @Override
    public void handle(HttpExchange ex) {
        long started = System.nanoTime();
        String method = ex.getRequestMethod();
        String rawPath = ex.getRequestURI().getRawPath();
        String note = null;
        StallWatchdog.Guard guard = watchdog.watchCurrentThread();
        GuardedOutputStream out = new GuardedOutputStream(ex.getResponseBody(), guard);
        ex.setStreams(null, out);
        try {
            Route route = route(rawPath);
            if (route == null) {
                note = files.serve(ex, out, guard);
            } else {
                note = EndpointExchange.serve(ex, route.endpoint(), files.protocol());
            }
        } catch (Exception e) {
            note = "handler failed: " + e;
            LOG.warn("{} {}: handler failed", method, Printable.of(rawPath), e);
            if (ex.getResponseCode() == -1) {
                try {
                    FileHandler.plain(ex, 500, "internal error", method.equals("HEAD"));
                } catch (IOException | RuntimeException e2) {
                    out.abort();
                }
            } else {
                out.abort();
            }
        } finally {
            try {
                ex.close();
            } catch (RuntimeException e) {
                LOG.debug("closing the exchange failed", e);
            }
            guard.close();
            int status = ex.getResponseCode();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            if (note == null) {
                ACCESS.info("{} {} {} {} {} B {} ms", client(ex), Printable.of(method), Printable.of(rawPath),
                        status == -1 ? "-" : status, out.count(), millis);
            } else {
                ACCESS.info("{} {} {} {} {} B {} ms ({})", client(ex), Printable.of(method), Printable.of(rawPath),
                        status == -1 ? "-" : status, out.count(), millis, Printable.of(note));
            }
        }
    }

    /** @return the client as {@code address:port}, IPv6 in brackets, without a host name */
    static String client(HttpExchange ex) {
        InetSocketAddress a = ex.getRemoteAddress();
        if (a == null || a.getAddress() == null) {
            return "-";
        }
        String host = a.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    private Route route(String rawPath) {
        if (rawPath == null) {
            return null;
        }
        for (Route r : routes) {
            if (r.matches(rawPath)) {
                return r;
            }
        }
        return null;
    }
}
