/**
 * The ztp4j device model and service provider interfaces: devices and their identities, the
 * {@link org.ztp4j.core.Inventory} they come from, the {@link org.ztp4j.core.FileProvider}s that
 * servers serve from, and the {@link org.ztp4j.core.ProvisioningEvent}s an embedding application
 * follows. Everything else in ztp4j plugs into these types.
 */
package org.ztp4j.core;
