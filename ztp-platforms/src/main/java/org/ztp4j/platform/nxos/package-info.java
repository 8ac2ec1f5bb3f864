/**
 * Cisco NX-OS PowerOn Auto Provisioning: the POAP script (MD5-stamped on every render), per-switch
 * day-0 files by serial, MAC or host name, and their {@code .md5} sidecars.
 */
package org.ztp4j.platform.nxos;
