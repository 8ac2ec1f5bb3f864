package org.ztp4j.server.status;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ztp4j.core.http.EndpointRequest;
import org.ztp4j.core.http.EndpointResponse;
import org.ztp4j.core.http.HttpEndpoint;
import org.ztp4j.core.status.DeviceStatusBoard;
import org.ztp4j.http.HttpFileServer;

/**
 * A status page for people: {@code /} is a plain HTML page whose script polls
 * {@value #API_PATH} every 2 seconds and shows one row per device (state in colour, a progress
 * bar for image transfers, last request, timings, last error); {@value #API_PATH} is the
 * {@link DeviceStatusBoard}'s JSON for tools.
 *
 * <pre>{@code
 * DeviceStatusBoard board = DeviceStatusBoard.of(inventory);
 * HttpFileServer.Builder http = HttpFileServer.builder().fileProvider(files).listener(board);
 * new StatusPage(board).mountOn(http);      // "/" and "/api/devices"; every other path is a file
 * }</pre>
 *
 * <p>GET and HEAD only (else 405). Responses are not cached and carry a Content-Security-Policy
 * that allows only the page's own inline script and style (by hash) and requests to this server;
 * the page puts device-sent text into the document as text, never as markup.
 */
public final class StatusPage implements HttpEndpoint {

    /** Where the JSON is served. */
    public static final String API_PATH = "/api/devices";

    private static final String RESOURCE = "status.html";
    private static final Pattern INLINE = Pattern.compile("<(script|style)>(.*?)</\\1>", Pattern.DOTALL);

    private final DeviceStatusBoard board;
    private final byte[] html;
    private final String contentSecurityPolicy;

    /**
     * @param board the board to show
     * @throws UncheckedIOException when the page resource is missing from the class path
     */
    public StatusPage(DeviceStatusBoard board) {
        this.board = Objects.requireNonNull(board, "status board");
        String page = loadPage();
        this.html = page.getBytes(StandardCharsets.UTF_8);
        this.contentSecurityPolicy = policyFor(page);
    }

    /**
     * Mounts the page at {@code /} and the JSON at {@value #API_PATH} of an HTTP file server.
     *
     * @param http the server's builder
     * @return the same builder
     */
    public HttpFileServer.Builder mountOn(HttpFileServer.Builder http) {
        routes().forEach(http::endpoint);
        return http;
    }

    /**
     * The prefixes to mount this handler at, for servers built otherwise, such as
     * {@code page.routes().forEach(provisioningBuilder::httpEndpoint)}.
     *
     * @return {@code "/"} and {@value #API_PATH}, each mapped to this handler, in that order
     */
    public Map<String, HttpEndpoint> routes() {
        Map<String, HttpEndpoint> routes = new LinkedHashMap<>();
        routes.put("/", this);
        routes.put(API_PATH, this);
        return Collections.unmodifiableMap(routes);
    }

    @Override
    public EndpointResponse handle(EndpointRequest request) {
        String method = request.method();
        String path = request.rawPath();
        if (!method.equals("HEAD") && !method.equals("GET")) {
            return page(EndpointResponse.text(405, "method not allowed").withHeader("Allow", "GET, HEAD"));
        } else if (path.equals("/") || path.equals("/index.html")) {
            return page(EndpointResponse.of(200, "text/html; charset=utf-8", html)
                    .withHeader("Content-Security-Policy", contentSecurityPolicy));
        } else if (path.equals(API_PATH) || path.equals(API_PATH + "/")) {
            return page(EndpointResponse.json(200, board.toJson()));
        }
        return page(EndpointResponse.text(404, "not found"));
    }

    private static EndpointResponse page(EndpointResponse r) {
        return r.withHeader("Cache-Control", "no-store").withHeader("Referrer-Policy", "no-referrer");
    }

    private static String loadPage() {
        try (InputStream in = StatusPage.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("status page resource " + RESOURCE + " missing from the class path"));
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the status page resource " + RESOURCE, e);
        }
    }

    // CSP level 2: an inline <script> or <style> runs only when the hash of its exact text is listed.
    private static String policyFor(String page) {
        StringBuilder scripts = new StringBuilder();
        StringBuilder styles = new StringBuilder();
        Matcher m = INLINE.matcher(page);
        while (m.find()) {
            String hash = " 'sha256-" + sha256(m.group(2)) + "'";
            (m.group(1).equals("script") ? scripts : styles).append(hash);
        }
        return "default-src 'none'; script-src" + (scripts.isEmpty() ? " 'none'" : scripts)
                + "; style-src" + (styles.isEmpty() ? " 'none'" : styles)
                + "; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this Java runtime", e);
        }
    }
}
