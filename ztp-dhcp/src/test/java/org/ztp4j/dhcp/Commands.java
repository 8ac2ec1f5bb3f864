package org.ztp4j.dhcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs external programs for the interop tests, bounded in time, output captured. */
public final class Commands {

    /** What a finished program left behind. @param exitCode its exit code @param output stdout and stderr */
    public record Result(int exitCode, String output) {
    }

    private Commands() {
    }

    /**
     * @param command the program and its arguments
     * @return its exit code and output; a program still running after 60 s is killed and fails the test
     */
    public static Result run(List<String> command) {
        return run(command, 60);
    }

    /**
     * @param command the program and its arguments
     * @param seconds how long it may run
     * @return its exit code and output
     */
    public static Result run(List<String> command, int seconds) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                String out = new String(p.getInputStream().readNBytes(1 << 20), StandardCharsets.UTF_8);
                throw new AssertionError(String.join(" ", command) + ": still running after " + seconds + " s\n" + out);
            }
            return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(String.join(" ", command) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * @param command the program and its arguments
     * @return its output
     * @throws AssertionError when it exits non-zero
     */
    public static String ok(List<String> command) {
        Result r = run(command);
        if (r.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + ": exit " + r.exitCode() + "\n" + r.output());
        }
        return r.output();
    }
}
