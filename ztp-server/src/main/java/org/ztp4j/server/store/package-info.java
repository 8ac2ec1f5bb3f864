/**
 * A {@link org.ztp4j.core.store.ProvisioningStore} over JDBC: H2 in a state directory (the embedded
 * default) or PostgreSQL (shared by several servers), one schema for both, migrated with Flyway.
 */
package org.ztp4j.server.store;
