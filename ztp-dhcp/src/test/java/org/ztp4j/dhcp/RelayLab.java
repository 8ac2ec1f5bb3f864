package org.ztp4j.dhcp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.ztp4j.testing.Netns;
import org.ztp4j.testing.Processes;
import org.ztp4j.testing.ExternalTool;

/**
 * A routed provisioning network in three network namespaces: client, relay and server. The
 * client's link ends on the relay's downstream interface (10.213.7.1/24, the giaddr); the relay's
 * upstream interface (10.213.9.2/24) faces the server (10.213.9.1/24), which routes 10.213.7.0/24
 * back through the relay. ISC's dhcrelay with {@code -a} adds option 82 with the downstream
 * interface's name as circuit-id. Nothing outside the three namespaces is touched; names are
 * unique per run, and {@link #close()} stops every process and deletes the namespaces (and with
 * them the links), also after a failure.
 */
public final class RelayLab implements AutoCloseable {

    /** The relay's client-side address, the giaddr of relayed requests. */
    public static final String GIADDR = "10.213.7.1";

    /** The server's address on the upstream link. */
    public static final String SERVER_ADDRESS = "10.213.9.1";

    /** The upstream link's network, which the server's own configuration must declare (dhcpd). */
    public static final String UPSTREAM_NETWORK = "10.213.9.0";

    private final String id = String.format(Locale.ROOT, "%06x", ThreadLocalRandom.current().nextInt(1 << 24));
    private final String clientNs = "ztpc" + id;
    private final String relayNs = "ztpr" + id;
    private final String serverNs = "ztps" + id;
    private final String clientIf = "zc" + id;
    private final String downstreamIf = "zd" + id;
    private final String upstreamIf = "zu" + id;
    private final String serverIf = "zs" + id;
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    private RelayLab() {
    }

    /**
     * Creates the namespaces and links, or skips the test (fails under CI) where namespaces cannot
     * be made.
     *
     * @return the lab, to be closed
     */
    public static RelayLab create() {
        RelayLab lab = new RelayLab();
        Netns.createOrSkip(lab.clientNs);
        lab.namespaces.add(lab.clientNs);
        try {
            for (String ns : List.of(lab.relayNs, lab.serverNs)) {
                Processes.run(List.of("ip", "netns", "add", ns));
                lab.namespaces.add(ns);
            }
            // veth pairs are created inside a namespace, so they vanish with it
            Netns.ip(lab.relayNs, "link", "add", lab.downstreamIf, "type", "veth", "peer", "name", lab.clientIf, "netns", lab.clientNs);
            Netns.ip(lab.relayNs, "link", "add", lab.upstreamIf, "type", "veth", "peer", "name", lab.serverIf, "netns", lab.serverNs);
            Netns.ip(lab.relayNs, "addr", "add", GIADDR + "/24", "dev", lab.downstreamIf);
            Netns.ip(lab.relayNs, "addr", "add", "10.213.9.2/24", "dev", lab.upstreamIf);
            Netns.ip(lab.serverNs, "addr", "add", SERVER_ADDRESS + "/24", "dev", lab.serverIf);
            for (String[] nsIf : new String[][] {{lab.clientNs, lab.clientIf}, {lab.relayNs, lab.downstreamIf},
                    {lab.relayNs, lab.upstreamIf}, {lab.serverNs, lab.serverIf}}) {
                Netns.ip(nsIf[0], "link", "set", "lo", "up");
                Netns.ip(nsIf[0], "link", "set", nsIf[1], "up");
            }
            Netns.ip(lab.serverNs, "route", "add", "10.213.7.0/24", "via", "10.213.9.2");
            Netns.awaitCarrier(lab.serverNs, lab.serverIf); // a DHCP server started before it ignores the link
            Netns.awaitCarrier(lab.relayNs, lab.downstreamIf);
            return lab;
        } catch (RuntimeException | Error e) {
            lab.close();
            throw e;
        }
    }

    /** @return the client's interface (inside the client namespace) */
    public String clientInterface() {
        return clientIf;
    }

    /** @return the relay's client-side interface: its name is the circuit-id dhcrelay sends */
    public String downstreamInterface() {
        return downstreamIf;
    }

    /** @return the server's interface (inside the server namespace) */
    public String serverInterface() {
        return serverIf;
    }

    /** @param mac the MAC the client should have, {@code aa:bb:cc:dd:ee:ff} */
    public void clientMac(String mac) {
        Netns.setMac(clientNs, clientIf, mac);
    }

    /** @param command a program and its arguments @return it run inside the client namespace */
    public List<String> inClient(List<String> command) {
        return Netns.in(clientNs, command);
    }

    /** @param command a program and its arguments @return it run inside the server namespace */
    public List<String> inServer(List<String> command) {
        return Netns.in(serverNs, command);
    }

    /**
     * Starts dhcrelay in the relay namespace, adding option 82 (circuit-id = downstream interface name).
     *
     * @param log where its output goes
     * @throws IOException when it cannot start
     */
    public void startRelay(Path log) throws IOException {
        Path dhcrelay = ExternalTool.require("dhcrelay", "isc-dhcp-relay");
        start(Netns.in(relayNs, List.of(dhcrelay.toString(), "-4", "-d", "-a", "--no-pid", "-id", downstreamIf, "-iu", upstreamIf,
                SERVER_ADDRESS)), log);
    }

    /**
     * Starts a long-running program that {@link #close()} stops.
     *
     * @param command the program and its arguments, already wrapped by {@link #inServer} if needed
     * @param log     where its output goes
     * @throws IOException when it cannot start
     */
    public void start(List<String> command, Path log) throws IOException {
        processes.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
    }

    @Override
    public void close() {
        Netns.stop(processes);
        for (String ns : namespaces) {
            Processes.runAllowingFailure(List.of("ip", "netns", "del", ns), 60);
        }
    }
}
