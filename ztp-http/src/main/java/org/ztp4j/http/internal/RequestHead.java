package org.ztp4j.http.internal;

import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ztp4j.core.http.HttpHeaders;

/**
 * What the server keeps of a request once its head has arrived, copied out of the engine's message
 * so that a worker thread can use it after the message is released.
 *
 * @param method    the method as sent
 * @param target    the request-target as sent
 * @param rawPath   its path, before percent-decoding and without the query
 * @param query     its query without the {@code ?}, or {@code null}
 * @param headers   the header fields
 * @param client    where it came from
 * @param keepAlive whether the client wants the connection kept open after the response
 * @param http10    whether it is an HTTP/1.0 request (no chunked responses)
 */
public record RequestHead(String method, String target, String rawPath, String query, HttpHeaders headers,
                          InetSocketAddress client, boolean keepAlive, boolean http10) {

    /**
     * @param request the decoded request head
     * @param client  the connection's remote address
     * @return what the server keeps of it
     */
    public static RequestHead of(HttpRequest request, InetSocketAddress client) {
        String target = request.uri();
        String pathAndQuery = originForm(target);
        int q = pathAndQuery.indexOf('?');
        String rawPath = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? null : pathAndQuery.substring(q + 1);
        Map<String, List<String>> fields = new LinkedHashMap<>();
        request.headers().forEach(e -> fields.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return new RequestHead(request.method().name(), target, rawPath, query, HttpHeaders.of(fields), client,
                HttpUtil.isKeepAlive(request), request.protocolVersion().equals(HttpVersion.HTTP_1_0));
    }

    /**
     * RFC 9112 section 3.2: a request-target in absolute form ({@code http://host/path?q}) names
     * the same resource as its path and query; a fragment is never part of the request.
     */
    static String originForm(String target) {
        String t = target;
        int scheme = t.startsWith("/") ? -1 : t.indexOf("://");
        if (scheme > 0) {
            int end = scheme + 3;
            while (end < t.length() && "/?#".indexOf(t.charAt(end)) < 0) {
                end++;
            }
            t = end == t.length() || t.charAt(end) != '/' ? "/" + t.substring(end) : t.substring(end);
        }
        int hash = t.indexOf('#');
        return hash < 0 ? t : t.substring(0, hash);
    }

    /** @return true for a HEAD request */
    public boolean isHead() {
        return method.equals("HEAD");
    }

    /**
     * @param name a header name, any case
     * @return its first value, or {@code null}
     */
    public String header(String name) {
        return headers.first(name).orElse(null);
    }
}
