/**
 * ztp4j file serving: a TFTP server (RFC 1350, 2347, 2348, 2349, 7440) and an HTTP(S) file server,
 * both serving from one {@link org.ztp4j.core.FileProvider}.
 */
module org.ztp4j.tftp {
    requires transitive org.ztp4j.core;
    requires org.apache.commons.net;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires transitive jdk.httpserver;

    exports org.ztp4j.tftp;
    exports org.ztp4j.http;
}
