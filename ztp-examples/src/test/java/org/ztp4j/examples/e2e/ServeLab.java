package org.ztp4j.examples.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ztp4j.examples.testing.ZtpJar;
import org.ztp4j.testing.ExternalTool;

/**
 * One {@code ztp serve} of an end-to-end test class, on the server end of its {@link DeviceNetwork}
 * (or on loopback where there is none), with what every such test does around it: the DHCP
 * configuration {@code ztp dhcp} writes for a platform, a lease taken from dnsmasq running on it,
 * and each device's fields from the status API. {@link #close()} stops the server and the network.
 */
final class ServeLab implements AutoCloseable {

    /** The subnet, dynamic range and router every generated DHCP configuration serves. */
    private static final List<String> SCOPE = List.of("--subnet", "10.213.9.0/24", "--range", "10.213.9.100-10.213.9.150",
            "--router", DeviceNetwork.SERVER_ADDRESS);

    private final Path dir;
    private final DeviceNetwork network;
    private final Path inventory;
    private final String host;
    private final ZtpJar server;
    private final int tftpPort;
    private final int httpPort;

    private ServeLab(Path dir, DeviceNetwork network, Path inventory, String host, ZtpJar server, int tftpPort, int httpPort) {
        this.dir = dir;
        this.network = network;
        this.inventory = inventory;
        this.host = host;
        this.server = server;
        this.tftpPort = tftpPort;
        this.httpPort = httpPort;
    }

    /**
     * Makes the devices' network and starts {@code ztp serve} on its server end: the lab of a test
     * whose devices lease from dnsmasq with busybox udhcpc. Where namespaces, dnsmasq or udhcpc are
     * missing the test is skipped, and fails under {@code CI=true} ({@link ExternalTool}).
     *
     * @param dir       the test's folder
     * @param what      the test, for the message that says why it cannot run
     * @param inventory the inventory file
     * @param httpPort  the HTTP port, or 0 for a free one
     * @param args      further arguments of {@code ztp serve}
     * @return the running lab
     * @throws IOException when the server cannot start
     */
    static ServeLab startInNamespace(Path dir, String what, Path inventory, int httpPort, List<String> args) throws IOException {
        String[] whyNot = {""};
        DeviceNetwork network = DeviceNetwork.create(dir, why -> whyNot[0] = why).orElse(null);
        ExternalTool.requireThat(network != null, what + " needs network namespaces: " + whyNot[0]);
        try {
            ExternalTool.require("dnsmasq", "dnsmasq");
            ExternalTool.require("udhcpc", "udhcpc");
            return start(dir, network, inventory, httpPort, args);
        } catch (RuntimeException | Error | IOException e) {
            network.close();
            throw e;
        }
    }

    /**
     * Starts {@code ztp serve} bound to the network's server end (else 127.0.0.1), with a root and a
     * state directory in the folder. On a shared machine another program may take a free port
     * before the server binds it, so a server that cannot listen is started again on other ports,
     * three times at most.
     *
     * @param dir       the test's folder: root, state and output go there
     * @param network   the devices' network, or {@code null} to serve on loopback
     * @param inventory the inventory file
     * @param httpPort  the HTTP port, or 0 for a free one
     * @param args      further arguments of {@code ztp serve} ({@code --var ...}, {@code --https-port ...})
     * @return the running lab
     * @throws IOException when the server cannot start
     */
    static ServeLab start(Path dir, DeviceNetwork network, Path inventory, int httpPort, List<String> args) throws IOException {
        String host = network != null ? DeviceNetwork.SERVER_ADDRESS : "127.0.0.1";
        InetAddress bind = InetAddress.getByName(host);
        Path root = Files.createDirectories(dir.resolve("root"));
        for (int attempt = 1; ; attempt++) {
            int tftp = ZtpJar.freeUdpPort(bind);
            int http = httpPort > 0 ? httpPort : ZtpJar.freeTcpPort(bind);
            List<String> all = new ArrayList<>(List.of("--inventory", inventory.toString(), "--root", root.toString(),
                    "--bind", host, "--tftp-port", Integer.toString(tftp), "--http-port", Integer.toString(http),
                    "--state-dir", dir.resolve("state").toString()));
            all.addAll(args);
            try {
                return new ServeLab(dir, network, inventory, host, ZtpJar.serve(dir, bind, http, all), tftp, http);
            } catch (AssertionError e) {
                if (attempt == 3 || httpPort > 0 || e.getMessage() == null || !e.getMessage().contains("cannot listen")) {
                    throw e;
                }
            }
        }
    }

    /** @return the devices' network, or {@code null} on loopback */
    DeviceNetwork network() {
        return network;
    }

    /** @return the running server */
    ZtpJar server() {
        return server;
    }

    /** @return the address the server is bound to */
    String host() {
        return host;
    }

    /** @return its TFTP port */
    int tftpPort() {
        return tftpPort;
    }

