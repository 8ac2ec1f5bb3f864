/**
 * Who may use the status page's JSON API and from where: bearer tokens with a role
 * ({@link org.ztp4j.server.api.ApiAccess}), and the host names the API answers to, against DNS
 * rebinding ({@link org.ztp4j.server.api.AllowedHosts}). {@link org.ztp4j.server.api.ApiGate}
 * applies both to a request. The files devices fetch never pass through here.
 */
package org.ztp4j.server.api;
