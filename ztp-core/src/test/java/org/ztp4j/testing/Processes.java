package org.ztp4j.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a real program for a test and collects what it printed. */
public final class Processes {

    private Processes() {
    }

    /**
     * What a program did.
     *
     * @param exitCode its exit code
     * @param stdout   what it printed on standard output
     * @param stderr   what it printed on standard error
     */
    public record Result(int exitCode, String stdout, String stderr) {

        /** @return standard output, then standard error */
        public String output() {
            return stdout + stderr;
        }
    }

    /**
     * Runs a program from the current directory to its end (at most two minutes) and fails the test
     * when it exits non-zero.
     *
     * @param command the program and its arguments
     * @return what it printed
     */
    public static Result run(List<String> command) {
        return run(Path.of("."), command.toArray(String[]::new));
    }

    /**
     * Runs a program from the current directory to its end, whatever its exit code.
     *
     * @param command        the program and its arguments
     * @param timeoutSeconds how long it may take before it is killed (and the test fails)
     * @return what it did
     */
    public static Result runAllowingFailure(List<String> command, long timeoutSeconds) {
        return runAllowingFailure(Path.of("."), timeoutSeconds, command.toArray(String[]::new));
    }

    /**
     * Runs a program to its end (at most two minutes) and fails the test when it exits non-zero.
     *
     * @param dir     the working directory
     * @param command the program and its arguments
     * @return what it printed
     */
    public static Result run(Path dir, String... command) {
        Result r = runAllowingFailure(dir, 120, command);
        if (r.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + r.exitCode() + ": " + r.stderr() + r.stdout());
        }
        return r;
    }

    /**
     * Runs a program to its end, whatever its exit code.
     *
     * @param dir            the working directory
     * @param timeoutSeconds how long it may take before it is killed (and the test fails)
     * @param command        the program and its arguments
     * @return what it did
     */
    public static Result runAllowingFailure(Path dir, long timeoutSeconds, String... command) {
        try {
            Process p = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            p.getOutputStream().close();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " still running after " + timeoutSeconds + " s");
            }
            return new Result(p.exitValue(), new String(out.join(), StandardCharsets.UTF_8), new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Stops a program as a user's Ctrl-C or a service manager does: SIGTERM, then SIGKILL if it is
     * still running after the grace period; waits at most ten seconds more for it to go.
     *
     * @param p            the program
     * @param graceSeconds how long it may take to stop on SIGTERM
     */
    public static void stop(Process p, long graceSeconds) {
        p.destroy();
        try {
            if (!p.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    private static byte[] readAll(java.io.InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
