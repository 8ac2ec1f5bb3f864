package org.ztp4j.http.internal;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.ztp4j.core.Protocol;
import org.ztp4j.core.http.EndpointRequest;
import org.ztp4j.core.http.EndpointResponse;
import org.ztp4j.core.http.HttpEndpoint;
import org.ztp4j.core.http.HttpHeaders;

/** Runs one {@link HttpEndpoint} on one exchange: reads the body whole, calls it, writes its answer. */
final class EndpointExchange {

    private EndpointExchange() {
    }

    /** @return a note for the access log, or {@code null} */
    static String serve(HttpExchange ex, HttpEndpoint endpoint, Protocol protocol) throws IOException {
        boolean head = ex.getRequestMethod().equals("HEAD");
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readNBytes(endpoint.maxBodyBytes() + 1);
        }
        if (body.length > endpoint.maxBodyBytes()) {
            return FileHandler.plain(ex, 413, "request body larger than " + endpoint.maxBodyBytes() + " bytes", head);
        }
        EndpointRequest request = new EndpointRequest(ex.getRequestMethod(), ex.getRequestURI().getRawPath(),
                ex.getRequestURI().getRawQuery(), HttpHeaders.of(ex.getRequestHeaders()), body, ex.getRemoteAddress(), protocol);
        EndpointResponse response = endpoint.handle(request);
        response.headers().forEach((name, value) -> ex.getResponseHeaders().set(name, value));
        byte[] out = response.body();
        int status = response.status();
        if (head || out.length == 0 || status == 204 || status == 304) {
            if (head && out.length > 0) {
                ex.getResponseHeaders().set("Content-Length", Integer.toString(out.length));
            }
            ex.sendResponseHeaders(status, -1);
            return null;
        }
        ex.sendResponseHeaders(status, out.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(out);
        }
        return null;
    }
}
