package org.ztp4j.testkit;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A network device that runs what it was served as the real one does, with python3, against a model
 * of the device's own environment. There are ten models: Cisco NX-OS POAP (the POAP variables and
 * {@code cli} module), Cisco IOS-XE ZTP in Guest Shell (its {@code cli} module), Cisco IOS
 * AutoInstall (no script: the TFTP requests for configs, {@link #autoInstall}), Cisco Plug and Play
 * (no script: the PnP agent's exchange with a PnP server, {@link #plugAndPlay}), Arista EOS ZTP
 * (the bootstrap script with {@code FastCli} and {@code /mnt/flash}), Juniper Junos ZTP (option 43,
 * a commit check, a {@code #!/bin/sh} script with {@code cli -c}, {@link #junosZtp}), Aruba AOS-CX ZTP (no script: options 66/67
 * and the CLI line by line, {@link #aosCxZtp}), SONiC ZTP (the ZTP JSON and its sections,
 * {@link #sonicZtp}), Cumulus Linux ZTP (the option 239 script with NVUE, {@link #cumulusZtp}) and
 * Nokia SR Linux ZTP (the option 67 Python script with {@code ztpclient} and {@code sr_cli},
 * {@link #srLinuxZtp}).
 * Each model behaves as the
 * releases it names do, with the source of each behaviour in its module's comments. A state folder
 * of its own holds the device's flash, the log of every command it ran, and the configuration it
 * ended up with, so that several devices of one kind can share a parent folder.
 *
 * <pre>{@code
 * EmulatedDevice nxos = EmulatedDevice.create(tmp, EmulatedDevice.Kind.NXOS);
 * EmulatedDevice.Run run = nxos.run(poapScript, Map.of("POAP_SERIAL", "SAL1234ABCD"));
 * assertThat(run.exitCode()).isZero();
 * assertThat(nxos.file("running-config")).contains("hostname leaf1");
 * }</pre>
 *
 * <p>The models are Python modules shipped in this jar; {@link #create} copies them beside the
 * state folder, so python3 finds them whether the testkit is a jar or a folder. A run that takes
 * longer than {@link #timeout()} (two minutes unless {@link #withTimeout} says otherwise) is stopped.
 *
 * <p><b>Releases and Python 2.7.</b> Each model behaves as the release it is given
 * ({@link #withRelease}; the emulator modules read it as {@code EMULATOR_RELEASE}), by default a
 * current one ({@link Kind#defaultRelease}). Older releases run their scripts on Python 2.7
 * (NX-OS 7.x and 9.2, IOS-XE 16.x): {@code withInterpreter(Interpreter.JYTHON)} runs the script and
 * the model on Jython 2.7, a Python 2.7 on the JVM, with the kind's Python 2.7 release unless one
 * is given. Jython is the artifact {@code org.python:jython-standalone}; put it among your test
 * dependencies (it is found on the class path, or at {@code -Dztp4j.jython.jar=...}).
 *
 * <pre>{@code
 * EmulatedDevice iosxe16 = EmulatedDevice.create(tmp, EmulatedDevice.Kind.IOSXE)
 *         .withInterpreter(EmulatedDevice.Interpreter.JYTHON);   // IOS-XE 16.12, Python 2.7
 * }</pre>
 *
 * @param state       the device's state folder
 * @param kind        which device: NX-OS POAP, IOS-XE Guest Shell, IOS AutoInstall or Arista EOS
 * @param modules     the folder the emulator modules were copied to
 * @param timeout     how long a script or download may run before the device stops it
 * @param interpreter what runs the scripts: python3, or Jython 2.7 for a Python 2.7 release
 * @param release     the software release the model behaves as ({@code 17.09.04a}, {@code 9.3(8)}, ...)
 */
public record EmulatedDevice(Path state, Kind kind, Path modules, Duration timeout, Interpreter interpreter,
                             String release) {

    /** How long a run may take unless {@link #withTimeout} says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    /**
     * @throws NullPointerException     when a component is missing
     * @throws IllegalArgumentException naming the timeout when it is not positive
     */
    public EmulatedDevice {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(modules, "modules");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(interpreter, "interpreter");
        Objects.requireNonNull(release, "release");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout " + timeout + ": must be positive");
        }
        if (!release.matches("[A-Za-z0-9.()_-]{1,40}")) {
            throw new IllegalArgumentException("release '" + release + "': letters, digits and . ( ) _ - only, as "
                    + kind.defaultRelease(interpreter) + " is");
        }
    }

    /**
     * A device running its scripts on python3, as the kind's current release, whose runs may take
     * {@link #DEFAULT_TIMEOUT}.
     *
     * @param state   the device's state folder
     * @param kind    which device: NX-OS POAP, IOS-XE Guest Shell, IOS AutoInstall or Arista EOS
     * @param modules the folder the emulator modules were copied to
     */
    public EmulatedDevice(Path state, Kind kind, Path modules) {
        this(state, kind, modules, DEFAULT_TIMEOUT, Interpreter.PYTHON3, kind.defaultRelease(Interpreter.PYTHON3));
    }

    /** What runs a device's scripts. */
    public enum Interpreter {
        /** The python3 on the PATH: releases whose scripts run on Python 3. */
        PYTHON3,
        /**
         * Jython 2.7 ({@code org.python:jython-standalone}) on this JVM's {@code java}: releases whose
         * scripts run on Python 2.7 (NX-OS 7.x and 9.2, IOS-XE 16.x).
         */
        JYTHON
    }

    /** The devices there is a model of. */
    public enum Kind {
        /** Cisco NX-OS in POAP: the script runs with {@code POAP_*} variables and the POAP {@code cli} module. */
        NXOS("nxos", "bootflash", "10.3(4a)", "9.2(4)"),
        /** Cisco IOS-XE ZTP: the script runs in Guest Shell with its {@code cli} module. */
        IOSXE("iosxe", "flash", "17.09.04a", "16.12.05"),
        /** Cisco IOS AutoInstall: no script; the device asks for configs over TFTP in a fixed order ({@link #autoInstall}). */
        IOS("ios", "flash", "15.2(7)E8", "15.2(7)E8"),
        /**
         * Arista EOS ZTP: the bootstrap script runs with {@code FastCli} on its PATH; what it writes
         * under {@code /mnt/flash} lands in the device's flash (which starts with its image and a
         * {@code boot-config} naming it), and a script that exits 0 makes the switch reboot: into
         * the image {@code boot-config}'s {@code SWI=} line names (written to the state file
         * {@code booted-image}; a missing image halts it, exit code 3) with
         * {@code /mnt/flash/startup-config} as its running-config. Releases before 4.30.1 run the
         * script on Python 2 (Jython here), later ones on python3.
         */
        EOS("eos", "flash", "4.31.2F", "4.28.6.1M"),
        /**
         * Juniper Junos ZTP: from its DHCP answer (option 43 sub-options, the server in option 150
         * or 66) the device fetches its image and configuration and commits the configuration after
         * a commit check ({@link #junosZtp}); a configuration file starting {@code #!/bin/sh} runs
         * as a script with the Junos CLI's {@code cli -c} modelled (on python3).
         */
        JUNOS("junos", "flash", "23.4R2", "23.4R2"),
        /**
         * Aruba AOS-CX ZTP: no script; from its DHCP answer (options 66, 67, option 43 sub-options
         * 144 and 145) the switch fetches its image and configuration over TFTP and applies the
         * configuration line by line ({@link #aosCxZtp}).
         */
        AOSCX("aoscx", "flash", "10.13.1000", "10.13.1000"),
        /**
         * Cisco Plug and Play: no script; the device's PnP agent runs the work-request exchange with a
         * PnP server ({@link #plugAndPlay}) and applies its configuration through the IOS model.
         */
        PNP("pnp", "flash", "17.09.04a", "17.09.04a"),
        /**

         * SONiC ZTP: the {@code sonic-ztp} service's discovery (option 67, then 239), its ZTP JSON
         * sections and its {@code configdb-json} plugin ({@link #sonicZtp}); provisioning scripts
         * run under bash with SONiC's {@code config}, {@code useradd}, {@code chpasswd} and
         * {@code sonic-installer} modelled, in the {@code sandbox} folder. Python 3 only.
         */
        SONIC("sonic", "sandbox", "202405", "202405"),
        /**
         * NVIDIA Cumulus Linux ZTP: the option 239 fetch with the {@code CUMULUS-*} header fields,
         * the marker check, and the script run under its own interpreter with NVUE's {@code nv}
         * modelled ({@link #cumulusZtp}), in the {@code sandbox} folder. Python 3 only.
         */
        CUMULUS("cumulus", "sandbox", "5.11.0", "5.11.0"),
        /**
         * Nokia SR Linux ZTP: the option 67 provisioning script's download and run, the ZTP Python
         * library's {@code ztpclient.APIClient} and the CLI's {@code sr_cli} modelled
         * ({@link #srLinuxZtp}), in the {@code ztp} folder. Python 3 only.
         */
        SRLINUX("srlinux", "ztp", "24.10.1", "24.10.1");

        private final String module;
        private final String flash;
        private final String python3Release;
        private final String python2Release;

        Kind(String module, String flash, String python3Release, String python2Release) {
            this.module = module;
            this.flash = flash;
            this.python3Release = python3Release;
            this.python2Release = python2Release;
        }

        /** @return the platform id, also the folder of its {@code cli} module */
        public String id() {
            return module;
        }

        /**
         * The release a device of this kind behaves as unless {@link #withRelease} says otherwise:
         * a current one on python3, one whose scripts run on Python 2.7 on Jython.
         *
         * @param interpreter what runs the scripts
         * @return the release
         */
        public String defaultRelease(Interpreter interpreter) {
            return interpreter == Interpreter.JYTHON ? python2Release : python3Release;
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
    private static final List<String> MODULE_FILES = List.of("common/ztp4j_emulator.py", "nxos/cli.py", "nxos/syslog.py", "iosxe/cli.py",
            "ios/autoinstall.py", "eos/FastCli", "pnp/pnp_agent.py", "device.py",
            "junos/junos_ztp.py", "junos/bin/cli", "aoscx/aoscx_ztp.py",
            "sonic/sonic_ztp.py", "sonic/ztp/__init__.py", "sonic/ztp/DecodeSysEeprom.py", "sonic/bin/config", "sonic/bin/useradd",
            "sonic/bin/id", "sonic/bin/chpasswd", "sonic/bin/sonic-installer", "sonic/bin/systemctl",
            "cumulus/cumulus_ztp.py", "cumulus/bin/nv", "cumulus/bin/reboot",
            "srlinux/srlinux_ztp.py", "srlinux/bin/sr_cli", "srlinux/lib/ztpclient/__init__.py", "srlinux/lib/ztpclient/ztpclient.py");
    /** How long the output of a finished run may take to arrive (a child the script left running may hold it). */
    private static final long OUTPUT_WAIT_SECONDS = 10;

    /**
     * Makes a device with a state folder of its own under the parent ({@code nxos-device-<random>}),
     * so that devices of one kind under one parent share neither flash nor command log.
     *
     * @param parent a temporary folder
     * @param kind   which device: NX-OS POAP, IOS-XE Guest Shell, IOS AutoInstall or Arista EOS
     * @return a fresh device with an empty flash, its own copy of the emulator modules beside it
     * @throws UncheckedIOException when the folders cannot be made
     */
    public static EmulatedDevice create(Path parent, Kind kind) {
        try {
            Files.createDirectories(parent);
            Path state = Files.createTempDirectory(parent, kind.module + "-device-");
            Path flash = Files.createDirectories(state.resolve(kind.flash));
            if (kind == Kind.EOS) {
                // An EOS switch's flash as it ships: the image it runs and boot-config naming it.
                String image = "EOS-" + kind.defaultRelease(Interpreter.PYTHON3) + ".swi";
                Files.writeString(flash.resolve(image), "emulated EOS image " + image + "\n", StandardCharsets.UTF_8);
                Files.writeString(flash.resolve("boot-config"), "SWI=flash:/" + image + "\nCONSOLESPEED=9600\n", StandardCharsets.UTF_8);
            }
            Path modules = Files.createTempDirectory(parent, kind.module + "-emulator-");
            return new EmulatedDevice(state, kind, copyModules(modules));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param parent a temporary folder
     * @param kind   {@code nxos} (NX-OS POAP), {@code iosxe} (IOS-XE Guest Shell), {@code ios} (IOS
     *               AutoInstall), {@code eos} (Arista EOS), {@code junos} (Juniper Junos), {@code aoscx}
     *               (Aruba AOS-CX) or {@code pnp} (Cisco Plug and Play), in any case
     * @return a fresh device
     * @throws IllegalArgumentException naming the kind when there is no model of it
     */
    public static EmulatedDevice create(Path parent, String kind) {
        for (Kind k : Kind.values()) {
            if (k.module.equals(kind.toLowerCase(Locale.ROOT))) {
                return create(parent, k);
            }
        }
        throw new IllegalArgumentException("no emulated device '" + kind + "' (known: nxos, iosxe, ios, eos, junos, aoscx, pnp, sonic, cumulus, srlinux)");
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
            if ((name.equals("eos/FastCli") || name.contains("/bin/")) && !target.resolve(name).toFile().setExecutable(true)) {
                throw new IOException("cannot make " + target.resolve(name) + " executable");
            }
        }
        return target;
    }

    /**
     * @param limit how long each later run may take before the device stops it
     * @return the same device (same state folder and modules) with that limit
     * @throws IllegalArgumentException naming the limit when it is not positive
     */
    public EmulatedDevice withTimeout(Duration limit) {
        return new EmulatedDevice(state, kind, modules, limit, interpreter, release);
    }

    /**
     * @param release the software release the model behaves as from now on ({@code 16.12.05},
     *                {@code 17.09.04a}, {@code 9.3(8)}, ...); each emulator module says which
     *                behaviours change with it
     * @return the same device as that release
     * @throws IllegalArgumentException naming the release when it is not a release name
     */
    public EmulatedDevice withRelease(String release) {
        return new EmulatedDevice(state, kind, modules, timeout, interpreter, release);
    }

    /**
     * @param interpreter what runs later scripts; a device still on its kind's default release moves
     *                    to the default release of that interpreter (Jython: the Python 2.7 one)
     * @return the same device run by that interpreter
     */
    public EmulatedDevice withInterpreter(Interpreter interpreter) {
        String next = release.equals(kind.defaultRelease(this.interpreter)) ? kind.defaultRelease(interpreter) : release;
        return new EmulatedDevice(state, kind, modules, timeout, interpreter, next);
    }

    /** @return the flash folder ({@code bootflash:} on NX-OS, {@code flash:} on IOS-XE, IOS and EOS) */
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
        return autoInstall(tftpServer, port, bootfile, host, Map.of());
    }

    /**
     * Runs Cisco IOS AutoInstall as {@link #autoInstall(String, int, String, DeviceHost)} does, with
     * what the device's DHCP lease said: {@code EMULATOR_AUTOINSTALL_INTERFACE} (the interface that
     * got the address, default {@code Vlan1}), {@code EMULATOR_DHCP_MASK} (default
     * {@code 255.255.255.0}), {@code EMULATOR_DHCP_HOSTNAME} (option 12), {@code EMULATOR_DEFAULT_HOSTNAME}
     * (default {@code Switch}). The config is applied line by line; a line IOS refuses, such as an
     * address overlapping that DHCP address's subnet, is listed in {@link #commands()} and left out.
     *
     * @param tftpServer the TFTP server (option 150, 66 or next-server)
     * @param port       its port (69 on a real network)
     * @param bootfile   option 67, or {@code null}
     * @param host       where the device is; its source address is its DHCP address
     * @param env        the lease's details, as above
     * @return what happened: exit code 0 when a config was applied
     * @throws IllegalStateException when this is not an {@link Kind#IOS} device
     */
    public Run autoInstall(String tftpServer, int port, String bootfile, DeviceHost host, Map<String, String> env) {
        if (kind != Kind.IOS) {
            throw new IllegalStateException("AutoInstall is what an IOS device runs, not " + kind.module);
        }
        List<String> args = new ArrayList<>(List.of(modules.resolve("device.py").toString(), "autoinstall", tftpServer,
                Integer.toString(port)));
        if (bootfile != null) {
            args.add(bootfile);
        }
        return python(args, env, host);
    }

    /**
     * Runs Juniper Junos ZTP as a device with its factory-default configuration does, from its
     * DHCP answer: option 43's sub-options (0 image, 1 configuration file, 3 transfer mode, 5 HTTP
     * port), the file server from option 150, else 66. It fetches the image (when named) and the
     * configuration file, then commits the configuration after a commit check (hierarchy syntax,
     * known top-level statements, a root password); {@link #file} {@code running-config} and
     * {@code junos-state} show what was committed, {@link #commands()} every step.
     *
     * @param option150 the file server of option 150, or {@code null}
     * @param option66  option 66, or {@code null}
     * @param option43  option 43's bytes (its sub-options)
     * @param tftpPort  the TFTP port (69 on a real network)
     * @param host      where the device is
     * @return what happened: exit code 0 when a configuration was committed
     * @throws IllegalStateException when this is not a {@link Kind#JUNOS} device
     */
    public Run junosZtp(String option150, String option66, byte[] option43, int tftpPort, DeviceHost host) {
        return junosZtp(option150, option66, option43, tftpPort, Map.of(), host);
    }

    /**
     * {@link #junosZtp(String, String, byte[], int, DeviceHost)} for a device with facts of its
     * own, which a ZTP script reads through the CLI: {@code EMULATOR_SERIAL} (the chassis serial
     * {@code show chassis hardware} shows) and {@code EMULATOR_PRODUCT}. A configuration file that
     * is a {@code #!/bin/sh} script runs with {@code cli -c} modelled; {@link #file}
     * {@code software-added} then lists what {@code request system software add} installed and
     * {@code rebooted} a {@code request system reboot}.
     *
     * @param option150 the file server of option 150, or {@code null}
     * @param option66  option 66, or {@code null}
     * @param option43  option 43's bytes (its sub-options)
     * @param tftpPort  the TFTP port (69 on a real network)
     * @param env       the device's facts
     * @param host      where the device is
     * @return what happened: exit code 0 when a configuration was committed (by ZTP, or by a
     *         script that then exited 0)
     * @throws IllegalStateException when this is not a {@link Kind#JUNOS} device
     */
    public Run junosZtp(String option150, String option66, byte[] option43, int tftpPort, Map<String, String> env, DeviceHost host) {
        if (kind != Kind.JUNOS) {
            throw new IllegalStateException("Junos ZTP is what a Junos device runs, not " + kind.module);
        }
        return python(List.of(modules.resolve("device.py").toString(), "junos-ztp", dash(option150), dash(option66),
                option43 == null || option43.length == 0 ? "-" : java.util.HexFormat.of().formatHex(option43),
                Integer.toString(tftpPort)), env, host);
    }

    /**
     * Runs Aruba AOS-CX ZTP as a switch with its factory default configuration does, from its DHCP
     * answer: the TFTP server of option 66 (an IPv4 address), the configuration file of option 43
     * sub-option 144, else option 67, the image of sub-option 145. The configuration is applied line
     * by line as the CLI's configuration mode does (a refused line is listed in {@link #commands()}
     * and left out) and saved; {@link #file} {@code running-config}, {@code mgmt-interface},
     * {@code users} and {@code ztp-status} show the result.
     *
     * @param option66 option 66, or {@code null}
     * @param option67 option 67, or {@code null}
     * @param option43 option 43's bytes, or {@code null}
     * @param tftpPort the TFTP port (69 on a real network)
     * @param host     where the switch is
     * @return what happened: exit code 0 when the switch took a configuration
     * @throws IllegalStateException when this is not an {@link Kind#AOSCX} device
     */
    public Run aosCxZtp(String option66, String option67, byte[] option43, int tftpPort, DeviceHost host) {
        if (kind != Kind.AOSCX) {
            throw new IllegalStateException("AOS-CX ZTP is what an AOS-CX switch runs, not " + kind.module);
        }
        return python(List.of(modules.resolve("device.py").toString(), "aoscx-ztp", dash(option66), dash(option67),
                option43 == null || option43.length == 0 ? "-" : java.util.HexFormat.of().formatHex(option43),
                Integer.toString(tftpPort)), Map.of(), host);
    }

    /**
     * Runs SONiC's ZTP service as a switch does once DHCP has answered: the ZTP JSON from option 67
     * (a value without a scheme over TFTP from option 66), else the provisioning script from option
     * 239, then the JSON's sections in order. {@link #file(String)} {@code ztp_data.json} is what
     * {@code ztp status} shows, {@code running_config_db.json} and {@code etc/sonic/config_db.json}
     * the running and saved configurations, {@code users} and {@code passwords} what the scripts set.
     * Device facts come from {@code env}: {@code EMULATOR_SERIAL}, {@code EMULATOR_PRODUCT},
     * {@code EMULATOR_BASE_MAC}, {@code EMULATOR_HOSTNAME}.
     *
     * @param option67  option 67, or {@code null}
     * @param option239 option 239, or {@code null}
     * @param option66  option 66, or {@code null}
     * @param env       the device's facts
     * @param host      where the device is
     * @return what happened: exit code 0 when ZTP ended with SUCCESS
     * @throws IllegalStateException when this is not a {@link Kind#SONIC} device
     */
    public Run sonicZtp(String option67, String option239, String option66, Map<String, String> env, DeviceHost host) {
        if (kind != Kind.SONIC) {
            throw new IllegalStateException("SONiC ZTP is what a SONiC switch runs, not " + kind.module);
        }
        List<String> args = new ArrayList<>(List.of(modules.resolve("device.py").toString(), "sonic-ztp",
                option67 == null ? "" : option67, option239 == null ? "" : option239));
        if (option66 != null) {
            args.add(option66);
        }
        return python(args, env, host);
    }

    /**
     * Runs Cumulus Linux ZTP over DHCP as a switch does with option 239: the fetch with its
     * {@code CUMULUS-*} header fields (from {@code env}: {@code EMULATOR_SERIAL},
     * {@code EMULATOR_MGMT_MAC}, {@code EMULATOR_BASE_MAC}, {@code EMULATOR_PRODUCT}), the marker
     * check, the script's run. {@link #file(String)} {@code ztp_state} holds the result,
     * {@code nvue-applied.json} and {@code nvue-startup.json} what NVUE applied and saved.
     *
     * @param option239 the script's URL
     * @param env       the device's facts
     * @param host      where the device is
     * @return what happened: exit code 0 when provisioning completed
     * @throws IllegalStateException when this is not a {@link Kind#CUMULUS} device
     */
    public Run cumulusZtp(String option239, Map<String, String> env, DeviceHost host) {
        if (kind != Kind.CUMULUS) {
            throw new IllegalStateException("Cumulus Linux ZTP is what a Cumulus switch runs, not " + kind.module);
        }
        return python(List.of(modules.resolve("device.py").toString(), "cumulus-ztp", option239), env, host);
    }

    /**
     * Runs Nokia SR Linux ZTP as a node in auto-boot mode does with option 67: the provisioning
     * script's download (HTTP, HTTPS or TFTP) and its run under python3 with the ZTP Python library
     * ({@code ztpclient}) and {@code sr_cli} modelled. {@link #file(String)} {@code ztp_status}
     * holds the outcome, {@code autoboot} the auto-boot flag, {@code running.json} and
     * {@code config.json} the running and startup configurations, {@code next-image} an image
     * {@code image_upgrade} staged. The release comes from {@link #withRelease}.
     *
     * @param option67 the provisioning script's URL
     * @param env      the device's facts
     * @param host     where the device is
     * @return what happened: exit code 0 when provisioning completed
     * @throws IllegalStateException when this is not a {@link Kind#SRLINUX} device
     */
    public Run srLinuxZtp(String option67, Map<String, String> env, DeviceHost host) {
        if (kind != Kind.SRLINUX) {
            throw new IllegalStateException("SR Linux ZTP is what a SR Linux node runs, not " + kind.module);
        }
        return python(List.of(modules.resolve("device.py").toString(), "srlinux-ztp", option67), env, host);
    }


    private static String dash(String option) {
        return option == null || option.isEmpty() ? "-" : option;
    }

    /**
     * Runs the Cisco Plug and Play agent of a device without a startup-config against a PnP server,
     * from where the device is: {@code GET /pnp/HELLO}, then work requests until the server ends the
     * session (a terminating backoff), the device reloads into a startup-config, or it gives up.
     * Device info, config upgrades (merged into {@code running-config} through the IOS model, or
     * written to {@code startup-config}), image installs (with the MD5 checked) and backoffs (recorded,
     * not waited) are done as the work items say; {@link #commands()} lists each step.
     *
     * @param server the PnP server as option 43 names it: {@code http://10.0.0.1:80} or {@code https://...}
     * @param host   where the device is
     * @param env    {@code EMULATOR_SERIAL} (the UDI's serial), {@code EMULATOR_MODEL} (its PID),
     *               {@code EMULATOR_IMAGE} (the image it boots), {@code EMULATOR_PNP_ROUNDS} (work requests
     *               before it gives up, default 30)
     * @return what happened: exit code 0 when a configuration was applied
     * @throws IllegalStateException when this is not a {@link Kind#PNP} device
     */
    public Run plugAndPlay(String server, DeviceHost host, Map<String, String> env) {
        if (kind != Kind.PNP) {
            throw new IllegalStateException("the PnP agent is what a PnP device runs, not " + kind.module);
        }
        return python(List.of(modules.resolve("device.py").toString(), "pnp", server), env, host);
    }

    /**
     * Runs the Cisco Plug and Play agent as {@link #plugAndPlay} does, for a device whose DHCP offer
     * had no option 43: it finds the server by DNS, asking each offered DNS server (option 6) in turn
     * for the A record of {@code pnpserver.<domain>} (the domain of option 15), then says HELLO over
     * HTTPS on port 443 and, when nothing answers there, over HTTP on port 80, and runs the exchange
     * with the first that answers. {@link #commands()} lists the lookup and each HELLO.
     *
     * @param domain     the offer's domain name (option 15)
     * @param dnsServers the offer's DNS servers (option 6), in order
     * @param host       where the device is
     * @param env        as {@link #plugAndPlay} takes it
     * @return what happened: exit code 0 when a configuration was applied
     * @throws IllegalStateException    when this is not a {@link Kind#PNP} device
     * @throws IllegalArgumentException naming the domain or the DNS servers when there are none
     */
    public Run plugAndPlayByDns(String domain, List<String> dnsServers, DeviceHost host, Map<String, String> env) {
        if (kind != Kind.PNP) {
            throw new IllegalStateException("the PnP agent is what a PnP device runs, not " + kind.module);
        }
        if (domain == null || domain.isBlank()) {
            throw new IllegalArgumentException("PnP DNS discovery: no domain (option 15) to look pnpserver up in");
        }
        if (dnsServers == null || dnsServers.isEmpty()) {
            throw new IllegalArgumentException("PnP DNS discovery: no DNS server (option 6) to ask for pnpserver." + domain);
        }
        return python(List.of(modules.resolve("device.py").toString(), "pnp-dns", domain, String.join(",", dnsServers)), env, host);
    }

    private Run python(List<String> args, Map<String, String> env, DeviceHost host) {
        // the PnP agent applies configuration through the IOS model of AutoInstall
        String path = modules.resolve(kind.module) + File.pathSeparator + modules.resolve("common")
                + (kind == Kind.PNP ? File.pathSeparator + modules.resolve("ios") : "");
        List<String> cmd = new ArrayList<>(List.of("env", "PYTHONPATH=" + path, "JYTHONPATH=" + path,
                "EMULATOR_DIR=" + state, "ZTP4J_BOOTFLASH=" + flash(), "PYTHONDONTWRITEBYTECODE=1",
                "EMULATOR_RELEASE=" + release, "EMULATOR_INTERPRETER=" + interpreter.name().toLowerCase(Locale.ROOT)));
        if (kind == Kind.EOS) {
            // EOS runs the bootstrap with its CLI on the PATH and its flash at /mnt/flash.
            cmd.add("PATH=" + modules.resolve("eos") + File.pathSeparator + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
            cmd.add("ZTP4J_FLASH_MOUNT=/mnt/flash");
        }
        if (host != null && host.source() != null) {
            cmd.add("ZTP4J_E2E_SOURCE=" + host.source());
        }
        env.forEach((k, v) -> cmd.add(k + "=" + v));
        cmd.addAll(Python.command(interpreter));
        cmd.addAll(args);
        List<String> full = host == null ? cmd : host.command(cmd);
        try {
            Process p = new ProcessBuilder(full).directory(state.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            // Read on another thread, so that a script that never ends cannot hold this one past the timeout.
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> copy(p.getInputStream(), out), this::daemon);
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IllegalStateException("the emulated " + kind.module + " still ran after " + text(timeout)
                        + " and was stopped; its output so far:\n" + out.toString(StandardCharsets.UTF_8));
            }
            try {
                reading.get(OUTPUT_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // what arrived is what there is
            }
            return new Run(p.exitValue(), out.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("running " + full.get(0) + " for the emulated " + kind.module, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the emulated " + kind.module + " ran its script", e);
        }
    }

    private void daemon(Runnable task) {
        Thread t = new Thread(task, "emulated-" + kind.module + "-output");
        t.setDaemon(true);
        t.start();
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // the process was stopped: keep what it printed
        }
    }

    private static String text(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
