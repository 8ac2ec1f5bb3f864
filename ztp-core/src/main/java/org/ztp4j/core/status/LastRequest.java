package org.ztp4j.core.status;

import java.time.Instant;
import java.util.Objects;
import org.ztp4j.core.Protocol;

/**
 * The last file a device asked for.
 *
 * @param path     the path as asked
 * @param protocol over what
 * @param time     when
 */
public record LastRequest(String path, Protocol protocol, Instant time) {

    /** @throws NullPointerException naming the missing part */
    public LastRequest {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(time, "time");
    }
}
