package org.ztp4j.server.status;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ztp4j.core.http.EndpointRequest;
import org.ztp4j.core.http.EndpointResponse;
import org.ztp4j.core.http.HttpEndpoint;
import org.ztp4j.core.internal.LogText;
import org.ztp4j.core.status.BoardAction;
import org.ztp4j.core.status.DeviceStatus;
import org.ztp4j.core.status.DeviceStatusBoard;
import org.ztp4j.core.store.ProvisioningStore;
import org.ztp4j.core.store.StoreException;
import org.ztp4j.http.HttpFileServer;
import org.ztp4j.server.api.ApiGate;
import org.ztp4j.server.api.ApiRole;

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
 * <p>Per device: {@code GET /api/devices/{key}} is one device's JSON; {@code GET
 * /api/devices/{key}/events?after=ID&limit=N} its journal from the store ({@link JournalJson});
 * {@code POST /api/devices/{key}/reset}, {@code /retry} and {@code /decommission} take that action
 * ({@link BoardAction}) and answer the device's JSON: 404 for an unknown device, 409 for a retry of
 * a device that did not fail.
 *
 * <p>Every request passes an {@link ApiGate} first: the page and the API answer only to the hosts
 * the server is known by (421 otherwise) and to no other origin (403); the API needs a bearer token
 * (401) whose role allows what is asked (403: an action needs {@link ApiRole#OPERATOR}). The HTML
 * page holds no device data, so it needs no token: its script sends the token it is given in the
 * address's fragment ({@code /#token=...}, which never reaches a server) or typed into its prompt,
 * and keeps it in the tab's {@code sessionStorage}. No cookie is used, so there is nothing to forge.
 *
 * <p>Otherwise GET and HEAD only (else 405). Responses are not cached and carry a Content-Security-Policy
 * that allows only the page's own inline script and style (by hash) and requests to this server;
 * the page puts device-sent text into the document as text, never as markup.
 */
public final class StatusPage implements HttpEndpoint {

    /** Where the JSON is served. */
    public static final String API_PATH = "/api/devices";

    private static final String RESOURCE = "status.html";
    private static final Pattern INLINE = Pattern.compile("<(script|style)>(.*?)</\\1>", Pattern.DOTALL);

    private final DeviceStatusBoard board;
    private final ProvisioningStore store;
    private final ApiGate gate;
    private final byte[] html;
    private final String contentSecurityPolicy;

    /**
     * @param board the board to show
     * @throws UncheckedIOException when the page resource is missing from the class path
     */
    public StatusPage(DeviceStatusBoard board) {
        this(board, null);
    }

    /**
     * A page whose API also reads each device's journal from a store, and takes operators' actions,
     * open to anyone who reaches it by one of this machine's names ({@link ApiGate#open()}).
     *
     * @param board the board to show
     * @param store where the journal is kept, or {@code null} for none (then {@code /events} is 404)
     * @throws UncheckedIOException when the page resource is missing from the class path
     */
    public StatusPage(DeviceStatusBoard board, ProvisioningStore store) {
        this(board, store, ApiGate.open());
    }

    /**
     * A page behind a gate of tokens and host names, as {@code Provisioning} mounts it.
     *
     * @param board the board to show
     * @param store where the journal is kept, or {@code null} for none (then {@code /events} is 404)
     * @param gate  who may use the API, and the hosts it answers to
     * @throws UncheckedIOException when the page resource is missing from the class path
     */
    public StatusPage(DeviceStatusBoard board, ProvisioningStore store, ApiGate gate) {
        this.board = Objects.requireNonNull(board, "status board");
        this.store = store;
        this.gate = Objects.requireNonNull(gate, "gate");
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
        Optional<EndpointResponse> refused = path.startsWith(API_PATH)
                ? gate.check(request, isAction(method, path) ? ApiRole.OPERATOR : ApiRole.VIEWER)
                : gate.checkHost(request);
        if (refused.isPresent()) {
            return page(refused.get());
        }
        if (path.startsWith(API_PATH + "/") && path.length() > API_PATH.length() + 1) {
            return page(device(request, path.substring(API_PATH.length() + 1)));
        }
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

    /** {@code /api/devices/{key}}, {@code .../events} and the actions {@code .../reset|retry|decommission}. */
    private EndpointResponse device(EndpointRequest request, String rest) {
        int slash = rest.indexOf('/');
        String key = decode(slash < 0 ? rest : rest.substring(0, slash));
        String what = slash < 0 ? "" : rest.substring(slash + 1);
        if (key == null || key.isEmpty()) {
            return EndpointResponse.text(400, "bad device key in " + LogText.of(request.rawPath()));
        }
        String method = request.method();
        BoardAction action = switch (what) {
            case "reset" -> BoardAction.RESET;
            case "retry" -> BoardAction.RETRY;
            case "decommission" -> BoardAction.DECOMMISSION;
            default -> null;
        };
        if (action != null) {
            if (!method.equals("POST")) {
                return EndpointResponse.text(405, "method not allowed").withHeader("Allow", "POST");
            }
            String actor = "api from " + request.client().getAddress().getHostAddress();
            try {
                Optional<DeviceStatus> d = board.act(key, action, actor, Instant.now());
                return d.map(s -> EndpointResponse.json(200, DeviceStatusBoard.toJson(s)))
                        .orElseGet(() -> noDevice(key));
            } catch (IllegalStateException e) {
                return EndpointResponse.text(409, e.getMessage());
            }
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return EndpointResponse.text(405, "method not allowed").withHeader("Allow", "GET, HEAD");
        }
        if (what.isEmpty()) {
            return board.device(key).map(s -> EndpointResponse.json(200, DeviceStatusBoard.toJson(s)))
                    .orElseGet(() -> noDevice(key));
        }
        if (what.equals("events")) {
            return events(request, key);
        }
        return EndpointResponse.text(404, "not found: " + LogText.of(what) + " (known: events, reset, retry, decommission)");
    }

    private EndpointResponse events(EndpointRequest request, String key) {
        if (store == null) {
            return EndpointResponse.text(404, "this server keeps no journal (it has no store)");
        }
        long after;
        int limit;
        try {
            after = Long.parseLong(queryValue(request.query(), "after", "0"));
            limit = Integer.parseInt(queryValue(request.query(), "limit", "1000"));
        } catch (NumberFormatException e) {
            return EndpointResponse.text(400, "after and limit must be whole numbers: " + LogText.of(request.query()));
        }
        if (after < 0 || limit < 1 || limit > 10_000) {
            return EndpointResponse.text(400, "after must be 0 or more and limit 1..10000");
        }
        if (board.device(key).isEmpty() && store.device(key).isEmpty()) {
            return noDevice(key);
        }
        try {
            return EndpointResponse.json(200, JournalJson.of(store.journal(key, after, limit), after));
        } catch (StoreException e) {
            return EndpointResponse.text(503, "journal not readable now: " + e.getMessage());
        }
    }

    private static EndpointResponse noDevice(String key) {
        return EndpointResponse.text(404, "no device " + LogText.of(key));
    }

    /** @return whether the request is an operator's action, {@code POST /api/devices/{key}/reset|retry|decommission} */
    private static boolean isAction(String method, String path) {
        if (!method.equals("POST")) {
            return false;
        }
        int slash = path.lastIndexOf('/');
        String last = path.substring(slash + 1);
        return slash > API_PATH.length() && (last.equals("reset") || last.equals("retry") || last.equals("decommission"));
    }

    private static String queryValue(String query, String name, String otherwise) {
        if (query == null) {
            return otherwise;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return pair.substring(eq + 1);
            }
        }
        return otherwise;
    }

    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
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
