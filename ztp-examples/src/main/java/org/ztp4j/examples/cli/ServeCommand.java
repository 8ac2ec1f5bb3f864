package org.ztp4j.examples.cli;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ztp4j.core.Day0Access;
import org.ztp4j.core.IpAddresses;
import org.ztp4j.core.LeaseLookup;
import org.ztp4j.core.inventory.CsvInventory;
import org.ztp4j.dhcp.lease.LeaseFile;
import org.ztp4j.dhcp.lease.LeaseFileFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ztp serve}: run the ZTP server in the foreground. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the ZTP server in the foreground: TFTP and HTTP (and HTTPS when asked) over the same files:",
            "every platform's generated scripts and day-0 configs, then the files under --root. Reloads the",
            "inventory and templates when they change (keeping the last good ones when a change is invalid).",
            "Stops cleanly on SIGINT/SIGTERM."})
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--root", paramLabel = "DIR", description = "Files served as they are (images, ...); nothing outside it is served.")
    Path root;

    @Option(names = "--inventory", paramLabel = "FILE", description = "CSV inventory. Without it, no device is served (ztp demo serves the sample ones).")
    Path inventory;

    @Option(names = "--templates", paramLabel = "DIR", description = "Templates that override the bundled ones, file by file.")
    Path templates;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDR", description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 needs --advertise).")
    String bind;

    @Option(names = "--advertise", paramLabel = "ADDR", description = "Address devices reach the server at (default: --bind).")
    String advertise;

    @Option(names = "--tftp-port", defaultValue = "69", paramLabel = "N", description = "TFTP port (default: ${DEFAULT-VALUE}).")
    int tftpPort;

    @Option(names = "--http-port", defaultValue = "8080", paramLabel = "N", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--https-port", paramLabel = "N", description = "Also serve HTTPS on this port, with a self-signed certificate kept in --tls-dir.")
    Integer httpsPort;

    @Option(names = "--tls-dir", defaultValue = "ztp4j-tls", paramLabel = "DIR", description = "Where the generated certificate and key are kept (default: ${DEFAULT-VALUE}).")
    Path tlsDir;

    @Mixin
    TemplateVariables vars;

    @Option(names = "--set", paramLabel = "PLATFORM.SETTING=VALUE", description = "An adapter setting or opt-in, e.g. nxos.transfer=http (repeatable; 'ztp platforms' lists them).")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--leases", paramLabel = "FILE", description = "DHCP lease file: tells devices apart by address (IOS AutoInstall, Junos, AOS-CX) and, by default, lets a device's own files go only to the address leased to its MAC.")
    Path leases;

    @Option(names = "--lease-format", defaultValue = "isc", paramLabel = "isc|kea|dnsmasq", description = "Format of --leases (default: ${DEFAULT-VALUE}).")
    String leaseFormat;

    @Option(names = "--day0-access", paramLabel = "any|lease|token",
            description = "Who may fetch a device's day-0 and its other own files: any host; only the address DHCP leased to "
                    + "its MAC (--leases); or only requests carrying its token (ztp dhcp --day0-access token puts it in "
                    + "its reservation). Default: lease with --leases, else any.")
    String day0Access;

    @Option(names = "--webhook", paramLabel = "URL", description = "POST every event as JSON to this URL.")
    URI webhook;

    @Option(names = "--state-dir", defaultValue = "ztp4j-state", paramLabel = "DIR",
            description = "Where device states and their journal are kept, an embedded H2 database (default: ./${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--store", paramLabel = "JDBC_URL",
            description = "Keep device states and the journal in this database instead, shared by several servers: "
                    + "jdbc:postgresql://HOST[:PORT]/DB?user=U&password=P (PostgreSQL 15 or later).")
    String store;

    @Option(names = "--api-token-file", paramLabel = "FILE",
            description = {"Tokens the JSON API and status page accept (Authorization: Bearer <token>), one a line:",
                "'<role> <token>', role viewer (reads) or operator (also resets, retries, decommissions); read again",
                "when it changes. Without it: open on loopback; bound elsewhere, an operator token is generated into",
                "--state-dir (file api-tokens, mode 0600) and its path printed."})
    Path apiTokenFile;

    @Option(names = "--probe-ssh", description = "After a device's day-0 is served, probe its management address on TCP 22 and mark it reachable.")
    boolean probeSsh;

    /** What serve serves without --inventory: nothing, never the demo's devices. */
    private static final CsvInventory NO_DEVICES = CsvInventory.parse("no inventory", "hostname,serial\n");

    @Override
    public Integer call() throws Exception {
        Platforms.checkSettings(settings); // before anything is loaded or bound: a misspelt setting is a typo, not a runtime fault
        CsvInventory inv = inventory == null ? NO_DEVICES : loadInventory();
        if (inventory == null) {
            spec.commandLine().getErr().println("ztp serve: no --inventory given, so no device is served (ztp demo serves the sample devices)");
        }
        Map<String, String> globals = new LinkedHashMap<>();
        globals.putAll(vars.resolve(System::getenv, spec.commandLine().getErr()));
        if (templates != null) {
            CliFiles.requireDirectory(templates, "--templates");
        }
        if (root != null) {
            CliFiles.requireDirectory(root, "--root");
        }
        LeaseLookup lookup = LeaseLookup.NONE;
        if (leases != null) {
            lookup = LeaseFile.open(leases, LeaseFileFormat.parse(leaseFormat));
        }
        InetAddress bindAddress = IpAddresses.parse("--bind", bind);
        InetAddress advertised = advertise == null ? null : IpAddresses.parse("--advertise", advertise);
        if (bindAddress.isAnyLocalAddress() && advertised == null) {
            throw new IllegalArgumentException("--bind " + bind + ": also give --advertise ADDR, the address devices reach this server at");
        }
        if (store != null && spec.commandLine().getParseResult().hasMatchedOption("--state-dir")) {
            throw new IllegalArgumentException("--state-dir and --store: give one (--store keeps everything in the database)");
        }
        Day0Access access = day0Access != null ? Day0Access.parse(day0Access) : leases != null ? Day0Access.LEASE : Day0Access.ANY;
        if (access == Day0Access.LEASE && leases == null) {
            throw new IllegalArgumentException("--day0-access lease needs --leases FILE, the DHCP server's lease file");
        }
        if (access == Day0Access.ANY && !bindAddress.isLoopbackAddress()) {
            spec.commandLine().getErr().println("ztp serve: warning: --day0-access any on " + bind + ": any host that reaches "
                    + "this server can fetch every device's day-0, passwords included (use lease or token)");
        }
        if (apiTokenFile != null) {
            CliFiles.requireRegularFile(apiTokenFile);
        } else if (store != null && !bindAddress.isLoopbackAddress()) {
            // No state directory to keep a generated token in, and servers sharing a store should accept the same tokens.
            throw new IllegalArgumentException("--store with --bind " + bind + ": give --api-token-file FILE, the tokens "
                    + "every server sharing the store accepts (without it the API would answer anyone)");
        }
        return run(spec, new ZtpServer.Settings(inv, templates, root, bindAddress, advertised, tftpPort, httpPort, httpsPort,
                tlsDir, globals, settings, lookup, webhook, probeSsh, store == null ? stateDir : null, store, false, apiTokenFile,
                access), null);
    }

    private CsvInventory loadInventory() throws java.io.IOException {
        CliFiles.requireRegularFile(inventory);
        return CsvInventory.load(inventory);
    }

    /** Starts, prints the summary (and the demo's extra lines), and blocks until stopped. */
    static int run(CommandSpec spec, ZtpServer.Settings settings, java.util.function.Consumer<ZtpServer> extra) throws Exception {
        ZtpServer server = new ZtpServer(settings);
        try {
            server.start();
        } catch (java.net.BindException e) {
            server.close();
            throw new IllegalArgumentException("cannot listen on " + settings.bind().getHostAddress() + " TFTP port "
                    + settings.tftpPort() + " / HTTP port " + settings.httpPort() + ": " + e.getMessage()
                    + (settings.tftpPort() < 1024 ? " (ports below 1024 need root or CAP_NET_BIND_SERVICE)" : ""));
        }
        var out = spec.commandLine().getOut();
        server.printSummary(out);
        if (extra != null) {
            extra.accept(server);
        }
        out.flush();
        server.awaitStop();
        return 0;
    }
}
