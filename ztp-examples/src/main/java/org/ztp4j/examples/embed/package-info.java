/**
 * Small programs that show how an application embeds ztp4j: a TFTP server over a file provider
 * of its own, and full provisioning fed from an in-memory inventory. For a platform adapter of your
 * own, see {@code org.ztp4j.platform.eos.EosZtpAdapter} in ztp-platforms: one class on ztp-core's SPI
 * and the shared {@code TemplatedPlatformAdapter} base.
 */
package org.ztp4j.examples.embed;
