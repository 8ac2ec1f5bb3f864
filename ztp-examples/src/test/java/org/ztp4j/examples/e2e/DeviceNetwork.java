package org.ztp4j.examples.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.ztp4j.testing.Netns;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;
import org.ztp4j.testkit.DeviceHost;

/**
 * The devices' side of the end-to-end lab: a veth pair whose device end lives in a fresh network
 * namespace, and whose server end stays in the root namespace with {@value #SERVER_ADDRESS}, where
 * {@code ztp serve} and dnsmasq listen. Only the veth carries 10.213.9.0/24; the machine's own
 * interfaces are never touched. Names are unique per run, and {@link #close()} stops dnsmasq and
 * deletes the namespace and the link, also after a failure. (Same pattern as ztp-dhcp's VethLab,
 * on a subnet of its own so that both can run at once.)
 */
final class DeviceNetwork implements AutoCloseable {

    /** The server end's address: where the devices reach ztp serve and dnsmasq. */
    static final String SERVER_ADDRESS = "10.213.9.1";

    private final String id = String.format(Locale.ROOT, "%06x", ThreadLocalRandom.current().nextInt(1 << 24));
    private final String namespace = "ztpe2e" + id;
    private final String serverInterface = "zes" + id;
    private final String deviceInterface = "zed" + id;
    private final Path scratch;
    private boolean linkCreated;
    private Process dnsmasq;

    private DeviceNetwork(Path scratch) {
        this.scratch = scratch;
    }

    /**
     * Creates the namespace and the link, or says why it cannot.
     *
     * @param scratch where logs and scripts go
     * @param whyNot  told the reason when namespaces cannot be made here
     * @return the network, to be closed; empty where namespaces do not work
     */
    static Optional<DeviceNetwork> create(Path scratch, Consumer<String> whyNot) {
        DeviceNetwork net = new DeviceNetwork(scratch);
        Optional<String> no = Netns.tryCreate(net.namespace);
        if (no.isPresent()) {
            whyNot.accept(no.get());
            return Optional.empty();
        }
        try {
            Netns.ip(null, "link", "add", net.serverInterface, "type", "veth", "peer", "name", net.deviceInterface);
            net.linkCreated = true;
            Netns.ip(null, "link", "set", net.deviceInterface, "netns", net.namespace);
            Netns.ip(null, "addr", "add", SERVER_ADDRESS + "/24", "dev", net.serverInterface);
            Netns.ip(null, "link", "set", net.serverInterface, "up");
            Netns.ip(net.namespace, "link", "set", "lo", "up");
            Netns.ip(net.namespace, "link", "set", net.deviceInterface, "up");
            Netns.awaitCarrier(null, net.serverInterface);
            return Optional.of(net);
        } catch (RuntimeException | Error e) {
            net.close();
            throw e;
        }
    }

    /**
     * @param command a program and its arguments
     * @return the same command run inside the devices' namespace
     */
    List<String> inDeviceNamespace(List<String> command) {
        return Netns.in(namespace, command);
    }

    /**
     * Plugs a device in: the device end takes the device's MAC (so that DHCP reservations by MAC
     * match) and loses any address an earlier device had.
     *
     * @param mac the device's MAC, {@code aa:bb:cc:dd:ee:ff}
     */
    void plugIn(String mac) {
        Netns.ip(namespace, "addr", "flush", "dev", deviceInterface);
        Netns.setMac(namespace, deviceInterface, mac);
    }

    /**
     * Gives the device end the address the device leased, as the device's DHCP client does.
     *
     * @param address the leased address
     * @return where the device now is: that address, its commands run in the namespace
     */
    DeviceHost configure(String address) {
        Netns.ip(namespace, "addr", "flush", "dev", deviceInterface);
        Netns.ip(namespace, "addr", "add", address + "/24", "dev", deviceInterface);
        return new DeviceHost(address, this::inDeviceNamespace);
    }

    /**
     * A request to the status API of a {@code ztp serve}: bound beyond loopback, serve generates an
     * operator token into its state directory, which this sends.
     *
     * @param host     the address the server is bound to
     * @param httpPort the server's HTTP port
     * @param stateDir its {@code --state-dir}
     * @return the request for {@code /api/devices}
     * @throws IOException when the token file cannot be read
     */
    static java.net.http.HttpRequest apiDevices(String host, int httpPort, Path stateDir) throws IOException {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://" + host + ":" + httpPort + "/api/devices")).timeout(java.time.Duration.ofSeconds(30));
        Path tokens = stateDir.resolve("api-tokens");
        if (Files.exists(tokens)) {
            String line = Files.readAllLines(tokens).stream().filter(l -> l.startsWith("operator ")).findFirst().orElseThrow();
            request.header("Authorization", "Bearer " + line.substring("operator ".length()).strip());
        }
        return request.build();
    }

