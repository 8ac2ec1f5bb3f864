package org.ztp4j.core;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A device asking for a file.
 *
 * @param path     the path exactly as the client asked for it (not yet checked: see {@link RequestPath})
 * @param client   where the request came from
 * @param protocol the protocol it came over
 * @param identity what is known about the device (never {@code null}; may be {@link DeviceIdentity#unknown()})
 */
public record FileRequest(String path, InetSocketAddress client, Protocol protocol, DeviceIdentity identity) {

    /** @throws NullPointerException when the path, client or protocol is missing */
    public FileRequest {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(protocol, "protocol");
        if (identity == null) {
            identity = client.getAddress() == null ? DeviceIdentity.unknown() : DeviceIdentity.ofAddress(client.getAddress());
        }
    }

    /**
     * @param newPath another path, as a client would send it
     * @return a copy of this request for that path
     */
    public FileRequest withPath(String newPath) {
        return new FileRequest(newPath, client, protocol, identity);
    }

    /**
     * @param newIdentity what is now known about the device
     * @return a copy of this request with the identity replaced
     */
    public FileRequest withIdentity(DeviceIdentity newIdentity) {
        return new FileRequest(path, client, protocol, newIdentity);
    }
}
