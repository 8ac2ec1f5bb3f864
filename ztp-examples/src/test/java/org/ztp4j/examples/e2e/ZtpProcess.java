package org.ztp4j.examples.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ztp4j.testing.Processes;

/**
 * The built {@code ztp.jar}, run as users and scripts run it: {@code java -jar target/ztp.jar ...}
 * with the java of the running JVM. {@link #serve} keeps a {@code ztp serve} in the background
 * with its output in files; {@link #close()} stops it with SIGTERM (then kills it).
 */
final class ZtpProcess implements AutoCloseable {

    /** The jar {@code mvn package} builds; failsafe runs in the module's folder. */
    static final Path JAR = Path.of("target/ztp.jar").toAbsolutePath();

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private ZtpProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    private static List<String> command(List<String> args) {
        if (!Files.isRegularFile(JAR)) {
            throw new AssertionError(JAR + " is missing: build it with mvn -pl ztp-examples package");
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        cmd.addAll(args);
        return cmd;
    }

    /**
     * Runs one {@code ztp} command to its end and fails when it exits non-zero.
     *
     * @param dir  the working directory
     * @param args the command's arguments
     * @return what it printed on standard output
     */
    static String run(Path dir, String... args) {
        return Processes.run(dir, command(List.of(args)).toArray(String[]::new)).stdout();
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
    static ZtpProcess serve(Path dir, InetAddress host, int httpPort, List<String> args) throws IOException {
        List<String> all = new ArrayList<>(List.of("serve"));
        all.addAll(args);
        Path out = dir.resolve("serve.stdout");
        Path err = dir.resolve("serve.stderr");
        Process p = new ProcessBuilder(command(all)).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        ZtpProcess serve = new ZtpProcess(p, out, err);
        try {
            serve.awaitHttp(new InetSocketAddress(host, httpPort));
        } catch (RuntimeException | Error e) {
            serve.close();
            throw e;
        }
        return serve;
    }

    /** Polls the HTTP port (bounded: 60 s), failing early with the server's output when it died. */
    private void awaitHttp(InetSocketAddress http) {
        for (int i = 0; i < 300; i++) {
            if (!process.isAlive()) {
                throw new AssertionError("ztp serve exited " + process.exitValue() + " before listening:\n" + output());
            }
            try (Socket s = new Socket()) {
                s.connect(http, 500);
                return;
            } catch (IOException notYet) {
                sleep(200);
            }
        }
        throw new AssertionError("ztp serve does not answer on " + http + " after 60 s:\n" + output());
    }

    /** @return what the server printed so far, stdout then stderr */
    String output() {
        try {
            return "--- stdout\n" + Files.readString(stdout, StandardCharsets.UTF_8) + "--- stderr\n" + Files.readString(stderr, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return whether the server still runs */
    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * @param host the address the port must be free on
     * @return a TCP port nothing listens on at the moment
     * @throws IOException when no socket can be bound
     */
    static int freeTcpPort(InetAddress host) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, host)) {
            return s.getLocalPort();
        }
    }

    /**
     * @param host the address the port must be free on
     * @return a UDP port nothing listens on at the moment
     * @throws IOException when no socket can be bound
     */
    static int freeUdpPort(InetAddress host) throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(host, 0))) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Stops the server as a user's Ctrl-C or a service manager does (SIGTERM), then kills it. */
    @Override
    public void close() {
        Processes.stop(process, 15);
    }
}
