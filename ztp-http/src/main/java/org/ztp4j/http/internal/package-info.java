/**
 * The HTTP file server's inner workings: request-target decoding, range and validator logic,
 * routing, streaming and TLS key material. Not exported: the public API is {@code org.ztp4j.http}.
 */
package org.ztp4j.http.internal;
