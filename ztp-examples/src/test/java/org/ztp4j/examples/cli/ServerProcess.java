package org.ztp4j.examples.cli;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
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

/** The ztp jar running as a separate process, as users and scripts run it. */
final class ServerProcess implements AutoCloseable {

    final Process process;
    final Path stdout;
    final Path stderr;

    private ServerProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static ServerProcess start(Path dir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", ZtpJarIT.JAR.toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "ztp", ".out");
        Path err = Files.createTempFile(dir, "ztp", ".err");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new ServerProcess(p, out, err);
    }

    /** A port that was free a moment ago, for both UDP and TCP. */
    static int freePort() throws IOException {
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

    void awaitTcp(int port) throws Exception {
        await(Duration.ofSeconds(30), () -> {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        }, "the server to listen on TCP port " + port);
    }

    void await(Duration limit, BooleanSupplier condition, String what) throws Exception {
        Instant end = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new AssertionError("server exited " + process.exitValue() + " while waiting for " + what + ":\n" + err());
            }
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("timed out waiting for " + what + ":\n" + err());
            }
            Thread.sleep(100);
        }
    }

    String out() throws IOException {
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    String err() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    /** Sends SIGTERM, as systemd and Ctrl-C's cousin do, and waits. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("server did not stop within 20 s of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
