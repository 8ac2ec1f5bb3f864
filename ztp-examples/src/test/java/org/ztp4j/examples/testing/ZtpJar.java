package org.ztp4j.examples.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.ztp4j.testing.Processes;

/**
 * The built {@code ztp.jar}, run as users and scripts run it: {@code java -jar target/ztp.jar ...}
 * with the java of the running JVM. {@link #run} runs one command to its end; {@link #start} and
 * {@link #serve} keep one in the background with its output in files, and {@link #close()} stops it
 * with SIGTERM (then kills it). The one way the tests of ztp-examples start the jar.
 */
public final class ZtpJar implements AutoCloseable {

    /** The jar {@code mvn package} builds; failsafe runs in the module's folder. */
    public static final Path JAR = Path.of("target/ztp.jar").toAbsolutePath();

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private ZtpJar(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    private static String[] command(List<String> args) {
        if (!Files.isRegularFile(JAR)) {
            throw new AssertionError(JAR + " is missing: build it with mvn -pl ztp-examples package");
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        cmd.addAll(args);
        return cmd.toArray(String[]::new);
    }

    /**
     * Runs one {@code ztp} command to its end, whatever its exit code (60 s at most).
     *
     * @param dir  the working directory
     * @param args the command's arguments
     * @return its exit code and output
     */
    public static Processes.Result ztp(Path dir, String... args) {
        return Processes.runAllowingFailure(dir, 60, command(List.of(args)));
    }

    /**
     * Runs one {@code ztp} command to its end and fails when it exits non-zero.
     *
     * @param dir  the working directory
     * @param args the command's arguments
     * @return what it printed on standard output
     */
    public static String run(Path dir, String... args) {
        return Processes.run(dir, command(List.of(args))).stdout();
    }

    /**
     * Starts a {@code ztp} command in the background.
     *
     * @param dir  where it runs and where its output files go
     * @param args its arguments
     * @return the running process
     * @throws IOException when it cannot start
     */
    public static ZtpJar start(Path dir, String... args) throws IOException {
        Path out = Files.createTempFile(dir, "ztp", ".out");
        Path err = Files.createTempFile(dir, "ztp", ".err");
        Process p = new ProcessBuilder(command(List.of(args))).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        return new ZtpJar(p, out, err);
    }

    /**
     * Starts {@code ztp serve} and returns once its HTTP port answers.
     *
     * @param dir      where its output files go
     * @param host     the address it binds (its HTTP port is polled there)
     * @param httpPort its HTTP port
     * @param args     the arguments after {@code serve}
     * @return the running server
     * @throws IOException when it cannot start
     */
    public static ZtpJar serve(Path dir, InetAddress host, int httpPort, List<String> args) throws IOException {
        List<String> all = new ArrayList<>(List.of("serve"));
        all.addAll(args);
        ZtpJar serve = start(dir, all.toArray(String[]::new));
        try {
            serve.awaitTcp(new InetSocketAddress(host, httpPort));
        } catch (RuntimeException | Error e) {
            serve.close();
            throw e;
        }
        return serve;
    }

    /**
     * Waits (60 s at most) until something listens on the loopback port, failing early with the
     * server's output when it died.
     *
     * @param port a TCP port on loopback
     */
    public void awaitTcp(int port) {
        awaitTcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    /** @param address a TCP address to wait for (60 s at most) */
    public void awaitTcp(InetSocketAddress address) {
        await(Duration.ofSeconds(60), () -> {
            try (Socket s = new Socket()) {
                s.connect(address, 500);
                return true;
            } catch (IOException notYet) {
                return false;
            }
        }, "the server to listen on " + address);
    }

    /**
     * @param limit     how long to wait
     * @param condition what should become true
     * @param what      what is awaited, for the message
     */
    public void await(Duration limit, BooleanSupplier condition, String what) {
        Instant end = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new AssertionError("ztp exited " + process.exitValue() + " while waiting for " + what + ":\n" + output());
            }
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("timed out waiting for " + what + ":\n" + output());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** @return what it printed on standard output so far */
    public String out() {
        return read(stdout);
    }

    /** @return what it printed on standard error so far */
    public String err() {
        return read(stderr);
    }

    /** @return what it printed so far, stdout then stderr */
    public String output() {
        return "--- stdout\n" + out() + "--- stderr\n" + err();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("reading " + file, e);
        }
    }

    /** @return whether it still runs */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Sends SIGTERM, as a service manager or Ctrl-C's cousin does, and waits for the exit.
     *
     * @return the exit code
     * @throws InterruptedException when interrupted
     */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("ztp did not stop within 20 s of SIGTERM");
        }
        return process.exitValue();
    }

    /** @return a loopback port that was free a moment ago for both UDP and TCP @throws IOException when none is */
    public static int freePort() throws IOException {
        for (int i = 0; i < 50; i++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
                    return port;
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        throw new IOException("no free port");
    }

    /** @param host where @return a TCP port nothing listens on at the moment @throws IOException when none */
    public static int freeTcpPort(InetAddress host) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, host)) {
            return s.getLocalPort();
        }
    }

    /** @param host where @return a UDP port nothing listens on at the moment @throws IOException when none */
    public static int freeUdpPort(InetAddress host) throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(host, 0))) {
            return s.getLocalPort();
        }
    }

    /** Stops it as a user's Ctrl-C or a service manager does (SIGTERM), then kills it. */
    @Override
    public void close() {
        Processes.stop(process, 15);
    }
}
