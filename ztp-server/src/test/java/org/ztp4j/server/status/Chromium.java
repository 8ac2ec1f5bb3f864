package org.ztp4j.server.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;

/** A real headless Chromium, as the page tests run it: its own profile, no network of its own, scripts given time to run. */
final class Chromium {

    private Chromium() {
    }

    /**
     * @param dir  where its profile goes
     * @param args what to do: {@code --dump-dom URL}, {@code --screenshot=F URL}
     * @return the command line
     */
    static String[] command(Path dir, String... args) throws IOException {
        Path chromium = ExternalTool.require("chromium", "chromium");
        Path profile = Files.createTempDirectory(dir, "chromium-profile");
        String[] fixed = {chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--virtual-time-budget=5000"};
        String[] all = Arrays.copyOf(fixed, fixed.length + args.length);
        System.arraycopy(args, 0, all, fixed.length, args.length);
        return all;
    }

    /**
     * Loads a page, lets its scripts run, and returns the document as they left it.
     *
     * @param dir where its profile goes
     * @param url the page
     * @return the serialised DOM
     */
    static String dumpDom(Path dir, String url) throws IOException {
        Processes.Result r = Processes.runAllowingFailure(dir, 120, command(dir, "--dump-dom", url));
        if (r.exitCode() != 0) {
            throw new AssertionError("chromium failed: " + r.stderr());
        }
        return r.stdout();
    }
}
