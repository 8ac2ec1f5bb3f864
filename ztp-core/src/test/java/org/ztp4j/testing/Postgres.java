package org.ztp4j.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server of a test's own: Debian's {@code postgresql} package's {@code initdb} and
 * {@code pg_ctl}, run in a temporary directory on a free loopback port, as an unprivileged user when
 * the test runs as root (PostgreSQL refuses to run as root: the package's {@code postgres} user, or a
 * {@code ztp4j-test} system user made with {@code useradd}). When PostgreSQL is not installed the
 * test is skipped, except under CI ({@code CI=true}), where that fails it (see {@link ExternalTool}).
 *
 * <p>It can be killed ({@code pg_ctl stop -m immediate}: every server process aborts at once, clients
 * see their connections break, and the next start recovers from the write-ahead log as after a crash)
 * and started again on the same data and port, so a test can show what a client does while its
 * database is down; or frozen ({@link #freeze()}, SIGSTOP) and let go again ({@link #thaw()}), to show
 * what a client does while its database hangs.
 *
 * <pre>{@code
 * try (Postgres pg = Postgres.start()) {
 *     String url = pg.createDatabase("ztp");   // jdbc:postgresql://127.0.0.1:PORT/ztp?user=...&password=...
 *     pg.kill();
 *     pg.restart();
 * }
 * }</pre>
 */
public final class Postgres implements AutoCloseable {

    /** The superuser the cluster is made with; tests connect as it with {@link #password()}. */
    public static final String USER = "ztp4j";

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final Path log;
    private final String osUser;
    private final int port;
    private final String password;
    private final Thread cleanupOnExit;
    private boolean running;
    private boolean frozen;

    private Postgres(Path bin, Path dir, String osUser, int port, String password) {
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.log = dir.resolve("postgres.log");
        this.osUser = osUser;
        this.port = port;
        this.password = password;
        this.cleanupOnExit = new Thread(this::closeQuietly, "postgres-cleanup-" + port);
    }

    /**
     * Makes a new cluster in a temporary directory and starts it; skips the test (fails it under CI)
     * when PostgreSQL is not installed.
     *
     * @return the running server
     */
    public static Postgres start() {
        Path bin = binDir();
        String osUser = unprivilegedUser();
        Path dir;
        try {
            dir = Files.createTempDirectory("ztp4j-postgres-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String password = randomPassword();
        Postgres pg = new Postgres(bin, dir, osUser, freePort(), password);
        try {
            pg.init();
            pg.restart();
        } catch (RuntimeException | Error e) {
            pg.closeQuietly();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(pg.cleanupOnExit);
        return pg;
    }

    /**
     * Finds Debian's PostgreSQL: the highest version under {@code /usr/lib/postgresql}.
     *
     * @return its {@code bin} directory, if installed
     */
    public static Optional<Path> find() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(Postgres::majorVersion));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int majorVersion(Path bin) {
        String name = bin.getParent().getFileName().toString();
        try {
            return Integer.parseInt(name.replaceAll("\\..*", ""));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Path binDir() {
        Optional<Path> bin = find();
        ExternalTool.requireThat(bin.isPresent(),
                "PostgreSQL not found (no /usr/lib/postgresql/<version>/bin/initdb): apt-get install -y postgresql");
        return bin.orElseThrow();
    }

    /** Root may not run postgres: the package's own user, else a system user made for the tests. */
    private static String unprivilegedUser() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return null;
        }
        for (String candidate : List.of("postgres", "ztp4j-test")) {
            if (Processes.runAllowingFailure(List.of("id", "-u", candidate), 30).exitCode() == 0) {
                return candidate;
            }
        }
        Processes.run(List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "ztp4j-test"));
        return "ztp4j-test";
    }

    private static String randomPassword() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void init() {
        Path pwfile = dir.resolve("pwfile");
        try {
            Files.writeString(pwfile, password + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (osUser != null) {
            Processes.run(List.of("chown", "-R", osUser, dir.toString()));
        }
        // Passwords over TCP, as a real deployment: a test then shows a password never reaches a log.
        asOsUser(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--pwfile=" + pwfile,
                "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8", "--no-instructions");
    }

    /**
     * Starts the server on its data directory and port (again, after {@link #kill()} or {@link #stop()});
     * returns once it accepts connections.
     */
    public void restart() {
        if (running) {
            return;
        }
        // The socket lives in the test's directory: /var/run/postgresql may not exist or be the package's.
        String options = "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + dir
                + " -c fsync=off -c max_connections=200";
        asOsUser(bin.resolve("pg_ctl").toString(), "start", "-w", "-t", "60", "-D", data.toString(), "-l", log.toString(),
                "-o", options);
        running = true;
    }

    /**
     * Kills the server: every PostgreSQL process aborts at once without a checkpoint (SIGQUIT through
     * {@code pg_ctl stop -m immediate}), open connections break, and the port is closed when this returns.
     */
    public void kill() {
        halt("immediate");
    }

    /**
     * Freezes the server: SIGSTOP to the postmaster and every backend. Connections stay open and
     * new ones are accepted by the kernel, but nothing answers: a client waits, as on a database
     * that hangs or behind a link that drops packets. {@link #thaw()} lets it go on where it stopped.
     */
    public void freeze() {
        frozen = true; // before the signal: whatever it reached is let go again on close
        signalAll("-STOP");
    }

    /** Lets a {@linkplain #freeze() frozen} server go on (SIGCONT to all its processes). */
    public void thaw() {
        if (frozen) {
            signalAll("-CONT");
            frozen = false;
        }
    }

    private void signalAll(String signal) {
        long postmaster;
        try {
            postmaster = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("reading the postmaster's pid", e);
        }
        List<String> command = new ArrayList<>(List.of("kill", signal, String.valueOf(postmaster)));
        ProcessHandle.of(postmaster).ifPresent(p -> p.descendants().forEach(d -> command.add(String.valueOf(d.pid()))));
        // kill signals every pid it can; a backend that ended since it was listed is no failure
        Processes.Result r = Processes.runAllowingFailure(command, 30);
        if (r.exitCode() != 0 && (!ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false)
                || r.stderr().lines().anyMatch(l -> !l.contains("No such process")))) {
            throw new AssertionError(String.join(" ", command) + " exited " + r.exitCode() + ": " + r.output());
        }
    }

    /** Stops the server cleanly ({@code pg_ctl stop -m fast}). */
    public void stop() {
        halt("fast");
    }

    private void halt(String mode) {
        if (!running) {
            return;
        }
        thaw(); // a stopped process would not take pg_ctl's signal
        asOsUser(bin.resolve("pg_ctl").toString(), "stop", "-w", "-t", "60", "-m", mode, "-D", data.toString());
        running = false;
    }

    /**
     * Creates a database owned by {@link #USER}.
     *
     * @param name the database's name (letters, digits, underscores)
     * @return its JDBC URL, with user and password
     */
    public String createDatabase(String name) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("database name: " + name);
        }
        psql("postgres", "CREATE DATABASE " + name);
        return jdbcUrl(name);
    }

    /**
     * @param database a database on this server
     * @return its JDBC URL, with user and password as parameters, as {@code ztp serve --store} takes it
     */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + USER + "&password=" + password;
    }

    /**
     * Runs SQL with {@code psql} (over the server's Unix socket, unaligned, tuples only), so a test reads
     * the database with PostgreSQL's own client rather than with the code under test.
     *
     * @param database the database
     * @param sql      one or more statements
     * @return what psql printed: one line per row, columns separated by {@code |}
     */
    public String psql(String database, String sql) {
        Processes.Result r = asOsUserAllowingFailure(bin.resolve("psql").toString(), "-X", "-q", "-A", "-t",
                "-v", "ON_ERROR_STOP=1", "-h", dir.toString(), "-p", String.valueOf(port), "-U", USER, "-d", database,
                "-c", sql);
        if (r.exitCode() != 0) {
            throw new AssertionError("psql " + database + " -c '" + sql + "' exited " + r.exitCode() + ": " + r.output());
        }
        return r.stdout().strip();
    }

    /** @return whether the server accepts TCP connections on its port now */
    public boolean accepting() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** @return the server's TCP port on 127.0.0.1, the same across restarts */
    public int port() {
        return port;
    }

    /** @return {@link #USER}'s password */
    public String password() {
        return password;
    }

    /** @return the temporary directory that holds the data, the socket and the server log */
    public Path directory() {
        return dir;
    }

    /** @return the server's log so far, for a failing test's message */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** Kills the server and deletes its directory. */
    @Override
    public void close() {
        try {
            kill();
        } finally {
            deleteDirectory();
            try {
                Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
            } catch (IllegalStateException | IllegalArgumentException alreadyExitingOrNeverAdded) {
                // the hook is running (JVM exit) or was never added (start failed): nothing to remove
            }
        }
    }

    private void closeQuietly() {
        try {
            kill();
        } catch (RuntimeException | AssertionError e) {
            // cleaning up after a failure: the directory goes in any case
        }
        deleteDirectory();
    }

    private void deleteDirectory() {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    private void asOsUser(String... command) {
        Processes.Result r = asOsUserAllowingFailure(command);
        if (r.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + r.exitCode() + ": " + r.output()
                    + "\nserver log:\n" + log());
        }
    }

    private Processes.Result asOsUserAllowingFailure(String... command) {
        List<String> c = new ArrayList<>();
        if (osUser != null) {
            c.addAll(List.of("runuser", "-u", osUser, "--"));
        }
        c.addAll(List.of(command));
        return Processes.runAllowingFailure(dir, 120, c.toArray(String[]::new));
    }
}
