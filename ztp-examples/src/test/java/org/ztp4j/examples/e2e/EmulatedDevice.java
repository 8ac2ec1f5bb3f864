package org.ztp4j.examples.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;

/**
 * A device that runs the provisioning script it downloaded with python3 against the fake device
 * modules of ztp-platforms' tests ({@code emulator/nxos/cli.py}: NX-OS, {@code emulator/iosxe/cli.py}:
 * IOS-XE Guest Shell; they come on the test class path with the ztp-platforms test-jar). Its state
 * folder holds its flash, the command log and the configuration it ended up with, under the same
 * environment variables as ztp-platforms' DeviceEmulator uses. python3 runs through
 * {@code e2e/device.py}, which gives every socket the device's own source address.
 *
 * @param state   the device's state folder
 * @param kind    {@code nxos} or {@code iosxe}: which fake cli module
 * @param modules the folder the emulator modules were copied to
 */
record EmulatedDevice(Path state, String kind, Path modules) {

    /**
     * What a script run did.
     *
     * @param exitCode the script's exit code
     * @param output   what it printed (stdout and stderr)
     */
    record Run(int exitCode, String output) {
    }

    /**
     * @param parent a temporary folder
     * @param kind   {@code nxos} or {@code iosxe}
     * @return a fresh device with an empty flash, its own copy of the emulator modules beside it
     */
    static EmulatedDevice create(Path parent, String kind) {
        try {
            Path state = Files.createDirectories(parent.resolve(kind + "-device"));
            Files.createDirectories(state.resolve(kind.equals("nxos") ? "bootflash" : "flash"));
            return new EmulatedDevice(state, kind, copyModules(parent.resolve(kind + "-emulator")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the {@code emulator} resource folder out of the test-jar (or test-classes folder) to disk for python3. */
    private static Path copyModules(Path target) throws IOException {
        URL marker = EmulatedDevice.class.getResource("/emulator/common/ztp4j_emulator.py");
        if (marker == null) {
            throw new AssertionError("emulator/common/ztp4j_emulator.py is not on the test class path: is the ztp-platforms test-jar a test dependency?");
        }
        URI uri;
        try {
            uri = marker.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (uri.getScheme().equals("jar")) {
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                copyTree(jar.getPath("/emulator"), target);
            } catch (FileSystemAlreadyExistsException openElsewhere) {
                copyTree(FileSystems.getFileSystem(uri).getPath("/emulator"), target);
            }
        } else {
            copyTree(Path.of(uri).getParent().getParent(), target);
        }
        try (InputStream in = EmulatedDevice.class.getResourceAsStream("/e2e/device.py")) {
            Files.copy(in, target.resolve("device.py"));
        }
        return target;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path dest = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(dest);
                } else {
                    try (InputStream in = Files.newInputStream(f)) {
                        Files.copy(in, dest);
                    }
                }
            }
        }
    }

    /** @return the flash folder ({@code bootflash:} on NX-OS, {@code flash:} on IOS-XE) */
    Path flash() {
        return state.resolve(kind.equals("nxos") ? "bootflash" : "flash");
    }

    /** @return every command the script ran, in order, as {@code <kind> <text>} lines */
    List<String> commands() {
        return Files.exists(state.resolve("commands.log")) ? lines(state.resolve("commands.log")) : List.of();
    }

    /**
     * @param name a file in the state folder
     * @return its text, or empty text when it does not exist
     */
    String file(String name) {
        try {
            Path p = state.resolve(name);
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Downloads a file as the device's boot loader does, with the emulator's own TFTP client (or
     * urllib for HTTP).
     *
     * @param url    {@code tftp://server:port/file} or {@code http://...}
     * @param target where the file goes
     * @param where  where the device is: its source address and network namespace
     * @return what happened
     */
    Run fetch(String url, Path target, Where where) {
        return python(List.of("fetch", url, target.toString()), Map.of(), where);
    }

    /**
     * Runs a downloaded script as the device would.
     *
     * @param script the script as downloaded
     * @param env    environment variables the device sets (POAP_SERIAL, ...)
     * @param where  where the device is: its source address and network namespace
     * @return what happened
     */
    Run run(Path script, Map<String, String> env, Where where) {
        return python(List.of("run", script.toString()), env, where);
    }

    private Run python(List<String> args, Map<String, String> env, Where where) {
        Path python = ExternalTool.require("python3", "python3");
        List<String> cmd = new ArrayList<>(List.of("env",
                "PYTHONPATH=" + modules.resolve(kind) + ":" + modules.resolve("common"),
                "EMULATOR_DIR=" + state, "ZTP4J_BOOTFLASH=" + flash(), "PYTHONDONTWRITEBYTECODE=1",
                "ZTP4J_E2E_SOURCE=" + where.source()));
        env.forEach((k, v) -> cmd.add(k + "=" + v));
        cmd.add(python.toString());
        cmd.add(modules.resolve("device.py").toString());
        cmd.addAll(args);
        Processes.Result r = Processes.runAllowingFailure(state, 90, where.command(cmd).toArray(String[]::new));
        return new Run(r.exitCode(), r.stdout() + r.stderr());
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
