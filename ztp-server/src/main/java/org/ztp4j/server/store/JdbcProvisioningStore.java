package org.ztp4j.server.store;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ztp4j.core.IpAddresses;
import org.ztp4j.core.MacAddress;
import org.ztp4j.core.Protocol;
import org.ztp4j.core.SerialNumber;
import org.ztp4j.core.status.DeviceSnapshot;
import org.ztp4j.core.status.DeviceState;
import org.ztp4j.core.status.LastRequest;
import org.ztp4j.core.status.TransferStatus;
import org.ztp4j.core.store.DeviceClaims;
import org.ztp4j.core.store.DeviceWrite;
import org.ztp4j.core.store.JournalEntry;
import org.ztp4j.core.store.JournalKind;
import org.ztp4j.core.store.ProvisioningStore;
import org.ztp4j.core.store.StoreException;

/**
 * A {@link ProvisioningStore} over JDBC, with the official drivers: H2 in a state directory (the
 * embedded default, {@link #inDirectory(Path)}) or PostgreSQL 15 and later ({@link #open(String)}),
 * for several servers that share one board. Both run the same SQL, H2 in its PostgreSQL mode; the
 * schema is created and migrated with Flyway (history table {@code ztp4j_schema_history}) when the
 * store opens.
 *
 * <pre>{@code
 * try (JdbcProvisioningStore store = JdbcProvisioningStore.inDirectory(Path.of("ztp4j-state"))) {
 *     store.journal("SAL1234ABCD", 0, 100).forEach(System.out::println);
 * }
 * }</pre>
 *
 * <p>Tables: {@code ztp_device} (one row per device key: its state and the times behind its
 * timings) and {@code ztp_journal} (one row per event, {@code id} increasing). Connections: one for
 * writes, one for reads, each opened again after a failure; every {@link #write} is one transaction.
 *
 * <p>Several servers on one PostgreSQL: each write notifies the others in its transaction
 * ({@code NOTIFY ztp4j_devices}), and once something {@linkplain #subscribe subscribes}, one more
 * connection listens for their writes (subscribe returns once it does, 5 s at most), so each server's
 * board follows the others' within a moment; after that connection was lost, subscribers hear of every
 * device once it is back. Table
 * {@code ztp_device_claim} holds the servers' {@linkplain #claims claims}.
 */
