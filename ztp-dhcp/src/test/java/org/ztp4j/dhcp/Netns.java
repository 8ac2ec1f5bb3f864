package org.ztp4j.dhcp;

import java.util.ArrayList;
import java.util.List;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;

/** What {@link VethLab} and {@link RelayLab} both do with network namespaces, links and processes. */
final class Netns {

    private Netns() {
    }

    /**
     * Creates a namespace, or skips the test (fails under CI) where namespaces cannot be made.
     *
     * @param ns the namespace's name
     */
    static void createOrSkip(String ns) {
        ExternalTool.require("ip", "iproute2");
        Commands.Result probe = Commands.run(List.of("ip", "netns", "add", ns));
        ExternalTool.requireThat(probe.exitCode() == 0,
                "cannot create network namespaces (needs root or CAP_SYS_ADMIN): " + probe.output().strip());
    }

    /**
     * Runs {@code ip} in a namespace and fails when it does.
     *
     * @param ns   the namespace, or null for the root namespace
     * @param args the arguments after {@code ip [-n NS]}
     */
    static void ip(String ns, String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        if (ns != null) {
            cmd.addAll(List.of("-n", ns));
        }
        cmd.addAll(List.of(args));
        Commands.ok(cmd);
    }

    /**
     * @param ns      the namespace, or null for the root namespace
     * @param command a program and its arguments
     * @return the command run inside the namespace
     */
    static List<String> in(String ns, List<String> command) {
        if (ns == null) {
            return command;
        }
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        c.addAll(command);
        return c;
    }

    /** Gives an interface a MAC address (down, set, up). */
    static void setMac(String ns, String ifname, String mac) {
        ip(ns, "link", "set", ifname, "down");
        ip(ns, "link", "set", ifname, "address", mac);
        ip(ns, "link", "set", ifname, "up");
    }

    /** Stops each process (SIGTERM, then SIGKILL after 5 s), bounded. */
    static void stop(List<Process> processes) {
        for (Process p : processes) {
            Processes.stop(p, 5);
        }
    }
}
