/**
 * Internals of ztp-dhcp: the per-server configuration renderers, lease file parsers and IPv4
 * arithmetic. Not exported; the API is in {@code org.ztp4j.dhcp}, {@code .config} and {@code .lease}.
 */
package org.ztp4j.dhcp.internal;
