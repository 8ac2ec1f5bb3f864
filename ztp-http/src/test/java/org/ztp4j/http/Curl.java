package org.ztp4j.http;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;

/**
 * The real curl with the options every HTTP test wants; {@link Processes} runs it. The exit code
 * tells what went wrong: 0 ok, 18 short body, 22 HTTP error with --fail, 28 --max-time, 33 range,
 * 60 certificate.
 */
final class Curl {

    /** Longer than curl's own {@code --max-time}, so that curl reports a slow transfer itself. */
    private static final long TIMEOUT_SECONDS = 330;

    private final Path curl;

    Curl() {
        this.curl = ExternalTool.require("curl", "curl");
    }

    /**
     * Runs {@code curl -sS --max-time 300 ARGS...}.
     *
     * @param args curl's options and URLs
     * @return what curl did, whatever its exit code
     */
    Processes.Result run(String... args) {
        List<String> command = new ArrayList<>(List.of(curl.toString(), "-sS", "--max-time", "300"));
        command.addAll(List.of(args));
        return Processes.runAllowingFailure(command, TIMEOUT_SECONDS);
    }
}
