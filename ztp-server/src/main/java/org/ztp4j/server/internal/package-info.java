/** The facade's plumbing: providers and endpoints that are pointed at the adapters once the ports are bound. Not API. */
package org.ztp4j.server.internal;