public final class JdbcProvisioningStore implements ProvisioningStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcProvisioningStore.class);

    /** The H2 database's file name in a state directory, without H2's {@code .mv.db}. */
    public static final String H2_NAME = "ztp4j";

    /** Seconds a new PostgreSQL connection may take, unless the URL says ({@code connectTimeout}). */
    public static final int CONNECT_TIMEOUT_SECONDS = 10;

    /**
     * Seconds PostgreSQL may take to answer a statement or a login, unless the URL says
     * ({@code socketTimeout}, 0 for no limit): far above what the store's statements (a batch of
     * at most 500 changes, a page of at most 1,000 entries) take on a working database.
     */
    public static final int SOCKET_TIMEOUT_SECONDS = 10;

    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:]*):[^/@]*@");

    private final String url;
    private final Properties credentials;
    private final String description;
    private final Link writer = new Link();
    private final Link reader = new Link();
    private final List<ChangeSubscriber> subscribers = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    /** PostgreSQL: other servers may share the database, and hear of this one's writes by NOTIFY. */
    private final boolean shared;
    /** Names this store's writes in notifications, so that it does not hear them a second time. */
    private final String origin = ProcessHandle.current().pid() + "/" + java.util.UUID.randomUUID();
    private PostgresChangeFeed feed; // guarded by subscribers
    private FileChannel directoryLock;

    private JdbcProvisioningStore(String url, Properties credentials, String description) {
        this.url = url;
        this.credentials = credentials;
        this.description = description;
        this.shared = url.startsWith("jdbc:postgresql:");
    }

    /**
     * Opens (creating it when needed) the embedded store in a state directory: an H2 database file
     * {@code ztp4j.mv.db} there. One server at a time: H2 locks the file.
     *
     * @param directory the state directory; created when missing
     * @return the store, migrated to this version's schema
     * @throws StoreException naming the directory when it cannot be created or written, or is in
     *                        use by another server
     */
    public static JdbcProvisioningStore inDirectory(Path directory) {
        Objects.requireNonNull(directory, "state directory");
        Path dir = directory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException("state directory " + dir + ": cannot be created: " + e.getMessage(), e);
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new StoreException("state directory " + dir + ": " + (Files.isDirectory(dir) ? "not writable" : "not a directory"));
        }
        FileChannel lock = lock(dir);
        // PostgreSQL mode: the shared store's SQL runs as it is. WRITE_DELAY=0: a commit is on disk before it
        // returns. DB_CLOSE_ON_EXIT=FALSE: the store closes the database itself, after the last write of a
        // server that stops (H2's own shutdown hook would close it first).
        String url = "jdbc:h2:file:" + dir.resolve(H2_NAME) + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"
                + ";DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        Properties p = new Properties();
        p.setProperty("user", "ztp4j");
        p.setProperty("password", "");
        try {
            JdbcProvisioningStore store = openAndMigrate(url, p, "state directory " + dir);
            store.directoryLock = lock;
            return store;
        } catch (RuntimeException e) {
            closeQuietly(lock);
            throw e;
        }
    }

    /** One server per state directory: a lock on {@code ztp4j.lock} there, held while the store is open. */
    private static FileChannel lock(Path dir) {
        Path file = dir.resolve(H2_NAME + ".lock");
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (channel.tryLock() == null) {
                closeQuietly(channel);
                throw new StoreException("state directory " + dir + ": in use by another server (" + file + " is locked)");
            }
            return channel;
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new StoreException("state directory " + dir + ": in use by another store in this process");
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException("state directory " + dir + ": cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(FileChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                LOG.debug("closing {}: {}", c, e.toString());
            }
        }
    }

    /**
     * Opens a store a JDBC URL names, such as
     * {@code jdbc:postgresql://db.example.net/ztp?user=ztp&password=...} (PostgreSQL 15 or later) or
     * an H2 URL, and migrates its schema.
     *
     * @param jdbcUrl the URL; user and password may be in it
     * @return the store
     * @throws StoreException naming the URL without its password when it cannot connect or migrate
     */
    public static JdbcProvisioningStore open(String jdbcUrl) {
        return open(jdbcUrl, null, null);
    }

    /**
     * @param jdbcUrl  the URL
     * @param user     the user, or {@code null} to take it from the URL
     * @param password the password, or {@code null}
     * @return the store
     * @throws StoreException naming the URL without its password when it cannot connect or migrate
     */
    public static JdbcProvisioningStore open(String jdbcUrl, String user, String password) {
        Objects.requireNonNull(jdbcUrl, "JDBC URL");
        if (!jdbcUrl.startsWith("jdbc:postgresql:") && !jdbcUrl.startsWith("jdbc:h2:")) {
            throw new StoreException("store " + withoutPassword(jdbcUrl)
                    + ": not a PostgreSQL (jdbc:postgresql://host/db) or H2 (jdbc:h2:...) URL");
        }
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            // The driver waits for an answer for ever by default: a database that hangs (frozen,
            // or behind a link that drops packets without closing connections) would hold the
            // store's threads until it came back. Bounded, a write fails and is tried again on a
            // new connection, and the outage is logged.
            unlessInUrl(jdbcUrl, p, "connectTimeout", CONNECT_TIMEOUT_SECONDS);
            unlessInUrl(jdbcUrl, p, "socketTimeout", SOCKET_TIMEOUT_SECONDS);
        }
        return openAndMigrate(jdbcUrl, p, withoutPassword(jdbcUrl));
    }

    private static void unlessInUrl(String url, Properties p, String name, int seconds) {
        int query = url.indexOf('?');
        String params = query < 0 ? "" : url.substring(query + 1).toLowerCase(java.util.Locale.ROOT);
        for (String param : params.split("&")) {
            if (param.startsWith(name.toLowerCase(java.util.Locale.ROOT) + "=")) {
                return;
            }
        }
        p.setProperty(name, String.valueOf(seconds));
    }

    /**
     * @param jdbcUrl a JDBC URL
     * @return it with any password taken out, for logs and errors
     */
    public static String withoutPassword(String jdbcUrl) {
        String s = PASSWORD.matcher(jdbcUrl).replaceAll("$1***");
        return USER_INFO.matcher(s).replaceAll("$1:***@");
    }

    private static JdbcProvisioningStore openAndMigrate(String url, Properties credentials, String description) {
        JdbcProvisioningStore store = new JdbcProvisioningStore(url, credentials, description);
        try (Connection c = store.connect()) {
            c.isValid(5);
        } catch (SQLException e) {
            throw new StoreException(store.failure("cannot connect", e), e);
        }
        try {
            Flyway.configure(JdbcProvisioningStore.class.getClassLoader())
                    .dataSource(url, credentials.getProperty("user"), credentials.getProperty("password"))
                    .locations("classpath:db/ztp4j-migration")
                    .table("ztp4j_schema_history")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StoreException(description + ": schema migration failed: " + e.getMessage(), e);
        }
        LOG.info("store: {}", description);
        return store;
    }

    @Override
    public List<JournalEntry> write(List<DeviceWrite> writes) {
        List<JournalEntry> stored = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        long last = writer.run(this, c -> {
            stored.clear();
            keys.clear();
            c.setAutoCommit(false);
            try {
                long max = 0;
                for (DeviceWrite w : writes) {
                    String key = w.device().key();
                    for (String former : w.formerKeys()) {
                        move(c, former, key);
                        keys.add(former);
                    }
                    upsert(c, w.device(), w.entry() == null ? null : w.entry().server());
                    keys.add(key);
                    if (w.entry() != null) {
                        JournalEntry e = append(c, w.entry());
                        stored.add(e);
                        max = Math.max(max, e.id());
                    }
                }
                if (shared) {
                    PostgresChangeFeed.notify(c, origin, keys, max); // delivered at commit, not at all on rollback
                }
                c.commit();
                return max;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
        if (!keys.isEmpty()) {
            for (ChangeSubscriber s : subscribers) {
                try {
                    s.changed(List.copyOf(keys), last);
                } catch (RuntimeException e) {
                    LOG.warn("store: a subscriber failed: {}", e.toString());
                }
            }
        }
        return List.copyOf(stored);
    }

    private static void move(Connection c, String former, String key) throws SQLException {
        try (PreparedStatement journal = c.prepareStatement("UPDATE ztp_journal SET device_key = ? WHERE device_key = ?");
             PreparedStatement device = c.prepareStatement("DELETE FROM ztp_device WHERE device_key = ?")) {
            journal.setString(1, key);
            journal.setString(2, former);
            journal.executeUpdate();
            device.setString(1, former);
            device.executeUpdate();
        }
    }

    private static final String COLUMNS = "hostname, serial, mac, platform, client_address, management_address, state, "
            + "state_since, before_transfer, transfer_path, transfer_sent, transfer_total, transfer_finished, transfer_time, "
            + "request_path, request_protocol, request_time, first_seen, first_request, config_served_at, reachable_at, "
            + "last_update, last_error, error_time, history, server";

    private static void upsert(Connection c, DeviceSnapshot d, String server) throws SQLException {
        String set = String.join(" = ?, ", COLUMNS.split(", ")) + " = ?";
        try (PreparedStatement update = c.prepareStatement("UPDATE ztp_device SET " + set + " WHERE device_key = ?")) {
            int n = bind(update, d, server);
            update.setString(n, d.key());
            if (update.executeUpdate() == 1) {
                return;
            }
        }
        String marks = "?, ".repeat(COLUMNS.split(", ").length) + "?";
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO ztp_device (" + COLUMNS + ", device_key) VALUES (" + marks + ")")) {
            int n = bind(insert, d, server);
            insert.setString(n, d.key());
            insert.executeUpdate();
        }
    }

    /** Binds the columns in {@link #COLUMNS} order; returns the next parameter index. */
    private static int bind(PreparedStatement s, DeviceSnapshot d, String server) throws SQLException {
        int i = 1;
        s.setString(i++, d.hostname());
        s.setString(i++, d.serial() == null ? null : d.serial().value());
        s.setString(i++, d.mac() == null ? null : d.mac().toString());
        s.setString(i++, d.platform());
        s.setString(i++, host(d.clientAddress()));
        s.setString(i++, host(d.managementAddress()));
        s.setString(i++, d.state().name());
        time(s, i++, d.stateSince());
        s.setString(i++, d.beforeTransfer().name());
        TransferStatus t = d.transfer();
        s.setString(i++, t == null ? null : t.path());
        number(s, i++, t == null ? null : t.bytesSent());
        number(s, i++, t == null ? null : t.totalBytes());
        if (t == null) {
            s.setNull(i++, Types.BOOLEAN);
        } else {
            s.setBoolean(i++, t.finished());
        }
        time(s, i++, d.transferTime());
        LastRequest r = d.lastRequest();
        s.setString(i++, r == null ? null : r.path());
        s.setString(i++, r == null ? null : r.protocol().name());
        time(s, i++, r == null ? null : r.time());
        time(s, i++, d.firstSeen());
        time(s, i++, d.firstRequest());
        time(s, i++, d.configServedAt());
        time(s, i++, d.reachableAt());
        time(s, i++, d.lastUpdate());
        s.setString(i++, d.lastError());
        time(s, i++, d.errorTime());
        // History lines have their control characters escaped (LogText): a newline separates them.
        s.setString(i++, String.join("\n", d.history()));
        s.setString(i++, server);
        return i;
    }

    private static JournalEntry append(Connection c, JournalEntry e) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ztp_journal (at, device_key, kind, path, protocol, client, "
                + "bytes, digest, duration_millis, detail, actor, server) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                new String[] {"id"})) {
            time(s, 1, e.time());
            s.setString(2, e.deviceKey());
            s.setString(3, e.kind().name());
            s.setString(4, e.path());
            s.setString(5, e.protocol() == null ? null : e.protocol().name());
            s.setString(6, e.client());
            number(s, 7, e.bytes());
            s.setString(8, e.digest());
            number(s, 9, e.durationMillis());
            s.setString(10, e.detail());
            s.setString(11, e.actor());
            s.setString(12, e.server());
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("no id generated for a journal entry");
                }
                return e.withId(keys.getLong(1));
            }
        }
    }

    @Override
    public List<DeviceSnapshot> devices() {
        return reader.run(this, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT device_key, " + COLUMNS + " FROM ztp_device ORDER BY stored_order");
                 ResultSet rs = s.executeQuery()) {
                List<DeviceSnapshot> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(device(rs));
                }
                return out;
            }
        });
    }

    @Override
    public Optional<DeviceSnapshot> device(String key) {
        return reader.run(this, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT device_key, " + COLUMNS + " FROM ztp_device WHERE device_key = ?")) {
                s.setString(1, key);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(device(rs)) : Optional.empty();
                }
            }
        });
    }

    private static final String JOURNAL = "SELECT id, at, device_key, kind, path, protocol, client, bytes, digest, "
            + "duration_millis, detail, actor, server FROM ztp_journal";

    @Override
    public List<JournalEntry> journal(String key, long afterId, int limit) {
        Objects.requireNonNull(key, "device key");
        requireLimit(limit);
        return reader.run(this, c -> {
            try (PreparedStatement s = c.prepareStatement(JOURNAL + " WHERE device_key = ? AND id > ? ORDER BY id LIMIT ?")) {
                s.setString(1, key);
                s.setLong(2, afterId);
                s.setInt(3, limit);
                return entries(s);
            }
        });
    }

    @Override
    public List<JournalEntry> journal(long afterId, int limit) {
        requireLimit(limit);
        return reader.run(this, c -> {
            try (PreparedStatement s = c.prepareStatement(JOURNAL + " WHERE id > ? ORDER BY id LIMIT ?")) {
                s.setLong(1, afterId);
                s.setInt(2, limit);
                return entries(s);
            }
        });
    }

    private static void requireLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit " + limit + ": must be 1 or more");
        }
    }

    private static List<JournalEntry> entries(PreparedStatement s) throws SQLException {
        List<JournalEntry> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                String protocol = rs.getString("protocol");
                out.add(new JournalEntry(rs.getLong("id"), instant(rs, "at"), rs.getString("device_key"),
                        JournalKind.valueOf(rs.getString("kind")), rs.getString("path"),
                        protocol == null ? null : Protocol.valueOf(protocol), rs.getString("client"),
                        number(rs, "bytes"), rs.getString("digest"), number(rs, "duration_millis"), rs.getString("detail"),
                        rs.getString("actor"), rs.getString("server")));
            }
        }
        return out;
    }

    private static DeviceSnapshot device(ResultSet rs) throws SQLException {
        String key = rs.getString("device_key");
        String serial = rs.getString("serial");
        String mac = rs.getString("mac");
        String transferPath = rs.getString("transfer_path");
        TransferStatus transfer = transferPath == null ? null : new TransferStatus(transferPath,
                rs.getLong("transfer_sent"), rs.getLong("transfer_total"), rs.getBoolean("transfer_finished"));
        String requestPath = rs.getString("request_path");
        LastRequest request = requestPath == null ? null
                : new LastRequest(requestPath, Protocol.valueOf(rs.getString("request_protocol")), instant(rs, "request_time"));
        String history = rs.getString("history");
        return new DeviceSnapshot(key, rs.getString("hostname"), serial == null ? null : SerialNumber.of(serial),
                mac == null ? null : MacAddress.parse(mac), rs.getString("platform"),
                address(rs.getString("client_address")), address(rs.getString("management_address")),
                DeviceState.valueOf(rs.getString("state")), instant(rs, "state_since"),
                DeviceState.valueOf(rs.getString("before_transfer")), transfer, instant(rs, "transfer_time"), request,
                instant(rs, "first_seen"), instant(rs, "first_request"), instant(rs, "config_served_at"),
                instant(rs, "reachable_at"), instant(rs, "last_update"), rs.getString("last_error"),
                instant(rs, "error_time"), history == null || history.isEmpty() ? List.of() : Arrays.asList(history.split("\n")));
    }

    @Override
    public AutoCloseable subscribe(ChangeSubscriber subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        synchronized (subscribers) {
            subscribers.add(subscriber);
            if (shared && feed == null && !closed) {
                feed = PostgresChangeFeed.listen(url, credentials, description, origin, new PostgresChangeFeed.Listener() {
                    @Override
                    public void changed(List<String> deviceKeys, long lastId) {
                        tell(deviceKeys, lastId);
                    }

                    @Override
                    public void missed() {
                        catchUp();
                    }
                });
                // What the subscriber reads from the store next misses no other server's write made after it.
                if (!feed.awaitListening(Duration.ofSeconds(5))) {
                    LOG.warn("store {}: not yet listening for other servers' changes; their changes meanwhile show when "
                            + "the devices change again", description);
                }
            }
        }
        return () -> subscribers.remove(subscriber);
    }

    /**
     * Subscribers of a store shared with other servers (PostgreSQL) hear of the others' writes too,
     * from a connection that listens for them: see {@link PostgresChangeFeed}.
     */
    private void tell(List<String> deviceKeys, long lastId) {
        for (ChangeSubscriber s : subscribers) {
            try {
                s.changedElsewhere(deviceKeys, lastId);
            } catch (RuntimeException e) {
                LOG.warn("store: a subscriber failed: {}", e.toString());
            }
        }
    }

    /** After the feed's connection was lost: every device may have changed meanwhile. */
    private void catchUp() {
        try {
            List<String> keys = new ArrayList<>();
            for (DeviceSnapshot d : devices()) {
                keys.add(d.key());
            }
            long last = reader.run(this, c -> {
                try (PreparedStatement s = c.prepareStatement("SELECT max(id) FROM ztp_journal"); ResultSet rs = s.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            });
            if (!keys.isEmpty()) {
                tell(keys, last);
            }
        } catch (StoreException e) {
            LOG.debug("store: catching up on other servers' changes: {}", e.getMessage());
        }
    }

    /**
     * Claims in the database for a store several servers share (PostgreSQL), so that of them one
     * alone probes each device; an H2 store has one server (it locks its file), whose claims are
     * always granted.
     */
    @Override
    public DeviceClaims claims(String server) {
        if (!shared) {
            return DeviceClaims.SOLE;
        }
        return new JdbcDeviceClaims(this::connect, server, description, java.time.Clock.systemUTC());
    }

    /**
     * Reads the key from the database, or makes it there when no server has yet: two servers that
     * make one at once both end up with the one written first.
     */
    @Override
    public Optional<byte[]> deviceTokenKey() {
        String name = "device-token-key";
        try (Connection c = connect()) {
            for (int attempt = 0; attempt < 2; attempt++) {
                try (java.sql.PreparedStatement read = c.prepareStatement("SELECT secret FROM ztp_shared_secret WHERE name = ?")) {
                    read.setString(1, name);
                    try (java.sql.ResultSet rs = read.executeQuery()) {
                        if (rs.next()) {
                            return Optional.of(java.util.HexFormat.of().parseHex(rs.getString(1)));
                        }
                    }
                }
                byte[] key = new byte[32];
                new java.security.SecureRandom().nextBytes(key);
                try (java.sql.PreparedStatement write = c.prepareStatement("INSERT INTO ztp_shared_secret (name, secret) VALUES (?, ?)")) {
                    write.setString(1, name);
                    write.setString(2, java.util.HexFormat.of().formatHex(key));
                    write.executeUpdate();
                    return Optional.of(key);
                } catch (SQLException raced) {
                    // another server wrote it first: read theirs
                }
            }
            throw new StoreException("store " + description + ": cannot read or make the device token key");
        } catch (SQLException e) {
            throw new StoreException("store " + description + ": cannot read the device token key: " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return description;
    }

    /** @return the JDBC URL, password included: for the code that opens further connections, never for logs */
    String url() {
        return url;
    }

    /**
     * Opens a new connection to the store's database, for a caller that needs one of its own (a
     * listener for other servers' changes). The caller closes it.
     *
     * @return the connection
     * @throws SQLException when it cannot connect
     */
    public Connection connect() throws SQLException {
        if (closed) {
            throw new SQLException("store " + description + " is closed");
        }
        return DriverManager.getConnection(url, credentials);
    }

    @Override
    public void close() {
        closed = true;
        synchronized (subscribers) {
            if (feed != null) {
                feed.close();
                feed = null;
            }
        }
        writer.close();
        reader.close();
        closeQuietly(directoryLock);
    }

    String failure(String what, SQLException e) {
        String reason = e.getMessage() == null ? e.toString() : e.getMessage();
        if (reason.contains("already in use") || reason.contains("Database may be already in use")) {
            reason = "in use by another process (H2 locks the database file): " + firstLine(reason);
        }
        return description + ": " + what + ": " + firstLine(reason);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    // ---------------------------------------------------------------- values

    private static void time(PreparedStatement s, int i, Instant t) throws SQLException {
        if (t == null) {
            s.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            s.setObject(i, t.atOffset(ZoneOffset.UTC));
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static void number(PreparedStatement s, int i, Long n) throws SQLException {
        if (n == null) {
            s.setNull(i, Types.BIGINT);
        } else {
            s.setLong(i, n);
        }
    }

    private static Long number(ResultSet rs, String column) throws SQLException {
        long n = rs.getLong(column);
        return rs.wasNull() ? null : n;
    }

    private static String host(InetAddress a) {
        return a == null ? null : a.getHostAddress();
    }

    private static InetAddress address(String text) {
        return text == null ? null : IpAddresses.parse("stored address", text);
    }

    // ---------------------------------------------------------------- connections

    /** Work done on one connection. */
    @FunctionalInterface
    private interface Work<T> {
        T on(Connection c) throws SQLException;
    }

    /** One connection, used by one caller at a time, opened again after a failure. */
    private static final class Link {
        private Connection connection;

        synchronized <T> T run(JdbcProvisioningStore store, Work<T> work) {
            if (store.closed) {
                throw new StoreException("store " + store.description + " is closed");
            }
            try {
                if (connection == null) {
                    connection = store.connect();
                }
                return work.on(connection);
            } catch (SQLException e) {
                close();
                throw new StoreException(store.failure("failed", e), e);
            }
        }

        synchronized void close() {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    LOG.debug("store: closing a connection: {}", e.toString());
                }
                connection = null;
            }
        }
    }
}
