package org.ztp4j.core.http;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.ztp4j.core.Protocol;

/**
 * One request to an {@link HttpEndpoint}, read whole before the endpoint sees it (an endpoint's
 * body is a small report or form, never an image).
 *
 * @param method   the method as sent, such as {@code POST}
 * @param rawPath  the path as sent, before percent-decoding and without the query
 * @param query    the query as sent, without the {@code ?}, or {@code null} when there is none
 * @param headers  the header fields
 * @param body     the body; empty when none
 * @param client   where the request came from
 * @param protocol {@link Protocol#HTTP} or {@link Protocol#HTTPS}
 */
public record EndpointRequest(String method, String rawPath, String query, HttpHeaders headers, byte[] body,
                              InetSocketAddress client, Protocol protocol) {

    /** @throws NullPointerException when a part other than the query is missing */
    public EndpointRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(protocol, "protocol");
        headers = headers == null ? HttpHeaders.empty() : headers;
        body = body == null ? new byte[0] : body;
    }

    /** @return the body as UTF-8 text */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * @param name a header name, any case
     * @return its first value, or {@code null}
     */
    public String header(String name) {
        return headers.first(name).orElse(null);
    }

    @Override
    public String toString() {
        return method + " " + rawPath + " from " + client;
    }
}
