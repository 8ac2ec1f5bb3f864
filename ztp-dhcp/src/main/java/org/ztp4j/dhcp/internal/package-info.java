/**
 * Internals of ztp-dhcp: the per-server configuration renderers and lease file parsers (IPv4
 * parsing and arithmetic come from ztp-core's toolkit). Not exported; the API is in {@code org.ztp4j.dhcp}, {@code .config} and {@code .lease}.
 */
package org.ztp4j.dhcp.internal;
