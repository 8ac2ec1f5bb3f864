package org.ztp4j.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ztp4j.testing.ExternalTool;

/**
 * Runs a generated provisioning script with python3 against a fake device (the {@code cli} modules
 * under {@code src/test/resources/emulator/}): a state folder holds its flash, the command log and
 * the configuration it ended up with.
 *
 * @param state the device's state folder
 * @param kind  {@code nxos} or {@code iosxe}: which fake cli module
 */
public record DeviceEmulator(Path state, String kind) {

    /**
     * What a script run did.
     *
     * @param exitCode the script's exit code
     * @param output   what it printed (stdout and stderr)
     */
    public record Run(int exitCode, String output) {
    }

    /**
     * @param parent a temporary folder
     * @param kind   {@code nxos} or {@code iosxe}
     * @return a fresh device with an empty flash
     */
    public static DeviceEmulator create(Path parent, String kind) {
        try {
            Path state = Files.createDirectories(parent.resolve(kind + "-device"));
            Files.createDirectories(state.resolve(kind.equals("nxos") ? "bootflash" : "flash"));
            return new DeviceEmulator(state, kind);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the folder the fake modules live in */
    public static Path modules() {
        try {
            return Path.of(DeviceEmulator.class.getResource("/emulator/common/ztp4j_emulator.py").toURI()).getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the flash folder ({@code bootflash:} on NX-OS, {@code flash:} on IOS-XE) */
    public Path flash() {
        return state.resolve(kind.equals("nxos") ? "bootflash" : "flash");
    }

    /** @return every command the script ran, in order, as {@code <kind> <text>} lines */
    public List<String> commands() {
        return lines(state.resolve("commands.log"));
    }

    /**
     * @param name a file in the state folder
     * @return its text, or empty text when it does not exist
     */
    public String file(String name) {
        try {
            Path p = state.resolve(name);
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs a script as the device would.
     *
     * @param script the script's bytes as served
     * @param env    environment variables the device sets (POAP_SERIAL, ...)
     * @return what happened
     */
    public Run run(byte[] script, Map<String, String> env) {
        Path python = ExternalTool.require("python3", "python3");
        try {
            Path file = state.resolve("script.py");
            Files.write(file, script);
            ProcessBuilder pb = new ProcessBuilder(python.toString(), file.toString()).directory(state.toFile())
                    .redirectErrorStream(true);
            Path modules = modules();
            pb.environment().put("PYTHONPATH", modules.resolve(kind) + java.io.File.pathSeparator + modules.resolve("common"));
            pb.environment().put("EMULATOR_DIR", state.toString());
            pb.environment().put("ZTP4J_BOOTFLASH", flash().toString());
            pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("the script still runs after 120 s:\n" + new String(out, StandardCharsets.UTF_8));
            }
            return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static List<String> lines(Path p) {
        try {
            return Files.exists(p) ? Files.readAllLines(p, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
