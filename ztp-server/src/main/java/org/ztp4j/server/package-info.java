/**
 * The runtime an application embeds: {@link org.ztp4j.server.Provisioning} runs TFTP and HTTP(S)
 * over every platform adapter's files, keeps the status board, probes devices for reachability and
 * reloads its inputs, so that an application embeds ZTP in a few lines.
 */
package org.ztp4j.server;
