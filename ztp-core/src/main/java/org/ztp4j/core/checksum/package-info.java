/**
 * Streaming checksums (MD5, SHA-256, SHA-512) that match md5sum and friends, sidecar files in the
 * form POAP reads, and the POAP script {@code #md5sum} stamper.
 */
package org.ztp4j.core.checksum;
