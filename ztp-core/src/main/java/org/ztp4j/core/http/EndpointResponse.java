package org.ztp4j.core.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an {@link HttpEndpoint} answers: a status, header fields and a body sent with a fixed
 * length.
 *
 * <pre>{@code
 * return EndpointResponse.text(400, "expected /ztp/report/<SERIAL>");
 * return EndpointResponse.json(200, json).withHeader("Cache-Control", "no-store");
 * }</pre>
 *
 * @param status  the status code, 100..599
 * @param headers header fields to send; the server adds {@code Content-Length} and {@code Date}, and
 *                framing or connection fields ({@code Transfer-Encoding}, {@code Connection}, ...)
 *                are refused
 * @param body    the body; empty for none (always empty on the wire for HEAD, 204 and 304)
 */
public record EndpointResponse(int status, Map<String, String> headers, byte[] body) {

    /** Framing and hop-by-hop fields (RFC 9110 7.6.1, 8.6; RFC 9112 6.1): the server's to write. */
    private static final java.util.Set<String> SERVER_HEADERS = java.util.Set.of("content-length", "transfer-encoding",
            "connection", "keep-alive", "upgrade", "te", "trailer", "proxy-connection");

    /** @throws IllegalArgumentException when the status is not 100..599 or a header is not plain text */
    public EndpointResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status " + status + ": must be 100..599");
        }
        Objects.requireNonNull(headers, "headers");
        headers.forEach((name, value) -> {
            if (!name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
                throw new IllegalArgumentException("header name '" + name + "': not an HTTP token");
            }
            if (SERVER_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException("header " + name + ": the server sets it (framing and connection"
                        + " headers are not an endpoint's to give)");
            }
            if (value == null || value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7F)) {
                throw new IllegalArgumentException("header " + name + ": value must be printable (no CR or LF)");
            }
        });
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /**
     * @param status  the status
     * @param message a line of text, sent as {@code text/plain} with a newline added
     * @return the response
     */
    public static EndpointResponse text(int status, String message) {
        return of(status, "text/plain; charset=utf-8", (message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param status the status
     * @param json   a JSON document
     * @return the response, {@code application/json}
     */
    public static EndpointResponse json(int status, String json) {
        return of(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param status      the status
     * @param contentType the media type
     * @param body        the body
     * @return the response
     */
    public static EndpointResponse of(int status, String contentType, byte[] body) {
        return new EndpointResponse(status, Map.of("Content-Type", contentType, "X-Content-Type-Options", "nosniff"), body);
    }

    /** @return a 204 with no body */
    public static EndpointResponse noContent() {
        return new EndpointResponse(204, Map.of(), null);
    }

    /**
     * @param name  a header name
     * @param value its value
     * @return a copy with that header set (replacing one of the same name)
     */
    public EndpointResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>();
        headers.forEach((n, v) -> {
            if (!n.equalsIgnoreCase(name)) {
                h.put(n, v);
            }
        });
        h.put(name, value);
        return new EndpointResponse(status, h, body);
    }
}
