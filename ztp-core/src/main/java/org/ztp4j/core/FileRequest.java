package org.ztp4j.core;

import java.net.InetSocketAddress;
import java.util.Objects;
import org.ztp4j.core.http.HttpHeaders;

/**
 * A device asking for a file.
 *
 * @param path     the path exactly as the client asked for it (not yet checked: see {@link RequestPath})
 * @param client   where the request came from
 * @param protocol the protocol it came over
 * @param identity what is known about the device (never {@code null}; may be {@link DeviceIdentity#unknown()})
 * @param headers  the HTTP header fields the device sent (Cumulus sends {@code CUMULUS-SERIAL}, for
 *                 example); empty over TFTP
 */
public record FileRequest(String path, InetSocketAddress client, Protocol protocol, DeviceIdentity identity,
                          HttpHeaders headers) {

    /** @throws NullPointerException when the path, client or protocol is missing */
    public FileRequest {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(protocol, "protocol");
        if (identity == null) {
            identity = client.getAddress() == null ? DeviceIdentity.unknown() : DeviceIdentity.ofAddress(client.getAddress());
        }
        headers = headers == null ? HttpHeaders.empty() : headers;
    }

    /**
     * A request without header fields, as over TFTP.
     *
     * @param path     the path as asked for
     * @param client   where the request came from
     * @param protocol the protocol
     * @param identity what is known about the device, or {@code null}
     */
    public FileRequest(String path, InetSocketAddress client, Protocol protocol, DeviceIdentity identity) {
        this(path, client, protocol, identity, HttpHeaders.empty());
    }

    /**
     * @param newPath another path, as a client would send it
     * @return a copy of this request for that path
     */
    public FileRequest withPath(String newPath) {
        return new FileRequest(newPath, client, protocol, identity, headers);
    }

    /**
     * @param newIdentity what is now known about the device
     * @return a copy of this request with the identity replaced
     */
    public FileRequest withIdentity(DeviceIdentity newIdentity) {
        return new FileRequest(path, client, protocol, newIdentity, headers);
    }
}
