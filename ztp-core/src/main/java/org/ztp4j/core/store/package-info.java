/**
 * Where device state and the event journal are kept: the {@link org.ztp4j.core.store.ProvisioningStore}
 * SPI an application implements on its own database (ztp-server brings one over JDBC for H2 and
 * PostgreSQL), and {@link org.ztp4j.core.store.InMemoryProvisioningStore} for tests and apps that keep none.
 */
package org.ztp4j.core.store;
