/**
 * Small programs that show how an application embeds ztp4j: a TFTP server over a file provider
 * of its own, and full provisioning fed from an in-memory inventory. For a platform adapter of your
 * own, see {@code org.ztp4j.examples.adapter}: one class on ztp-core's SPI alone, plugged into a
 * server by code or by {@code META-INF/services}.
 */
package org.ztp4j.examples.embed;
