/**
 * The HTTP file server's inner workings: the Netty pipeline of each connection and its request
 * handling, request-target decoding, range and validator logic, routing, response bodies and TLS
 * key material. Not exported: the public API is {@code org.ztp4j.http}.
 */
package org.ztp4j.http.internal;
