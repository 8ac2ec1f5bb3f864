package org.ztp4j.testkit;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A network device that runs the provisioning script it was served, with python3, against a model
 * of the device's own Python environment: the NX-OS POAP environment and its {@code cli} module,
 * or the IOS-XE Guest Shell {@code cli} module. Each model behaves as the releases it names do,
 * with the source of each behaviour in its module's comments. A state folder holds the device's
 * flash, the log of every command the script ran, and the configuration it ended up with.
 *
 * <pre>{@code
 * EmulatedDevice nxos = EmulatedDevice.create(tmp, EmulatedDevice.Kind.NXOS);
 * EmulatedDevice.Run run = nxos.run(poapScript, Map.of("POAP_SERIAL", "SAL1234ABCD"));
 * assertThat(run.exitCode()).isZero();
 * assertThat(nxos.file("running-config")).contains("hostname leaf1");
 * }</pre>
 *
 * <p>The models are Python modules shipped in this jar; {@link #create} copies them beside the
 * state folder, so python3 finds them whether the testkit is a jar or a folder.
 *
 * @param state   the device's state folder
 * @param kind    which device
 * @param modules the folder the emulator modules were copied to
 */
public record EmulatedDevice(Path state, Kind kind, Path modules) {

    /** The devices there is a model of. */
    public enum Kind {
        /** Cisco NX-OS in POAP: the script runs with {@code POAP_*} variables and the POAP {@code cli} module. */
        NXOS("nxos", "bootflash"),
        /** Cisco IOS-XE ZTP: the script runs in Guest Shell with its {@code cli} module. */
        IOSXE("iosxe", "flash"),
        /** Cisco IOS AutoInstall: no script; the device asks for configs over TFTP in a fixed order ({@link #autoInstall}). */
        IOS("ios", "flash"),
        /**
         * Arista EOS ZTP: the bootstrap script runs with {@code FastCli} on its PATH; what it writes
         * under {@code /mnt/flash} lands in the device's flash, and a script that exits 0 makes the
         * switch reboot into {@code /mnt/flash/startup-config}.
         */
        EOS("eos", "flash");

        private final String module;
        private final String flash;

        Kind(String module, String flash) {
            this.module = module;
            this.flash = flash;
        }

        /** @return the platform id, also the folder of its {@code cli} module */
        public String id() {
            return module;
        }
    }

    /**
     * What a script run did.
     *
     * @param exitCode the script's exit code
     * @param output   what it printed (stdout and stderr)
     */
    public record Run(int exitCode, String output) {
    }

    private static final String RESOURCES = "/org/ztp4j/testkit/emulator/";
    private static final List<String> MODULE_FILES = List.of("common/ztp4j_emulator.py", "nxos/cli.py", "iosxe/cli.py",
            "ios/autoinstall.py", "eos/FastCli", "device.py");
    private static final long TIMEOUT_SECONDS = 120;

    /**
     * @param parent a temporary folder
     * @param kind   which device
     * @return a fresh device with an empty flash, its own copy of the emulator modules beside it
     * @throws UncheckedIOException when the folders cannot be made
     */
    public static EmulatedDevice create(Path parent, Kind kind) {
        try {
            Path state = Files.createDirectories(parent.resolve(kind.module + "-device"));
            Files.createDirectories(state.resolve(kind.flash));
            return new EmulatedDevice(state, kind, copyModules(Files.createDirectories(parent.resolve(kind.module + "-emulator"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param parent a temporary folder
     * @param kind   {@code nxos} or {@code iosxe}
     * @return a fresh device
     * @throws IllegalArgumentException naming the kind when there is no model of it
     */
    public static EmulatedDevice create(Path parent, String kind) {
        for (Kind k : Kind.values()) {
            if (k.module.equals(kind.toLowerCase(Locale.ROOT))) {
                return create(parent, k);
            }
        }
        throw new IllegalArgumentException("no emulated device '" + kind + "' (known: nxos, iosxe, ios, eos)");
    }

    private static Path copyModules(Path target) throws IOException {
        for (String name : MODULE_FILES) {
            try (InputStream in = EmulatedDevice.class.getResourceAsStream(RESOURCES + name)) {
                if (in == null) {
                    throw new IllegalStateException("emulator module " + RESOURCES + name + " is missing from ztp-testkit");
                }
                Path dest = target.resolve(name);
                Files.createDirectories(dest.getParent());
                Files.copy(in, dest, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            if (name.equals("eos/FastCli") && !target.resolve(name).toFile().setExecutable(true)) {
                throw new IOException("cannot make " + target.resolve(name) + " executable");
            }
        }
        return target;
    }

    /** @return the flash folder ({@code bootflash:} on NX-OS, {@code flash:} on IOS-XE) */
    public Path flash() {
        return state.resolve(kind.flash);
    }

    /** @return every command the script ran, in order, as {@code <kind> <text>} lines */
    public List<String> commands() {
        try {
            Path log = state.resolve("commands.log");
            return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param name a file in the state folder ({@code running-config}, {@code startup-config}, ...)
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
     * Runs a script as the device would, on this host.
     *
     * @param script the script's bytes as served
     * @param env    environment variables the device sets ({@code POAP_SERIAL}, ...)
     * @return what happened
     */
    public Run run(byte[] script, Map<String, String> env) {
        try {
            Path file = state.resolve("script.py");
            Files.write(file, script);
            return python(List.of(modules.resolve("device.py").toString(), "run", file.toString()), env, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Downloads a file as the device's boot loader does, with the model's own TFTP client (or
     * urllib for HTTP).
     *
     * @param url    {@code tftp://server:port/file} or {@code http://...}
     * @param target where the file goes
     * @param host   where the device is: its source address and network namespace
     * @return what happened
     */
    public Run fetch(String url, Path target, DeviceHost host) {
        return python(List.of(modules.resolve("device.py").toString(), "fetch", url, target.toString()), Map.of(), host);
    }

    /**
     * Runs a downloaded script as the device would, from where the device is.
     *
     * @param script the script as downloaded
     * @param env    environment variables the device sets ({@code POAP_SERIAL}, ...)
     * @param host   where the device is: its source address and network namespace
     * @return what happened
     */
    public Run run(Path script, Map<String, String> env, DeviceHost host) {
        return python(List.of(modules.resolve("device.py").toString(), "run", script.toString()), env, host);
    }

    /**
     * Runs Cisco IOS AutoInstall as a router without a startup-config does, from where the device
     * is: option 67's file when given, else {@code network-confg} / {@code cisconet.cfg} to learn
     * its host name from an {@code ip host} line with its own address, then its host config, else
     * {@code router-confg} / {@code ciscortr.cfg}. The config read is merged into
     * {@code running-config}; {@link #commands()} lists every request and its outcome.
     *
     * @param tftpServer the TFTP server (option 150, 66 or next-server)
     * @param port       its port (69 on a real network)
     * @param bootfile   option 67, or {@code null}
     * @param host       where the device is; its source address is the one it looks for in {@code ip host} lines
     * @return what happened: exit code 0 when a config was applied
     * @throws IllegalStateException when this is not an {@link Kind#IOS} device
     */
    public Run autoInstall(String tftpServer, int port, String bootfile, DeviceHost host) {
        if (kind != Kind.IOS) {
            throw new IllegalStateException("AutoInstall is what an IOS device runs, not " + kind.module);
        }
        List<String> args = new ArrayList<>(List.of(modules.resolve("device.py").toString(), "autoinstall", tftpServer,
                Integer.toString(port)));
        if (bootfile != null) {
            args.add(bootfile);
        }
        return python(args, Map.of(), host);
    }

    private Run python(List<String> args, Map<String, String> env, DeviceHost host) {
        List<String> cmd = new ArrayList<>(List.of("env",
                "PYTHONPATH=" + modules.resolve(kind.module) + File.pathSeparator + modules.resolve("common"),
                "EMULATOR_DIR=" + state, "ZTP4J_BOOTFLASH=" + flash(), "PYTHONDONTWRITEBYTECODE=1"));
        if (kind == Kind.EOS) {
            // EOS runs the bootstrap with its CLI on the PATH and its flash at /mnt/flash.
            cmd.add("PATH=" + modules.resolve("eos") + File.pathSeparator + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
            cmd.add("ZTP4J_FLASH_MOUNT=/mnt/flash");
        }
        if (host != null && host.source() != null) {
            cmd.add("ZTP4J_E2E_SOURCE=" + host.source());
        }
        env.forEach((k, v) -> cmd.add(k + "=" + v));
        cmd.add(Python.path());
        cmd.addAll(args);
        List<String> full = host == null ? cmd : host.command(cmd);
        try {
            Process p = new ProcessBuilder(full).directory(state.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("the device's script still runs after " + TIMEOUT_SECONDS + " s:\n"
                        + new String(out, StandardCharsets.UTF_8));
            }
            return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("running " + full.get(0) + " for the emulated " + kind.module, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the emulated " + kind.module + " ran its script", e);
        }
    }
}
