package org.ztp4j.dhcp;

import org.ztp4j.testing.Netns;
import org.ztp4j.testing.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A throw-away link for DHCP interop tests: a veth pair whose client end lives in a fresh network
 * namespace. The server end stays in the root namespace (so that a server in this JVM can bind to
 * it) or goes into a second namespace. Only the veth carries 10.213.7.0/24; the machine's own
 * interfaces are never touched. Names are unique per run, and {@link #close()} stops every process
 * started here and deletes the namespaces and the link, also after a failure.
 */
public final class VethLab implements AutoCloseable {

    /** The server end's address. */
    public static final String SERVER_ADDRESS = "10.213.7.1";

    private final String id = String.format(Locale.ROOT, "%06x", ThreadLocalRandom.current().nextInt(1 << 24));
    private final String clientNs = "ztpc" + id;
    private final String serverNs;
    private final String serverIf = "zs" + id;
    private final String clientIf = "zc" + id;
    private final List<Process> processes = new ArrayList<>();
    private boolean linkCreated;

    private VethLab(boolean serverInNamespace) {
        this.serverNs = serverInNamespace ? "ztps" + id : null;
    }

    /**
     * Creates the link, or skips the test (fails under CI) where namespaces cannot be made.
     *
     * @param serverInNamespace whether the server end goes into its own namespace
     * @return the lab, to be closed
     */
    public static VethLab create(boolean serverInNamespace) {
        VethLab lab = new VethLab(serverInNamespace);
        Netns.createOrSkip(lab.clientNs);
        try {
            if (serverInNamespace) {
                Processes.run(List.of("ip", "netns", "add", lab.serverNs));
            }
            Processes.run(List.of("ip", "link", "add", lab.serverIf, "type", "veth", "peer", "name", lab.clientIf));
            lab.linkCreated = true;
            Processes.run(List.of("ip", "link", "set", lab.clientIf, "netns", lab.clientNs));
            if (serverInNamespace) {
                Processes.run(List.of("ip", "link", "set", lab.serverIf, "netns", lab.serverNs));
            }
            lab.serverIp("addr", "add", SERVER_ADDRESS + "/24", "dev", lab.serverIf);
            lab.serverIp("link", "set", lab.serverIf, "up");
            Processes.run(List.of("ip", "-n", lab.clientNs, "link", "set", "lo", "up"));
            Processes.run(List.of("ip", "-n", lab.clientNs, "link", "set", lab.clientIf, "up"));
            Netns.awaitCarrier(lab.serverNs, lab.serverIf); // a DHCP server started before it ignores the link
            return lab;
        } catch (RuntimeException | Error e) {
            lab.close();
            throw e;
        }
    }

    private void serverIp(String... args) {
        Netns.ip(serverNs, args);
    }

    /** @return the server end's interface name */
    public String serverInterface() {
        return serverIf;
    }

    /** @return the client end's interface name (inside the client namespace) */
    public String clientInterface() {
        return clientIf;
    }

    /**
     * @param mac the MAC the client end should have, {@code aa:bb:cc:dd:ee:ff}
     */
    public void clientMac(String mac) {
        Netns.setMac(clientNs, clientIf, mac);
    }

    /**
     * @param command a program and its arguments
     * @return the command run inside the client namespace
     */
    public List<String> inClient(List<String> command) {
        return Netns.in(clientNs, command);
    }

    /**
     * @param command a program and its arguments
     * @return the command run on the server side (its namespace, or as it is in the root namespace)
     */
    public List<String> inServer(List<String> command) {
        return Netns.in(serverNs, command);
    }

    /**
     * Starts a long-running program (a DHCP server) that {@link #close()} stops.
     *
     * @param command the program and its arguments, already wrapped by {@link #inServer} if needed
     * @param log     where its output goes
     * @return the process
     * @throws IOException when it cannot start
     */
    public Process start(List<String> command, Path log) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(p);
        return p;
    }

    /**
     * Waits until a file exists and is not empty, or a bounded time has passed.
     *
     * @param file    the file
     * @param seconds how long at most
     * @return whether it appeared
     * @throws InterruptedException when interrupted
     */
    public static boolean awaitFile(Path file, int seconds) throws InterruptedException {
        for (int i = 0; i < seconds * 10; i++) {
            try {
                if (Files.exists(file) && Files.size(file) > 0) {
                    return true;
                }
            } catch (IOException e) {
                // not there yet
            }
            Thread.sleep(100);
        }
        return false;
    }

    /**
     * Writes a udhcpc script that, when a lease is bound, records what the client received.
     * busybox udhcpc exports option 66 as {@code tftp}, 67 as {@code bootfile}, the file field as
     * {@code boot_file}, siaddr as {@code siaddr} and options it has no name for (150 and 43, asked
     * for with {@code -O 150 -O 43}) as {@code opt150} and {@code opt43} in hex.
     *
     * @param dir  where to put the script
     * @param out  where the script writes {@code name=value} lines
     * @return the script
     * @throws IOException when it cannot be written
     */
    public static Path udhcpcScript(Path dir, Path out) throws IOException {
        Path script = dir.resolve("udhcpc-" + out.getFileName() + ".sh");
        StringBuilder sh = new StringBuilder("#!/bin/sh\n[ \"$1\" = bound ] || exit 0\n{\n");
        for (String v : List.of("ip", "mask", "router", "siaddr", "boot_file", "bootfile", "tftp", "opt150", "opt43", "opt239", "hostname")) {
            sh.append("  printf '").append(v).append("=%s\\n' \"$").append(v).append("\"\n");
        }
        sh.append("} > ").append(out).append(".tmp && mv ").append(out).append(".tmp ").append(out).append('\n');
        Files.writeString(script, sh.toString());
        script.toFile().setExecutable(true);
        return script;
    }

    /**
     * Runs udhcpc once in the client namespace (broadcast replies, asking for option 150) and
     * returns what its script recorded ({@link #udhcpcScript}); fails, with the server's log, when
     * no lease comes.
     *
     * @param dir     the test's folder, where the server writes {@code server.log}
     * @param udhcpc  the udhcpc program
     * @param name    a name for this client's files
     * @param extra   more udhcpc arguments ({@code -V vendor}, {@code -O 43}, {@code -x ...})
     * @return the recorded {@code name=value} pairs
     * @throws Exception when the script or its output cannot be handled
     */
    public Map<String, String> lease(Path dir, Path udhcpc, String name, List<String> extra) throws Exception {
        Path out = dir.resolve(name + ".env");
        Path script = udhcpcScript(dir, out);
        List<String> cmd = new ArrayList<>(List.of(udhcpc.toString(), "-i", clientInterface(), "-f", "-q", "-n", "-B",
                "-t", "5", "-T", "2", "-A", "1", "-O", "150", "-s", script.toString()));
        cmd.addAll(extra);
        Processes.Result r = Processes.runAllowingFailure(inClient(cmd), 40);
        if (r.exitCode() != 0) {
            Path log = dir.resolve("server.log");
            throw new AssertionError("udhcpc for " + name + ":\n" + r.output() + "\nserver log:\n"
                    + (Files.exists(log) ? Files.readString(log) : "(none)"));
        }
        if (!awaitFile(out, 10)) {
            throw new AssertionError("udhcpc script output for " + name + ": nothing after 10 s");
        }
        Map<String, String> vars = new LinkedHashMap<>();
        for (String line : Files.readAllLines(out)) {
            int eq = line.indexOf('=');
            vars.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return vars;
    }

    @Override
    public void close() {
        Netns.stop(processes);
        if (linkCreated) {
            // deleting either end deletes the pair; it is gone already when its namespace went
            Processes.runAllowingFailure(serverNs == null ? List.of("ip", "link", "del", serverIf) : List.of("ip", "-n", serverNs, "link", "del", serverIf), 60);
        }
        Processes.runAllowingFailure(List.of("ip", "netns", "del", clientNs), 60);
        if (serverNs != null) {
            Processes.runAllowingFailure(List.of("ip", "netns", "del", serverNs), 60);
        }
    }
}
