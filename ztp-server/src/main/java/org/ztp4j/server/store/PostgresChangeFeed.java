package org.ztp4j.server.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How several servers on one PostgreSQL hear of each other's writes within a second: each store
 * write sends {@code NOTIFY ztp4j_devices} in its transaction (PostgreSQL delivers it at commit, and
 * not at all on rollback), and one connection per server {@code LISTEN}s on a thread of its own.
 *
 * <p>The payload is the greatest journal id written, the writing store's origin (a name unique to
 * the process, so that a server does not hear its own writes twice), then the changed devices' keys,
 * one a line.
 * PostgreSQL caps a payload near 8000 bytes: a write that changed more devices than fit sends the id
 * alone, which a listener takes as "something changed: read it all" ({@link Listener#missed()}), as
 * it does after its connection was lost and made again (notifications sent meanwhile are gone). A
 * server that reads the store at its start listens first ({@link #awaitListening}), so that nothing
 * written between the two is missed.
 * While the database is down the listener tries again every second (at most), logging the outage
 * once and the return once.
 */
final class PostgresChangeFeed implements AutoCloseable {

    /** The channel every ztp4j server on a database notifies and listens on. */
    public static final String CHANNEL = "ztp4j_devices";

    /** Bytes of payload sent at most (PostgreSQL's limit is 8000 bytes less a little). */
    static final int MAX_PAYLOAD = 7900;

    private static final Logger LOG = LoggerFactory.getLogger(PostgresChangeFeed.class);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final String url;
    private final Properties properties;
    private final String description;
    private final Listener listener;
    private final String origin;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Connection connection;
    private volatile boolean listening;

    /** Hears the other servers' writes (and this server's own). */
    public interface Listener {

        /**
         * @param deviceKeys the keys of the devices a write changed
         * @param lastId     the greatest journal id the write made (or the greatest there was)
         */
        void changed(List<String> deviceKeys, long lastId);

        /**
         * Some notifications may have been missed (the feed listens again after its connection was
         * lost, or a write changed too many devices to name): read whatever changed from the store.
         */
        void missed();
    }

    private PostgresChangeFeed(String url, Properties properties, String description, String origin, Listener listener) {
        this.url = url;
        this.properties = properties;
        this.description = description;
        this.listener = listener;
        this.origin = origin;
        this.thread = new Thread(this::listen, "ztp-store-listen");
        this.thread.setDaemon(true);
    }

    /**
     * Starts listening on a connection of its own; returns at once (the first connection is made on
     * the feed's thread, and tried again while it fails).
     *
     * @param url         the database's JDBC URL
     * @param properties  connection properties (user, password) beside those in the URL
     * @param description the database for logs, without its password
     * @param origin      this process's writes' origin (see {@link #notify}): they are not heard
     * @param listener    hears the changes, on the feed's thread
     * @return the running feed
     */
    public static PostgresChangeFeed listen(String url, Properties properties, String description, String origin,
                                            Listener listener) {
        PostgresChangeFeed feed = new PostgresChangeFeed(Objects.requireNonNull(url, "url"), properties == null ? new Properties() : properties,
                Objects.requireNonNull(description, "description"), Objects.requireNonNull(origin, "origin"),
                Objects.requireNonNull(listener, "listener"));
        feed.thread.start();
        return feed;
    }

    /**
     * Sends the notification of a write, in the caller's transaction: call it before committing.
     *
     * @param c          the connection writing
     * @param origin     who writes: a name unique to the process, without line breaks
     * @param deviceKeys the devices the write changed
     * @param lastId     the greatest journal id it made
     * @throws SQLException when the database refuses
     */
    public static void notify(Connection c, String origin, Collection<String> deviceKeys, long lastId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            s.setString(1, CHANNEL);
            s.setString(2, payload(origin, deviceKeys, lastId));
            s.execute();
        }
    }

    static String payload(String origin, Collection<String> deviceKeys, long lastId) {
        String head = lastId + "\n" + origin.replace('\n', ' ');
        StringBuilder b = new StringBuilder(head);
        int bytes = head.getBytes(StandardCharsets.UTF_8).length;
        for (String key : deviceKeys) {
            // Keys are serials, MACs and addresses; one with a line break cannot be named on a line.
            int size = key.getBytes(StandardCharsets.UTF_8).length + 1;
            if (key.indexOf('\n') >= 0 || bytes + size > MAX_PAYLOAD) {
                return head; // too many to name: the listeners read it all
            }
            b.append('\n').append(key);
            bytes += size;
        }
        return b.toString();
    }

    /**
     * @param payload a notification's payload
     * @return the id, the origin and the keys in it (empty: read it all)
     */
    static Parsed parse(String payload) {
        String[] lines = payload.split("\n", -1);
        long id;
        try {
            id = Long.parseLong(lines[0]);
        } catch (NumberFormatException e) {
            return new Parsed(0, "", List.of());
        }
        String from = lines.length > 1 ? lines[1] : "";
        List<String> keys = new ArrayList<>(Arrays.asList(lines).subList(Math.min(2, lines.length), lines.length));
        keys.removeIf(String::isEmpty);
        return new Parsed(id, from, List.copyOf(keys));
    }

    /**
     * A payload read back.
     *
     * @param lastId     the id
     * @param origin     who wrote
     * @param deviceKeys the keys, empty when the writer named none
     */
    record Parsed(long lastId, String origin, List<String> deviceKeys) {
    }

    private void listen() {
        boolean everConnected = false;
        boolean down = false;
        while (!closed) {
            try (Connection c = DriverManager.getConnection(url, properties)) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                listening = true;
                if (down) {
                    LOG.info("store {}: listening for other servers' changes again", description);
                }
                if (everConnected) {
                    listener.missed(); // what was notified while we were away is lost: read it all
                }
                everConnected = true;
                down = false;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] got = pg.getNotifications((int) POLL.toMillis());
                    if (got == null) {
                        continue;
                    }
                    for (PGNotification n : got) {
                        deliver(n.getParameter());
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                if (!down) {
                    LOG.warn("store {}: cannot listen for other servers' changes ({}); trying again every {} s",
                            description, e.getMessage(), RETRY.toSeconds());
                    down = true;
                }
                sleep(RETRY);
            } finally {
                listening = false;
                connection = null;
            }
        }
    }

    private void deliver(String payload) {
        Parsed p = parse(payload);
        if (p.origin().equals(origin)) {
            return; // our own write: this process's subscribers heard of it when it was made
        }
        try {
            if (p.deviceKeys().isEmpty()) {
                listener.missed();
            } else {
                listener.changed(p.deviceKeys(), p.lastId());
            }
        } catch (RuntimeException e) {
            LOG.warn("store {}: change listener failed: {}", description, e.toString());
        }
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    /**
     * Waits until the feed listens, so that a caller that reads the store next misses no write made
     * after that read.
     *
     * @param limit how long to wait at most
     * @return whether it listens
     */
    boolean awaitListening(Duration limit) {
        long end = System.nanoTime() + limit.toNanos();
        while (!listening && !closed && System.nanoTime() < end) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return listening;
            }
        }
        return listening;
    }

    /** @return whether the feed is connected and listening now */
    public boolean listening() {
        return listening;
    }

    /** Stops listening and waits (a second at most) for the feed's thread to end. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "change feed of " + description;
    }
}
