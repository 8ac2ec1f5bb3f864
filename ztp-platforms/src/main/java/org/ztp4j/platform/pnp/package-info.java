/**
 * Cisco Plug and Play: the PnP server side of the protocol Catalyst and ISR devices speak when
 * DHCP option 43 (or {@code pnpserver.<domain>}) names a PnP server. The device drives the
 * exchange ({@code HELLO}, then work requests and work responses); the server keeps each device's
 * progress by the serial of its UDI and hands out device-info, image-install, config-upgrade and
 * backoff work items in turn.
 */
package org.ztp4j.platform.pnp;
