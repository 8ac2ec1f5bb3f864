package org.ztp4j.http.internal;

import java.io.IOException;

/**
 * A response body that could not be sent whole because of the resource, not the client: it ended
 * before the length the response announced, or reading it failed. The connection is dropped so
 * that the client sees a broken transfer, never a short body that looks complete.
 */
public final class ResourceFailure extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * @param reason what happened, for the access log and the {@code TransferFailed} event
     * @param cause  the read error, or {@code null} when the resource just ended early
     */
    public ResourceFailure(String reason, Throwable cause) {
        super(reason, cause);
    }

    /**
     * @param sent   bytes read so far
     * @param length bytes announced
     * @return the failure of a resource that ended early
     */
    static ResourceFailure endedEarly(long sent, long length) {
        return new ResourceFailure("the file ended after " + sent + " of " + length + " bytes", null);
    }

    /**
     * @param sent  bytes read so far
     * @param cause the read error
     * @return the failure of a resource that could not be read
     */
    static ResourceFailure readFailed(long sent, Throwable cause) {
        return new ResourceFailure("reading the file failed after " + sent + " bytes: " + cause.getMessage(), cause);
    }
}
