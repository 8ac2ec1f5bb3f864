/**
 * Where the runtime keeps device state and journals: stores over JDBC, and the change feed by which
 * several servers on one PostgreSQL follow each other's writes.
 */
package org.ztp4j.server.store;
