package org.ztp4j.http;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ztp4j.testing.ExternalTool;

/** Runs the real curl, bounded in time, and returns what it printed. */
final class Curl {

    /**
     * @param exit   curl's exit code (0 ok, 22 HTTP error with --fail, 33 range, 60 certificate, ...)
     * @param stdout what it wrote to standard output
     * @param stderr what it wrote to standard error
     */
    record Result(int exit, String stdout, String stderr) {
    }

    private final Path curl;

    Curl() {
        this.curl = ExternalTool.require("curl", "curl");
    }

    /** Runs {@code curl -sS --max-time 300 ARGS...}. */
    Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(curl.toString(), "-sS", "--max-time", "300"));
        command.addAll(List.of(args));
        Path err = Files.createTempFile("curl", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(330, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("curl did not finish: " + command);
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.ISO_8859_1), Files.readString(err, StandardCharsets.ISO_8859_1));
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
