/**
 * What an operator watches while devices provision: a status page over a
 * {@link org.ztp4j.core.status.DeviceStatusBoard}, a TCP probe that tells when a device is reachable,
 * a webhook that forwards events, and a progress log for long image transfers.
 */
package org.ztp4j.server.status;
