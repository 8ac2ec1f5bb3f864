package org.ztp4j.server.api;

import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import org.ztp4j.core.Protocol;
import org.ztp4j.core.http.EndpointRequest;
import org.ztp4j.core.http.EndpointResponse;
import org.ztp4j.core.http.HttpEndpoint;
import org.ztp4j.core.internal.LogText;

/**
 * The one check in front of the status page and every {@code /api} route, in this order:
 * <ol>
 *   <li>{@code Host} must be one of the {@link AllowedHosts} (DNS rebinding), else 421 Misdirected
 *       Request; a request without {@code Host} (HTTP/1.0) passes, as no browser sends one;</li>
 *   <li>an {@code Origin}, when there is one, must be this server as the request reached it: the same
 *       scheme and port, and an allowed host; else 403 (a page on another site pressing the buttons);</li>
 *   <li>{@code Authorization: Bearer <token>} must carry a token {@link ApiAccess} accepts, else 401
 *       with {@code WWW-Authenticate: Bearer} (RFC 6750 section 3);</li>
 *   <li>the token's role must allow what is asked, else 403 with {@code error="insufficient_scope"}.</li>
 * </ol>
 * No answer carries {@code Access-Control-Allow-Origin}, and nothing here reads or sets a cookie,
 * so a browser neither shares answers with other sites nor sends credentials on their behalf.
 */
public final class ApiGate {

    private static final String REALM = "Bearer realm=\"ztp4j\"";

    private final ApiAccess access;
    private final AllowedHosts hosts;

    /**
     * @param access the tokens accepted
     * @param hosts  the hosts answered to
     */
    public ApiGate(ApiAccess access, AllowedHosts hosts) {
        this.access = Objects.requireNonNull(access, "access");
        this.hosts = Objects.requireNonNull(hosts, "hosts");
    }

    /** @return no token needed, and every name of this machine allowed */
    public static ApiGate open() {
        return new ApiGate(ApiAccess.open(), AllowedHosts.localMachine());
    }

    /** @return the tokens accepted */
    public ApiAccess access() {
        return access;
    }

    /** @return the hosts answered to */
    public AllowedHosts hosts() {
        return hosts;
    }

    /**
     * The host and origin checks alone, for what holds no device data (the page's HTML shell).
     *
     * @param request a request
     * @return the refusal, or empty when it may go on
     */
    public Optional<EndpointResponse> checkHost(EndpointRequest request) {
        String host = request.header("Host");
        if (host != null && !hosts.permits(host)) {
            return Optional.of(EndpointResponse.text(421, "misdirected request: this server does not answer to the host '"
                    + LogText.of(host, 100) + "'"));
        }
        String origin = request.header("Origin");
        if (origin != null && !sameServer(origin, host, request.protocol())) {
            return Optional.of(EndpointResponse.text(403, "refused: a request from another origin (" + LogText.of(origin, 100) + ")"));
        }
        return Optional.empty();
    }

    /**
     * Every check, for a request that needs a role.
     *
     * @param request a request
     * @param needed  the role it needs
     * @return the refusal, or empty when it may go on
     */
    public Optional<EndpointResponse> check(EndpointRequest request, ApiRole needed) {
        Optional<EndpointResponse> refused = checkHost(request);
        if (refused.isPresent() || access.isOpen()) {
            return refused;
        }
        String token = bearer(request.header("Authorization"));
        if (token == null) {
            return Optional.of(EndpointResponse.text(401, "this API needs a token: send 'Authorization: Bearer <token>'")
                    .withHeader("WWW-Authenticate", REALM));
        }
        Optional<ApiRole> role = access.roleOf(token);
        if (role.isEmpty()) {
            return Optional.of(EndpointResponse.text(401, "the token is not one this server accepts")
                    .withHeader("WWW-Authenticate", REALM + ", error=\"invalid_token\""));
        }
        if (!role.get().allows(needed)) {
            return Optional.of(EndpointResponse.text(403, "refused: this needs the " + needed.id() + " role; the token has the "
                    + role.get().id() + " role").withHeader("WWW-Authenticate", REALM + ", error=\"insufficient_scope\""));
        }
        return Optional.empty();
    }

    /**
     * Puts an endpoint behind this gate: {@code GET} and {@code HEAD} need a viewer, anything else an operator.
     *
     * @param endpoint the endpoint, such as an application's own {@code /api/...} route
     * @return the guarded endpoint
     */
    public HttpEndpoint guard(HttpEndpoint endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        return new HttpEndpoint() {
            @Override
            public EndpointResponse handle(EndpointRequest request) throws IOException {
                boolean read = request.method().equals("GET") || request.method().equals("HEAD");
                Optional<EndpointResponse> refused = check(request, read ? ApiRole.VIEWER : ApiRole.OPERATOR);
                return refused.isPresent() ? refused.get() : endpoint.handle(request);
            }

            @Override
            public int maxBodyBytes() {
                return endpoint.maxBodyBytes();
            }

            @Override
            public String toString() {
                return endpoint + " behind the API gate";
            }
        };
    }

    /** @return the token of an {@code Authorization: Bearer} header, or {@code null} */
    static String bearer(String authorization) {
        if (authorization == null) {
            return null;
        }
        String a = authorization.strip();
        if (a.length() < 7 || !a.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = a.substring(7).strip();
        return token.isEmpty() ? null : token;
    }

    /**
     * Whether an {@code Origin} is this server as the request reached it. A browser sends
     * {@code Origin} on every cross-origin request and on same-origin ones other than GET and HEAD;
     * {@code null} (a sandboxed frame, a file) is never this server.
     */
    private boolean sameServer(String origin, String hostHeader, Protocol protocol) {
        URI u;
        try {
            u = new URI(origin.strip());
        } catch (java.net.URISyntaxException e) {
            return false;
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
        String own = protocol == Protocol.HTTPS ? "https" : "http";
        if (!scheme.equals(own) || u.getHost() == null || !hosts.permits(u.getHost())) {
            return false;
        }
        int port = u.getPort() >= 0 ? u.getPort() : defaultPort(own);
        return hostHeader == null || port == portOf(hostHeader, defaultPort(own));
    }

    private static int defaultPort(String scheme) {
        return scheme.equals("https") ? 443 : 80;
    }

    private static int portOf(String hostHeader, int otherwise) {
        String h = hostHeader.strip();
        int colon = h.startsWith("[") ? h.indexOf(':', Math.max(0, h.indexOf(']'))) : h.lastIndexOf(':');
        if (colon < 0 || !h.startsWith("[") && h.indexOf(':') != colon) {
            return otherwise;
        }
        try {
            return Integer.parseInt(h.substring(colon + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return access + "; " + hosts;
    }
}
