/**
 * A {@link org.ztp4j.core.store.ProvisioningStore} over JDBC: H2 in a state directory (the embedded
 * default) or PostgreSQL (shared by several servers), one schema for both, migrated with Flyway;
 * the {@link org.ztp4j.server.store.StoreWriter} that keeps a board's changes in it without making
 * serving wait; and, between servers on one PostgreSQL, a LISTEN/NOTIFY change feed and claims that let
 * one server alone probe a device.
 */
package org.ztp4j.server.store;
