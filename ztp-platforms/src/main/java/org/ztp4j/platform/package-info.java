/**
 * The platform adapters' shared base ({@link org.ztp4j.platform.TemplatedPlatformAdapter}), checksum
 * sidecars, device reports, and the {@link org.ztp4j.server.Provisioning} facade that runs TFTP and
 * HTTP over every adapter's files so that an application embeds ZTP in a few lines.
 */
package org.ztp4j.platform;
