package org.ztp4j.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds python3, which the emulated devices run their scripts with. */
final class Python {

    private Python() {
    }

    /**
     * @return the python3 on the PATH
     * @throws IllegalStateException naming the package to install when there is none
     */
    static String path() {
        String pathVar = System.getenv().getOrDefault("PATH", "");
        for (String dir : pathVar.split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "python3");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new IllegalStateException("python3 is not on the PATH: the emulated devices run their scripts with it"
                + " (Debian and Ubuntu: apt-get install python3)");
    }
}
