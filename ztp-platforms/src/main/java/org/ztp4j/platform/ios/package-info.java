/**
 * Cisco IOS AutoInstall over TFTP: {@code network-confg} built from the inventory, per-device
 * {@code <hostname>-confg} and {@code <hostname>.cfg}, and a default {@code router-confg}, with
 * devices identified by name or by their DHCP lease.
 */
package org.ztp4j.platform.ios;
