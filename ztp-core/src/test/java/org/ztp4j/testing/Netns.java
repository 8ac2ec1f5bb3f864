package org.ztp4j.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Network namespaces, veth links and processes in them, for the tests that run real DHCP servers
 * and clients on test hosts of their own (ztp-dhcp's labs, the end-to-end test of ztp serve).
 */
public final class Netns {

    private Netns() {
    }

    /**
     * Creates a namespace, or skips the test (fails under CI) where namespaces cannot be made.
     *
     * @param ns the namespace's name
     */
    public static void createOrSkip(String ns) {
        ExternalTool.require("ip", "iproute2");
        Processes.Result probe = Processes.runAllowingFailure(List.of("ip", "netns", "add", ns), 60);
        ExternalTool.requireThat(probe.exitCode() == 0,
                "cannot create network namespaces (needs root or CAP_SYS_ADMIN): " + probe.output().strip());
    }

    /**
     * Creates a namespace, or says why it cannot, for tests that fall back to loopback then.
     *
     * @param ns the namespace's name
     * @return empty when it was made; else the reason (no {@code ip}, no privilege)
     */
    public static Optional<String> tryCreate(String ns) {
        if (ExternalTool.find("ip").isEmpty()) {
            return Optional.of("'ip' not found: apt-get install -y iproute2");
        }
        Processes.Result probe = Processes.runAllowingFailure(List.of("ip", "netns", "add", ns), 30);
        return probe.exitCode() == 0 ? Optional.empty()
                : Optional.of("cannot create network namespaces (needs root or CAP_SYS_ADMIN): " + probe.output().strip());
    }

    /**
     * Runs {@code ip} in a namespace and fails when it does.
     *
     * @param ns   the namespace, or null for the root namespace
     * @param args the arguments after {@code ip [-n NS]}
     */
    public static void ip(String ns, String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        if (ns != null) {
            cmd.addAll(List.of("-n", ns));
        }
        cmd.addAll(List.of(args));
        Processes.run(cmd);
    }

    /**
     * @param ns      the namespace, or null for the root namespace
     * @param command a program and its arguments
     * @return the command run inside the namespace
     */
    public static List<String> in(String ns, List<String> command) {
        if (ns == null) {
            return command;
        }
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        c.addAll(command);
        return c;
    }

    /**
     * Waits (5 s at most) until an interface has carrier: a veth pair comes up a moment after
     * {@code ip link set up}, and a DHCP server started in that moment (Kea: "interface ... is not
     * running") never listens on it.
     *
     * @param ns     the namespace, or null for the root namespace
     * @param ifname the interface
     */
    public static void awaitCarrier(String ns, String ifname) {
        List<String> show = in(ns, List.of("ip", "-o", "link", "show", "dev", ifname));
        for (int i = 0; i < 50; i++) {
            String link = Processes.runAllowingFailure(show, 10).stdout();
            // LOWER_UP is the carrier; Kea opens its socket only once the kernel also says the link
            // is running (operational state UP), which can come a moment later under load.
            if (link.contains("LOWER_UP") && link.contains(" state UP ")) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError(ifname + " has no carrier 5 s after it was set up");
    }

    /** Gives an interface a MAC address (down, set, up). */
    public static void setMac(String ns, String ifname, String mac) {
        ip(ns, "link", "set", ifname, "down");
        ip(ns, "link", "set", ifname, "address", mac);
        ip(ns, "link", "set", ifname, "up");
    }

    /** Stops each process (SIGTERM, then SIGKILL after 5 s), bounded. */
    public static void stop(List<Process> processes) {
        for (Process p : processes) {
            Processes.stop(p, 5);
        }
    }
}