    /**
     * @return the lease file every dnsmasq started here writes (one runs at a time), for a server's
     *     {@code --leases FILE --lease-format dnsmasq}
     */
    Path leaseFile() {
        return leaseFile(scratch);
    }

    /**
     * @param scratch the scratch folder a network is made with
     * @return the lease file the dnsmasq of that network writes
     */
    static Path leaseFile(Path scratch) {
        return scratch.resolve("dnsmasq.leases");
    }

    /**
     * Starts dnsmasq on the server end with a configuration {@code ztp dhcp} wrote, replacing the
     * one running before. Its lease file ({@link #leaseFile}) and log stay in the scratch folder.
     *
     * @param config the configuration file
     * @param name   a name for its log file
     * @throws IOException when it cannot start
     */
    void startDnsmasq(Path config, String name) throws IOException {
        stopDnsmasq();
        Path program = ExternalTool.require("dnsmasq", "dnsmasq");
        dnsmasq = new ProcessBuilder(program.toString(), "--no-daemon", "--conf-file=" + config,
                "--interface=" + serverInterface, "--bind-interfaces", "--except-interface=lo",
                "--dhcp-leasefile=" + leaseFile(), "--pid-file=", "--user=root", "--log-dhcp")
                .redirectErrorStream(true).redirectOutput(dnsmasqLog(name).toFile()).start();
    }

    /**
     * @param name the name given to {@link #startDnsmasq}
     * @return where that dnsmasq logs
     */
    Path dnsmasqLog(String name) {
        return scratch.resolve(name + ".dnsmasq.log");
    }

    /** Stops dnsmasq if it runs. */
    void stopDnsmasq() {
        if (dnsmasq != null) {
            Processes.stop(dnsmasq, 5);
            dnsmasq = null;
        }
    }

    /**
     * Runs busybox udhcpc once on the device end, as the device's DHCP client, asking for option
     * 150 too, and returns what it was offered. busybox exports option 66 as {@code tftp}, 67 as
     * {@code bootfile}, siaddr as {@code siaddr} and option 150, which it has no name for, as
     * {@code opt150} in hex (and option 43, asked for with {@code -O 43}, as {@code opt43}); options
     * 6 and 15, which it asks for itself, as {@code dns} (addresses separated by blanks) and {@code domain}.
     *
     * @param name  a name for the recorded lease
     * @param extra the device's own options ({@code -V vendor-class}, {@code -x 0x4d:...})
     * @return the offered settings by udhcpc's names
     * @throws IOException when files cannot be written
     */
    Map<String, String> lease(String name, List<String> extra) throws IOException {
        Path udhcpc = ExternalTool.require("udhcpc", "udhcpc");
        Path out = scratch.resolve(name + ".lease");
        Path script = scratch.resolve(name + ".udhcpc.sh");
        StringBuilder sh = new StringBuilder("#!/bin/sh\n[ \"$1\" = bound ] || exit 0\n{\n");
        for (String v : List.of("ip", "mask", "router", "dns", "domain", "siaddr", "bootfile", "tftp", "opt150", "opt43", "opt239")) {
            sh.append("  printf '").append(v).append("=%s\\n' \"$").append(v).append("\"\n");
        }
        sh.append("} > ").append(out).append(".tmp && mv ").append(out).append(".tmp ").append(out).append('\n');
        Files.writeString(script, sh.toString());
        if (!script.toFile().setExecutable(true)) {
            throw new IOException("cannot make " + script + " executable");
        }
        List<String> cmd = new ArrayList<>(List.of(udhcpc.toString(), "-i", deviceInterface, "-f", "-q", "-n",
                "-t", "5", "-T", "2", "-A", "1", "-O", "150", "-s", script.toString()));
        cmd.addAll(extra);
        Processes.Result r = Processes.runAllowingFailure(scratch, 40, inDeviceNamespace(cmd).toArray(String[]::new));
        if (r.exitCode() != 0 || !Files.exists(out)) {
            throw new AssertionError("udhcpc got no lease for " + name + " (exit " + r.exitCode() + "):\n" + r.stdout() + r.stderr()
                    + "\ndnsmasq log:\n" + (Files.exists(dnsmasqLog(name)) ? Files.readString(dnsmasqLog(name)) : "(none)"));
        }
        Map<String, String> vars = new LinkedHashMap<>();
        for (String line : Files.readAllLines(out)) {
            int eq = line.indexOf('=');
            vars.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return vars;
    }

    /**
     * @param hex an option {@link #lease} recorded in hex ({@code opt43}, {@code opt239})
     * @return its bytes as text (UTF-8)
     */
    static String optionText(String hex) {
        return new String(HexFormat.of().parseHex(hex), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        stopDnsmasq();
        if (linkCreated) {
            run("ip", "link", "del", serverInterface); // deletes both ends
        }
        run("ip", "netns", "del", namespace);
    }

    private static Processes.Result run(String... command) {
        return Processes.runAllowingFailure(Path.of("."), 30, command);
    }
}
