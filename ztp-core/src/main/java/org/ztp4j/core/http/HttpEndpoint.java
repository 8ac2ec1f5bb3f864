package org.ztp4j.core.http;

import java.io.IOException;

/**
 * An HTTP endpoint mounted on a path prefix beside the served files: a device's report, a status
 * API. ztp4j's own type, so an adapter that answers over HTTP needs ztp-core alone, whatever
 * engine serves it. The server reads the request body whole (up to {@link #maxBodyBytes()}) before
 * calling it, answers 413 beyond that, and turns an exception into a 500 with a log line.
 *
 * <pre>{@code
 * HttpEndpoint hello = request -> EndpointResponse.text(200, "hello " + request.client());
 * HttpFileServer.builder().fileProvider(files).endpoint("/hello", hello).build();
 * }</pre>
 */
@FunctionalInterface
public interface HttpEndpoint {

    /** The default largest request body an endpoint takes: 64 KiB. */
    int DEFAULT_MAX_BODY = 64 * 1024;

    /**
     * @param request the request, with its whole body
     * @return the answer
     * @throws IOException when the endpoint cannot answer; the server sends 500
     */
    EndpointResponse handle(EndpointRequest request) throws IOException;

    /** @return the largest request body taken; a longer one is answered 413 without calling the endpoint */
    default int maxBodyBytes() {
        return DEFAULT_MAX_BODY;
    }
}
