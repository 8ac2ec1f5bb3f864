/**
 * ztp4j TFTP: a TFTP server (RFC 1350, 2347, 2348, 2349, 7440) serving from one
 * {@link org.ztp4j.core.FileProvider}. It needs nothing but ztp-core and the SLF4J API.
 */
module org.ztp4j.tftp {
    requires transitive org.ztp4j.core;

    exports org.ztp4j.tftp;
}
