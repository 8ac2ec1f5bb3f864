package org.ztp4j.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.LeaseLookup;
import org.ztp4j.core.inventory.CsvInventory;
import org.ztp4j.server.status.StatusPage;
import org.ztp4j.http.TlsConfig;
import org.ztp4j.server.Provisioning;

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
                    Map<String, String> settings, LeaseLookup leases, URI webhook, boolean probeSsh) {
    }

    private final Settings s;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Provisioning provisioning;

    ZtpServer(Settings settings) {
        this.s = settings;
    }

    ZtpServer start() throws IOException {
        Provisioning.Builder b = Provisioning.builder().inventory(s.inventory()).globals(s.globals()).settings(s.settings())
                .leases(s.leases()).bind(s.bind()).tftpPort(s.tftpPort()).httpPort(s.httpPort())
                .statusPage().progressLog(Duration.ofSeconds(5)).watchForChanges(Duration.ofSeconds(2))
                .reachabilityProbe(s.probeSsh());
        if (s.webhook() != null) {
            b.webhook(s.webhook());
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
        provisioning = b.build().start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "ztp-shutdown"));
        return this;
    }

    Provisioning provisioning() {
        return provisioning;
    }

    void printSummary(PrintWriter out) {
        var tftp = provisioning.tftpAddress();
        var http = provisioning.httpAddress();
        out.println("ztp4j is serving " + s.inventory().devices().size() + " devices");
        for (String warning : provisioning.warnings()) {
            out.println("  warning: " + warning);
        }
        out.println("  TFTP   " + tftp.getAddress().getHostAddress() + ":" + tftp.getPort());
        out.println("  HTTP   " + provisioning.bootServers().httpBase() + "/   (status page; JSON at " + StatusPage.API_PATH + ")");
        if (s.httpsPort() != null) {
            out.println("  HTTPS  " + provisioning.bootServers().httpsBase() + "/");
        }
        out.println();
        out.println("Point DHCP at it (ztp dhcp --format isc|kea|dnsmasq|ios prints a whole config):");
        for (BootOffer o : provisioning.bootOffers()) {
            out.println("  " + describe(o, provisioning.bootServers().tftpServer()));
        }
        out.flush();
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
        LOG.info("ztp4j stopped");
        stopped.countDown();
    }
}
