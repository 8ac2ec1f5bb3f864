/**
 * The platform adapters' shared base ({@link org.ztp4j.platform.TemplatedPlatformAdapter}) and the
 * endpoint that takes device reports ({@link org.ztp4j.platform.DeviceReportHandler}); the adapters
 * themselves live in one package per platform.
 */
package org.ztp4j.platform;
