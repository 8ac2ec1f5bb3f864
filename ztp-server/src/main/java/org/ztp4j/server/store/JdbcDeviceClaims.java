package org.ztp4j.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.ztp4j.core.internal.Checks;
import org.ztp4j.core.store.DeviceClaims;
import org.ztp4j.core.store.StoreException;

/**
 * {@link DeviceClaims} in the {@code ztp_device_claim} table of a JDBC store (PostgreSQL or H2): one row
 * per device and action, naming the server that holds it and until when (milliseconds since
 * 1970, so that no time zone setting of a server or a session can shift it). Each call is one or two
 * statements in auto-commit, so that two servers claiming at once cannot both win: the row's primary
 * key lets one insert through, and an update takes over an expired row under its row lock.
 * Leases are counted on the servers' clocks, so they should agree within seconds (NTP).
 */
final class JdbcDeviceClaims implements DeviceClaims {

    /** Opens a connection to the store's database. */
    @FunctionalInterface
    public interface Connections {
        /**
         * @return a connection, auto-commit on; the caller closes it
         * @throws SQLException when the database cannot be reached
         */
        Connection open() throws SQLException;
    }

    /** SQLSTATE of a unique or primary key violation, in PostgreSQL and H2 alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final Connections connections;
    private final String server;
    private final String description;
    private final Clock clock;

    /**
     * @param connections opens connections to the database
     * @param server      this server's name among those sharing the database (unique: host and process)
     * @param description the database for errors, without its password
     * @param clock       the clock leases are counted on
     */
    public JdbcDeviceClaims(Connections connections, String server, String description, Clock clock) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.server = Objects.requireNonNull(server, "server");
        this.description = Objects.requireNonNull(description, "description");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean claim(String subject, String action, Duration lease) {
        Checks.positive("claim lease", lease);
        Instant now = clock.instant();
        long until = now.plus(lease).toEpochMilli();
        try (Connection c = connections.open()) {
            try (PreparedStatement take = c.prepareStatement("UPDATE ztp_device_claim SET server = ?, expires_at = ?"
                    + " WHERE subject = ? AND action = ? AND (server = ? OR expires_at < ?)")) {
                take.setString(1, server);
                take.setLong(2, until);
                take.setString(3, subject);
                take.setString(4, action);
                take.setString(5, server);
                take.setLong(6, now.toEpochMilli());
                if (take.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement add = c.prepareStatement(
                    "INSERT INTO ztp_device_claim (subject, action, server, expires_at) VALUES (?, ?, ?, ?)")) {
                add.setString(1, subject);
                add.setString(2, action);
                add.setString(3, server);
                add.setLong(4, until);
                add.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return false; // another server holds it, or took it a moment before us
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("store " + description + ": cannot claim " + action + " of "
                    + subject + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void release(String subject, String action) {
        try (Connection c = connections.open();
             PreparedStatement s = c.prepareStatement("DELETE FROM ztp_device_claim WHERE subject = ? AND action = ? AND server = ?")) {
            s.setString(1, subject);
            s.setString(2, action);
            s.setString(3, server);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("store " + description + ": cannot release " + action + " of "
                    + subject + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "claims of " + server + " in " + description;
    }
}
