/**
 * Small programs that show how an application embeds ztp4j: a TFTP server over a file provider
 * of its own, and full provisioning fed from an in-memory inventory. The third example, a custom
 * platform adapter, is {@code org.ztp4j.examples.adapter.EosZtpAdapter}.
 */
package org.ztp4j.examples.embed;
