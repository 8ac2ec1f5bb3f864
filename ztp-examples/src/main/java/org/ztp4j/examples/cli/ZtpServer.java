package org.ztp4j.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.Day0Access;
import org.ztp4j.core.DeviceTokens;
import org.ztp4j.core.LeaseLookup;
import org.ztp4j.core.inventory.CsvInventory;
import org.ztp4j.server.status.StatusPage;
import org.ztp4j.http.TlsConfig;
import org.ztp4j.server.Provisioning;
import org.ztp4j.server.api.ApiAccess;
import org.ztp4j.server.store.JdbcProvisioningStore;
import org.ztp4j.core.store.ProvisioningStore;

/**
 * What {@code ztp serve} and {@code ztp demo} run: the {@link Provisioning} runtime with its status
 * page, progress log, reachability probe, optional webhook, and reload of the inventory and
 * templates when their files change (the last good ones kept when a change is invalid).
 */
final class ZtpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ZtpServer.class);

    /** Everything the two commands can set. */
    record Settings(CsvInventory inventory, Path templates, Path root, InetAddress bind, InetAddress advertise,
                    int tftpPort, int httpPort, Integer httpsPort, Path tlsDir, Map<String, String> globals,
                    Map<String, String> settings, LeaseLookup leases, URI webhook, boolean probeSsh,
                    Path stateDir, String storeUrl, boolean deleteStateOnStop, Path apiTokenFile,
                    Day0Access day0Access) {
    }

    /** The file in the state directory that holds the key every device's token is derived from. */
    static final String TOKEN_KEY_FILE = "device-token.key";

    /**
     * The key devices' tokens come from: the database's when the state is kept in one several
     * servers share, else a file in the state directory (mode 0600), else one made for this run.
     */
    static DeviceTokens tokens(ProvisioningStore store, String storeUrl, Path stateDir) throws IOException {
        if (storeUrl != null && store != null) {
            return store.deviceTokenKey().map(DeviceTokens::hmac).orElseGet(DeviceTokens::random);
        }
        if (stateDir != null) {
            return DeviceTokens.hmac(DeviceTokens.keyFile(stateDir.resolve(TOKEN_KEY_FILE)));
        }
        return DeviceTokens.random();
    }

    private final Settings s;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Provisioning provisioning;
    private ProvisioningStore store;

    ZtpServer(Settings settings) {
        this.s = settings;
    }

    ZtpServer start() throws IOException {
        store = openStore();
        try {
            return startOn(store);
        } catch (IOException | RuntimeException e) {
            if (provisioning != null) {
                provisioning.close();
            }
            closeStore();
            throw e;
        }
    }

    private ProvisioningStore openStore() {
        if (s.storeUrl() != null) {
            return JdbcProvisioningStore.open(s.storeUrl());
        }
        if (s.stateDir() != null) {
            return JdbcProvisioningStore.inDirectory(s.stateDir());
        }
        return null;
    }

    private ZtpServer startOn(ProvisioningStore kept) throws IOException {
        Provisioning.Builder b = Provisioning.builder().inventory(s.inventory()).globals(s.globals()).settings(s.settings())
                .leases(s.leases()).bind(s.bind()).tftpPort(s.tftpPort()).httpPort(s.httpPort())
                .statusPage().progressLog(Duration.ofSeconds(5)).watchForChanges(Duration.ofSeconds(2))
                .reachabilityProbe(s.probeSsh())
                .day0Access(s.day0Access()).deviceTokens(tokens(kept, s.storeUrl(), s.stateDir()));
        b.apiAccess(apiAccess());
        if (s.webhook() != null) {
            b.webhook(s.webhook());
        }
        if (kept != null) {
            b.store(kept);
        }
        if (s.advertise() != null) {
            b.advertise(s.advertise());
        }
        if (s.templates() != null) {
            b.templates(s.templates());
        }
        if (s.root() != null) {
            b.root(s.root());
        }
        if (s.httpsPort() != null) {
            List<String> names = new ArrayList<>(List.of("localhost", hostFor(s.advertise() != null ? s.advertise() : s.bind())));
            b.https(TlsConfig.selfSigned(s.tlsDir(), names.toArray(String[]::new)), s.httpsPort());
        }
        provisioning = b.build();
        provisioning.start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "ztp-shutdown"));
        return this;
    }

    /**
     * The API's tokens: the file given; none on loopback; else a generated operator token kept in
     * the state directory (the store's lock is held by now, so no second server writes it too).
     */
    private ApiAccess apiAccess() throws IOException {
        if (s.apiTokenFile() != null) {
            return ApiAccess.fromFile(s.apiTokenFile());
        }
        if (s.bind().isLoopbackAddress()) {
            return ApiAccess.open();
        }
        if (s.stateDir() == null) {
            throw new IllegalArgumentException("bound to " + s.bind().getHostAddress() + " without a state directory: give --api-token-file");
        }
        return ApiAccess.generatedIn(s.stateDir());
    }

    Provisioning provisioning() {
        return provisioning;
    }

    /**
     * Prints the summary in one write, so that a program reading the output never sees half of it
     * (the writer may flush at every line).
     */
    void printSummary(PrintWriter sink) {
        java.io.StringWriter text = new java.io.StringWriter();
        PrintWriter out = new PrintWriter(text);
        var tftp = provisioning.tftpAddress();
        var http = provisioning.httpAddress();
        out.println("ztp4j is serving " + s.inventory().devices().size() + " devices");
        for (String warning : provisioning.warnings()) {
            out.println("  warning: " + warning);
        }
        out.println("  Day-0  access " + provisioning.access().mode().id()
                + (provisioning.access().mode() == Day0Access.TOKEN
                        ? " (ztp dhcp --day0-access token puts each device's token in its reservation)" : ""));
        out.println("  TFTP   " + tftp.getAddress().getHostAddress() + ":" + tftp.getPort());
        out.println("  HTTP   " + provisioning.bootServers().httpBase() + "/   (status page; JSON at " + StatusPage.API_PATH + ")");
        if (s.httpsPort() != null) {
            out.println("  HTTPS  " + provisioning.bootServers().httpsBase() + "/");
        }
        ApiAccess access = provisioning.apiGate().access();
        out.println("  API    " + describe(access));
        if (access.readableByOthers()) {
            out.println("  warning: " + access.file().orElseThrow() + " can be read by other users: chmod 600 it");
        }
        if (store != null) {
            out.println("  State  " + store.describe() + (s.deleteStateOnStop() ? " (deleted when it stops)" : ""));
        }
        out.println();
        out.println("Point DHCP at it (ztp dhcp --format isc|kea|dnsmasq|ios prints a whole config):");
        for (BootOffer o : provisioning.bootOffers()) {
            out.println("  " + describe(o, provisioning.bootServers().tftpServer()));
        }
        out.flush();
        sink.print(text);
        sink.flush();
    }

    /** Where the API's tokens are, never what they are. */
    static String describe(ApiAccess access) {
        if (access.isOpen()) {
            return "open: no token needed on loopback (--api-token-file asks for one)";
        }
        String file = access.file().map(f -> f.toAbsolutePath().toString()).orElse("memory");
        String line = access.created() ? "an operator token generated into " + file + " (mode 0600; ztp devices --token-file "
                + file + ")" : access.size() + (access.size() == 1 ? " token" : " tokens") + " from " + file;
        return "Authorization: Bearer <token>, " + line;
    }

    static String describe(BootOffer o, String tftpServer) {
        String match = switch (o.matchOption()) {
            case BootOffer.VENDOR_CLASS -> "option 60 starts '" + o.matchPrefix() + "'";
            case BootOffer.USER_CLASS -> "option 77 starts '" + o.matchPrefix() + "'";
            default -> "any client";
        };
        StringBuilder b = new StringBuilder(String.format("%-6s %-34s ->", o.platform(), match));
        List<String> parts = new ArrayList<>();
        if (o.tftpServer()) {
            parts.add("option 150 " + tftpServer);
        }
        String option66 = o.option66(tftpServer);
        if (option66 != null) {
            parts.add("option 66 " + option66);
        }
        if (o.tftpServer()) {
            parts.add("next-server " + tftpServer);
        }
        parts.add(o.bootfile() == null ? "no option 67 (the device asks for network-confg)" : "option 67 " + o.bootfile());
        b.append(' ').append(String.join(", ", parts));
        return b.toString();
    }

    void awaitStop() throws InterruptedException {
        stopped.await();
    }

    private void closeStore() {
        if (store == null) {
            return;
        }
        store.close();
        store = null;
        if (s.deleteStateOnStop() && s.stateDir() != null) {
            try (var files = Files.walk(s.stateDir())) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                LOG.warn("could not delete the state directory {}: {}", s.stateDir(), e.toString());
            }
        }
    }

    private static String hostFor(InetAddress a) {
        return a.isAnyLocalAddress() ? "127.0.0.1" : a.getHostAddress();
    }

    @Override
    public synchronized void close() {
        if (stopped.getCount() == 0) {
            return;
        }
        if (provisioning != null) {
            provisioning.close();
        }
        closeStore();
        LOG.info("ztp4j stopped");
        stopped.countDown();
    }
}
