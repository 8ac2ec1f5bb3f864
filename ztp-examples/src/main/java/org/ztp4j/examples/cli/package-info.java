/**
 * The {@code ztp} command line: a runnable ZTP server with an embedded demo, and the tools around
 * it (POAP script MD5 stamping, checksums, DHCP configurations, day-0 rendering).
 */
package org.ztp4j.examples.cli;
