package org.ztp4j.core;

/** The transfer protocols a device fetches files with. */
public enum Protocol {
    /** Trivial File Transfer Protocol (RFC 1350). */
    TFTP,
    /** Plain HTTP. */
    HTTP,
    /** HTTP over TLS. */
    HTTPS
}
