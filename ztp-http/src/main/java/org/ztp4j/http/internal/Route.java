package org.ztp4j.http.internal;

import java.util.Objects;
import org.ztp4j.core.internal.LogText;
import org.ztp4j.core.http.HttpEndpoint;

/**
 * An application endpoint mounted beside the files.
 *
 * <p>Matching is on the request path as sent (before percent-decoding, without the query), by
 * whole segments: {@code /api/} and {@code /api} both take {@code /api} and everything below
 * {@code /api/}, but not {@code /apix}; {@code /} alone takes only the path {@code /} (an index
 * page), because everything else below the root is a file.
 *
 * @param prefix  the path prefix as registered
 * @param endpoint the application's endpoint
 */
public record Route(String prefix, HttpEndpoint endpoint) {

    /** @throws IllegalArgumentException when the prefix is not a plain absolute path */
    public Route {
        Objects.requireNonNull(endpoint, "endpoint");
        if (prefix == null || !prefix.startsWith("/")) {
            throw new IllegalArgumentException("endpoint prefix '" + prefix + "': must start with '/'");
        }
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (c <= 0x20 || c >= 0x7F || c == '?' || c == '#' || c == '%' || c == '\\') {
                throw new IllegalArgumentException("endpoint prefix '" + LogText.of(prefix)
                        + "': only printable ASCII without spaces, '?', '#', '%' and '\\' is allowed");
            }
        }
        if (prefix.contains("//")) {
            throw new IllegalArgumentException("endpoint prefix '" + prefix + "': empty path segment");
        }
    }

    /** @return the prefix without its trailing slash ({@code /} stays {@code /}) */
    public String base() {
        return prefix.length() > 1 && prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    /**
     * @param rawPath a request path as sent
     * @return true when this route takes it
     */
    public boolean matches(String rawPath) {
        String base = base();
        if (base.equals("/")) {
            return rawPath.equals("/");
        }
        return rawPath.equals(base) || rawPath.startsWith(base + "/");
    }
}
