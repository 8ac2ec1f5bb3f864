package org.ztp4j.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks on files named on the command line, with messages that name the file. */
final class CliFiles {

    private CliFiles() {
    }

    static void requireRegularFile(Path f) {
        if (!Files.exists(f)) {
            throw new IllegalArgumentException(f + ": no such file");
        }
        if (!Files.isRegularFile(f)) {
            throw new IllegalArgumentException(f + ": not a regular file");
        }
        if (!Files.isReadable(f)) {
            throw new IllegalArgumentException(f + ": permission denied");
        }
    }

    static void requireDirectory(Path d, String option) {
        if (!Files.isDirectory(d)) {
            throw new IllegalArgumentException(option + " " + d + ": not a directory");
        }
    }
}
