package org.ztp4j.http.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ztp4j.core.internal.LogText;
import org.ztp4j.core.Protocol;
import org.ztp4j.core.http.EndpointRequest;
import org.ztp4j.core.http.EndpointResponse;
import org.ztp4j.core.http.HttpEndpoint;

/**
 * Runs one {@link HttpEndpoint} on a request read whole, on a worker thread, and turns its answer
 * into a reply with a {@code Content-Length}. An endpoint that throws gets a 500 and a log line.
 */
public final class EndpointAnswer {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointAnswer.class);

    private EndpointAnswer() {
    }

    /**
     * @param request  the request head
     * @param body     the request body, at most the endpoint's {@link HttpEndpoint#maxBodyBytes()}
     * @param endpoint the endpoint
     * @param protocol {@link Protocol#HTTP} or {@link Protocol#HTTPS}
     * @return what to send
     */
    public static Reply answer(RequestHead request, byte[] body, HttpEndpoint endpoint, Protocol protocol) {
        EndpointResponse response;
        try {
            response = endpoint.handle(new EndpointRequest(request.method(), request.rawPath(), request.query(),
                    request.headers(), body, request.client(), protocol));
            if (response == null) {
                throw new IllegalStateException("the endpoint returned no response");
            }
            if (response.status() < 200) {
                throw new IllegalStateException("the endpoint answered " + response.status() + ", which is not a final status");
            }
        } catch (Exception e) {
            LOG.warn("{} {}: handler failed", LogText.of(request.method()), LogText.of(request.rawPath()), e);
            return Reply.text(500, "internal error", request.isHead()).note("handler failed: " + e);
        }
        Reply reply = new Reply(response.status());
        response.headers().forEach(reply::header);
        byte[] out = response.body();
        int status = response.status();
        if (status == 204 || status == 304) {
            reply.headers().remove("Content-Length");
            return reply;
        }
        reply.header("Content-Length", Integer.toString(out.length));
        return request.isHead() || out.length == 0 ? reply : reply.body(new Reply.Bytes(out));
    }
}
