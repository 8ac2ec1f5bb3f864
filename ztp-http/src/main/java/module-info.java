/**
 * ztp4j HTTP: an HTTP and HTTPS file server serving from one {@link org.ztp4j.core.FileProvider},
 * with application endpoints of ztp4j's own types ({@link org.ztp4j.core.http.HttpEndpoint}).
 * Its engine is Netty (NIO transport), which no public type shows. Bouncy Castle is optional:
 * only self-signed certificates and PEM files need it (key stores do not).
 */
module org.ztp4j.http {
    requires transitive org.ztp4j.core;
    requires io.netty.common;
    requires io.netty.buffer;
    requires io.netty.transport;
    requires io.netty.codec;
    requires io.netty.codec.http;
    requires io.netty.handler;
    requires static org.bouncycastle.provider;
    requires static org.bouncycastle.pkix;

    exports org.ztp4j.http;
}
