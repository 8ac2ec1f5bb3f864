package org.ztp4j.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds what the emulated devices run their scripts with: python3, or Jython 2.7 for Python 2.7 releases. */
final class Python {

    /** Names a Jython jar to use instead of looking on the class path. */
    static final String JYTHON_JAR_PROPERTY = "ztp4j.jython.jar";
    private static final String JYTHON_ARTIFACT = "jython-standalone";

    private Python() {
    }

    /**
     * @param interpreter which one
     * @return the command that runs a Python file given after it
     * @throws IllegalStateException naming what to install when the interpreter is not there
     */
    static List<String> command(EmulatedDevice.Interpreter interpreter) {
        if (interpreter == EmulatedDevice.Interpreter.PYTHON3) {
            return List.of(path());
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // Jython starts a JVM per run: a small heap and the quick compiler tier keep a run to seconds.
        return List.of(java.toString(), "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dpython.cachedir.skip=true", "-Dpython.console.encoding=UTF-8",
                "-jar", jythonJar().toString());
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

    /**
     * The Jython jar: {@code -Dztp4j.jython.jar}, else a {@code jython-standalone} jar on the class
     * or module path, else the newest one in the local Maven repository.
     *
     * @return the jar
     * @throws IllegalStateException naming the artifact to add when there is none
     */
    static Path jythonJar() {
        String named = System.getProperty(JYTHON_JAR_PROPERTY);
        if (named != null) {
            Path p = Path.of(named);
            if (!Files.isRegularFile(p)) {
                throw new IllegalStateException("-D" + JYTHON_JAR_PROPERTY + "=" + named + ": no such file");
            }
            return p;
        }
        List<String> entries = new ArrayList<>();
        for (String property : List.of("java.class.path", "jdk.module.path")) {
            String value = System.getProperty(property);
            if (value != null && !value.isEmpty()) {
                entries.addAll(List.of(value.split(File.pathSeparator)));
            }
        }
        for (String entry : entries) {
            Path p = Path.of(entry);
            if (p.getFileName() != null && p.getFileName().toString().startsWith(JYTHON_ARTIFACT) && Files.isRegularFile(p)) {
                return p;
            }
        }
        return inLocalRepository().orElseThrow(() -> new IllegalStateException(
                "Jython is not there: the emulated devices run Python 2.7 scripts on it. Add the test dependency "
                        + "org.python:" + JYTHON_ARTIFACT + ":2.7.4, or name its jar with -D" + JYTHON_JAR_PROPERTY));
    }

    private static Optional<Path> inLocalRepository() {
        Path folder = Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "python", JYTHON_ARTIFACT);
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(folder)) {
            return versions.filter(v -> v.getFileName().toString().startsWith("2.7"))
                    .sorted(Comparator.comparing((Path v) -> v.getFileName().toString()).reversed())
                    .map(v -> v.resolve(JYTHON_ARTIFACT + "-" + v.getFileName() + ".jar"))
                    .filter(Files::isRegularFile)
                    .findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + folder, e);
        }
    }
}
