package org.ztp4j.core.internal;

import java.net.BindException;
import java.net.InetSocketAddress;

/** A bind failure that says which server could not bind where: the JDK's own message names no address. */
public final class BindFailure {

    private BindFailure() {
    }

    /**
     * @param server what could not bind ({@code TFTP}, {@code HTTPS})
     * @param bind   where it asked to listen
     * @param cause  what the system said
     * @return {@code cannot bind the TFTP server to 127.0.0.1 port 69: Address already in use}, caused by {@code cause}
     */
    public static BindException of(String server, InetSocketAddress bind, Throwable cause) {
        String host = bind.getAddress() == null ? bind.getHostString() : bind.getAddress().getHostAddress();
        BindException named = new BindException("cannot bind the " + server + " server to " + host + " port " + bind.getPort()
                + ": " + cause.getMessage());
        named.initCause(cause);
        return named;
    }
}
