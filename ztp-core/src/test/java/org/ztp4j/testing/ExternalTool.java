package org.ztp4j.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds a real program an interop test talks to. When it is missing the test is skipped with a
 * message naming the Debian package to install, except under CI ({@code CI=true}), where a missing
 * tool fails the test: CI installs every tool, so a skip there would hide a gap.
 *
 * <pre>{@code
 * Path tftp = ExternalTool.require("tftp", "tftp-hpa");
 * }</pre>
 */
public final class ExternalTool {

    private ExternalTool() {
    }

    /**
     * @param command the program's name, looked up on PATH and in /usr/sbin and /sbin
     * @param debianPackage the package that installs it
     * @return the program's path
     */
    public static Path require(String command, String debianPackage) {
        Optional<Path> found = find(command);
        if (found.isPresent()) {
            return found.get();
        }
        String message = "'" + command + "' not found: apt-get install -y " + debianPackage;
        if (onCi()) {
            throw new AssertionError(message + " (required under CI=true)");
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    /**
     * Skips (or under CI fails) the test when a precondition that is not a program is missing, such
     * as the right to create network namespaces.
     *
     * @param condition whether the precondition holds
     * @param message what is missing and how to get it
     */
    public static void requireThat(boolean condition, String message) {
        if (condition) {
            return;
        }
        if (onCi()) {
            throw new AssertionError(message + " (required under CI=true)");
        }
        Assumptions.abort(message);
    }

    /** @param command a program's name @return its path, if installed */
    public static Optional<Path> find(String command) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin" + File.pathSeparator + "/sbin";
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, command);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** @return true when running under CI ({@code CI=true}) */
    public static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