    /** @return its HTTP port */
    int httpPort() {
        return httpPort;
    }

    /** @return {@code http://<host>:<port>} */
    String httpBase() {
        return "http://" + host + ":" + httpPort;
    }

    /**
     * @param platform the platform
     * @param extra    further arguments of {@code ztp dhcp} ({@code --set ...}, {@code --domain ...})
     * @return what {@code ztp dhcp --format dnsmasq} prints for the platform, pointing at this server
     */
    String dhcpConfig(String platform, String... extra) {
        List<String> args = new ArrayList<>(List.of("dhcp", "--format", "dnsmasq", "--platform", platform,
                "--tftp-server", host, "--http-base", httpBase(), "--inventory", inventory.toString()));
        args.addAll(SCOPE);
        args.addAll(List.of(extra));
        return ZtpJar.run(dir, args.toArray(String[]::new));
    }

    /**
     * Runs dnsmasq on what {@code ztp dhcp} writes for the platform, plugs the device in and takes a
     * lease with busybox udhcpc as the device asks for it ({@link DeviceNetwork#lease}).
     *
     * @param platform      the platform, also the name of the config file, log and lease
     * @param mac           the device's MAC
     * @param clientOptions what the device sends and asks for ({@code -V ...}, {@code -O 43})
     * @param dhcpExtra     further arguments of {@code ztp dhcp}
     * @return the lease by udhcpc's names
     * @throws IOException when files cannot be written
     */
    Map<String, String> lease(String platform, String mac, List<String> clientOptions, String... dhcpExtra) throws IOException {
        return lease(platform, platform, mac, clientOptions, dhcpExtra);
    }

    /**
     * As {@link #lease(String, String, List, String...)}, under a name of its own (two devices of
     * one platform).
     *
     * @param name          the name of the config file, dnsmasq log and lease
     * @param platform      the platform
     * @param mac           the device's MAC
     * @param clientOptions what the device sends and asks for
     * @param dhcpExtra     further arguments of {@code ztp dhcp}
     * @return the lease by udhcpc's names
     * @throws IOException when files cannot be written
     */
    Map<String, String> lease(String name, String platform, String mac, List<String> clientOptions, String... dhcpExtra)
            throws IOException {
        startDnsmasq(name, platform, dhcpExtra);
        try {
            network.plugIn(mac);
            return network.lease(name, clientOptions);
        } finally {
            network.stopDnsmasq();
        }
    }

    /**
     * Starts dnsmasq on what {@code ztp dhcp} writes for the platform, written to
     * {@code <name>.dnsmasq.conf} in the test's folder; {@link DeviceNetwork#stopDnsmasq()} stops it.
     *
     * @param name      the name of the config file and dnsmasq log
     * @param platform  the platform
     * @param dhcpExtra further arguments of {@code ztp dhcp}
     * @return the configuration file
     * @throws IOException when it cannot be written or dnsmasq cannot start
     */
    Path startDnsmasq(String name, String platform, String... dhcpExtra) throws IOException {
        Path file = Files.writeString(dir.resolve(name + ".dnsmasq.conf"), dhcpConfig(platform, dhcpExtra));
        network.startDnsmasq(file, name);
        return file;
    }

    /** @return the status API's {@code /api/devices} JSON */
    String devicesJson() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> api = http.send(DeviceNetwork.apiDevices(host, httpPort, dir.resolve("state")), HttpResponse.BodyHandlers.ofString());
        if (api.statusCode() != 200) {
            throw new AssertionError("/api/devices answered " + api.statusCode() + ": " + api.body());
        }
        return api.body();
    }

    /**
     * @param hostname a device's host name
     * @return its text fields from the status API ({@code state}, {@code clientAddress}, ...); empty when it is not listed
     */
    Map<String, String> device(String hostname) throws IOException, InterruptedException {
        return devices(devicesJson()).getOrDefault(hostname, Map.of());
    }

    /**
     * Each device's text fields, by host name, from
     * {@code {"devices":[{"key":...,"hostname":...,"state":...}, ...]}}.
     *
     * @param json the status API's answer
     * @return the fields of each device object, by its host name
     */
    static Map<String, Map<String, String>> devices(String json) {
        Map<String, Map<String, String>> devices = new LinkedHashMap<>();
        List<String> objects = new ArrayList<>(List.of(json.split("\\{\"key\":")));
        objects.remove(0);
        Pattern text = Pattern.compile("\"([A-Za-z]+)\":\"([^\"]*)\"");
        for (String o : objects) {
            Map<String, String> fields = new LinkedHashMap<>();
            Matcher m = text.matcher(o);
            while (m.find()) {
                fields.putIfAbsent(m.group(1), m.group(2));
            }
            if (fields.containsKey("hostname")) {
                devices.put(fields.get("hostname"), fields);
            }
        }
        return devices;
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            if (network != null) {
                network.close();
            }
        }
    }
}
