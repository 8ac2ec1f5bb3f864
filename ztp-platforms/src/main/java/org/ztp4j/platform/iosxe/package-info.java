/**
 * Cisco IOS-XE Zero-Touch Provisioning: the Guest Shell Python script, per-device day-0 by serial,
 * and the endpoint the script reports its result to.
 */
package org.ztp4j.platform.iosxe;
