package org.ztp4j.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.LeaseLookup;
import org.ztp4j.core.ProvisioningListener;
import org.ztp4j.core.inventory.CsvInventory;
import org.ztp4j.core.inventory.InventoryException;
import org.ztp4j.core.status.DeviceStatusBoard;
import org.ztp4j.core.template.TemplateException;
import org.ztp4j.core.template.TemplateSet;
import org.ztp4j.server.status.ProgressLog;
import org.ztp4j.server.status.ReachabilityProbe;
import org.ztp4j.server.status.StatusPage;
import org.ztp4j.server.status.WebhookListener;
import org.ztp4j.http.TlsConfig;
import org.ztp4j.server.Provisioning;

/**
 * What {@code ztp serve} and {@code ztp demo} run: the {@link Provisioning} facade with a status
 * board and page, progress log, optional reachability probe and webhook, and a watcher that
 * reloads the inventory and templates when their files change, keeping the last good ones when a
 * change is invalid.
 */
final class ZtpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ZtpServer.class);

    /** Everything the two commands can set. */
    record Settings(CsvInventory inventory, Path templates, Path root, InetAddress bind, InetAddress advertise,
                    int tftpPort, int httpPort, Integer httpsPort, Path tlsDir, Map<String, String> globals,
                    Map<String, String> settings, LeaseLookup leases, URI webhook, boolean probeSsh) {
    }

    private final Settings s;
    private final DeviceStatusBoard board;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final ScheduledExecutorService watcher;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Provisioning provisioning;
    private FileTime templatesSeen;
    private FileTime inventoryTried;

    ZtpServer(Settings settings) {
        this.s = settings;
        this.board = DeviceStatusBoard.of(settings.inventory());
        this.watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ztp-reload");
            t.setDaemon(true);
            return t;
        });
    }

    ZtpServer start() throws IOException {
        List<ProvisioningListener> listeners = new ArrayList<>();
        listeners.add(board);
        listeners.add(new ProgressLog(Duration.ofSeconds(5)));
        List<ProvisioningListener> reachable = new ArrayList<>(List.of(board));
        if (s.webhook() != null) {
            WebhookListener hook = WebhookListener.builder(s.webhook()).build();
            closeables.add(hook);
            listeners.add(hook);
            reachable.add(hook);
        }
        if (s.probeSsh()) {
            ReachabilityProbe probe = ReachabilityProbe.builder(ProvisioningListener.all(reachable)).inventory(s.inventory()).build();
            closeables.add(probe);
            listeners.add(probe);
        }
        StatusPage page = new StatusPage(board);
        Provisioning.Builder b = Provisioning.builder().inventory(s.inventory()).globals(s.globals()).settings(s.settings())
                .leases(s.leases()).bind(s.bind()).tftpPort(s.tftpPort()).httpPort(s.httpPort())
                .listener(ProvisioningListener.all(listeners))
                .httpEndpoint("/", page).httpEndpoint(StatusPage.API_PATH, page);
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
        templatesSeen = newestTemplate();
        inventoryTried = s.inventory().file() == null ? null : Files.getLastModifiedTime(s.inventory().file());
        watcher.scheduleWithFixedDelay(this::reloadIfChanged, 2, 2, TimeUnit.SECONDS);
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

    private void reloadIfChanged() {
        reloadInventory();
        try {
            FileTime newest = newestTemplate();
            if (newest != null && !newest.equals(templatesSeen)) {
                templatesSeen = newest;
                checkTemplates();
                provisioning.reloadTemplates();
                LOG.info("templates in {} reloaded", s.templates());
            }
        } catch (TemplateException | IOException e) {
            LOG.warn("templates in {} not reloaded, still serving the last good ones: {}", s.templates(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("template reload failed: {}", e.toString());
        }
    }

    /** Reads the inventory again when its file changed; a bad file is reported once per change. */
    private void reloadInventory() {
        Path f = s.inventory().file();
        if (f == null) {
            return;
        }
        try {
            FileTime t = Files.getLastModifiedTime(f);
            if (t.equals(inventoryTried)) {
                return;
            }
            inventoryTried = t;
            if (s.inventory().reloadIfChanged()) {
                board.seed(s.inventory());
                LOG.info("inventory {} reloaded: {} devices", f, s.inventory().devices().size());
            }
        } catch (InventoryException | IOException e) {
            LOG.warn("inventory {} not reloaded, still serving the last good one: {}", f, e.getMessage());
        }
    }

    /** Parses every template in the folder before swapping, so a broken edit never replaces a good set. */
    private void checkTemplates() throws IOException {
        TemplateSet fresh = TemplateSet.ofDirectory(s.templates());
        try (Stream<Path> files = Files.walk(s.templates())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                fresh.check(s.templates().relativize(f).toString().replace('\\', '/'));
            }
        }
    }

    private FileTime newestTemplate() throws IOException {
        if (s.templates() == null || !Files.isDirectory(s.templates())) {
            return null;
        }
        try (Stream<Path> files = Files.walk(s.templates())) {
            FileTime newest = FileTime.fromMillis(0);
            for (Path f : files.toList()) {
                FileTime t = Files.getLastModifiedTime(f);
                if (t.compareTo(newest) > 0) {
                    newest = t;
                }
            }
            return newest;
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
        watcher.shutdownNow();
        if (provisioning != null) {
            provisioning.close();
        }
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.debug("closing {}: {}", c, e.toString());
            }
        }
        LOG.info("ztp4j stopped");
        stopped.countDown();
    }
}
