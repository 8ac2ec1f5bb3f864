package org.ztp4j.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.BootServers;
import org.ztp4j.core.Day0Access;
import org.ztp4j.core.DeviceAccess;
import org.ztp4j.core.DeviceTokens;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.FileProvider;
import org.ztp4j.core.Inventory;
import org.ztp4j.core.LeaseLookup;
import org.ztp4j.core.PlatformAdapter;
import org.ztp4j.core.PlatformAdapters;
import org.ztp4j.core.PlatformContext;
import org.ztp4j.core.PlatformSettings;
import org.ztp4j.core.ProvisioningListener;
import org.ztp4j.core.internal.Checks;
import org.ztp4j.core.internal.HostText;
import org.ztp4j.core.files.DirectoryFileProvider;
import org.ztp4j.core.inventory.CsvInventory;
import org.ztp4j.core.inventory.InventoryException;
import org.ztp4j.core.status.DeviceStatusBoard;
import org.ztp4j.core.files.FileProviders;
import org.ztp4j.core.files.Md5SidecarProvider;
import org.ztp4j.core.http.HttpEndpoint;
import org.ztp4j.core.template.TemplateSet;
import org.ztp4j.http.TlsConfig;
import org.ztp4j.server.api.AllowedHosts;
import org.ztp4j.server.api.ApiAccess;
import org.ztp4j.server.api.ApiGate;
import org.ztp4j.server.status.ReachabilityProbe;
import org.ztp4j.server.status.StatusPage;
import org.ztp4j.server.store.StoreWriter;
import org.ztp4j.core.store.ProvisioningStore;

/**
 * ZTP in a few lines: the inventory, the platform adapters, your templates and settings, and a TFTP
 * and an HTTP server serving every adapter's files (then, optionally, a folder of images), with the
 * adapters' HTTP endpoints (IOS-XE's result reports) mounted beside them.
 *
 * <pre>{@code
 * try (Provisioning ztp = Provisioning.builder()
 *         .inventory(CsvInventory.load(Path.of("devices.csv")))
 *         .templates(Path.of("templates"))              // your overrides, e.g. nxos/day0.cfg
 *         .global("admin_user", "admin").global("admin_password", secret).global("domain_name", "example.net")
 *         .setting("nxos.transfer", "http")
 *         .root(Path.of("/srv/images"))                 // images and anything else to serve as is
 *         .bind(InetAddress.getByName("10.0.0.1")).tftpPort(69).httpPort(8080)
 *         .listener(event -> {
 *             if (event instanceof ProvisioningEvent.DeviceReachable r) {
 *                 pipeline.onboard(r.device(), r.address());   // your lifecycle tooling takes over
 *             }
 *         })
 *         .build()) {
 *     ztp.start();
 *     ztp.bootOffers().forEach(offer -> ...);           // what to put in the DHCP server (ztp-dhcp)
 *     Thread.currentThread().join();
 * }
 * }</pre>
 *
 * <p>Adapters are {@linkplain PlatformAdapters#discover() discovered} with {@link java.util.ServiceLoader}
 * unless given. The served files are one chain: each adapter's provider in order, then the root
 * folder, with an {@code X.md5} sidecar for every file {@code X} ({@link Md5SidecarProvider}).
 *
 * <p>Before {@link #start()}, {@link #bootServers()} reflects the configured ports (port 0 shows as 69,
 * 8080 and 8443); after it, the ports actually bound. {@link #day0Config(String, DeviceRecord)} works
 * without starting anything, which is what a {@code render} command needs.
 */
public final class Provisioning implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Provisioning.class);

    private final Inventory inventory;
    private final List<PlatformAdapter> adapters;
    private final TemplateSet userTemplates;
    private final Path templatesDir;
    private final Map<String, String> settings;
    private final Map<String, String> globals;
    private final LeaseLookup leases;
    private final ProvisioningListener listener;
    /** What the adapters' providers tell: the listener, held back while the gate decides. */
    private final EventHold providerEvents;
    private final DeviceAccess access;
    private final Path root;
    private final InetAddress bind;
    private final InetAddress advertise;
    private final int tftpPort;
    private final int httpPort;
    private final TlsConfig tls;
    private final int httpsPort;
    private final Map<String, HttpEndpoint> appHandlers;
    private final ApiGate apiGate;

    private final Observers observers;
    private final ProvisioningStore store;
    private final String serverName;
    private final Duration watchInterval;
    private ChangeWatcher watcher;

    private ServerSet servers;
    private volatile PlatformContext context;

    private Provisioning(Builder b) {
        this.inventory = Objects.requireNonNull(b.inventory, "inventory: required (Provisioning.builder().inventory(...))");
        this.adapters = List.copyOf(b.adapters != null ? b.adapters : PlatformAdapters.discover());
        this.userTemplates = b.templates;
        this.templatesDir = b.templates == null ? null : b.templatesDir;
        this.settings = Map.copyOf(b.settings);
        this.globals = Map.copyOf(b.globals);
        this.leases = b.leases;
        this.watchInterval = b.watchInterval;
        this.root = b.root;
        this.bind = b.bind;
        this.tftpPort = b.tftpPort;
        this.httpPort = b.httpPort;
        this.tls = b.tls;
        this.httpsPort = b.httpsPort;
        if (b.advertise != null) {
            this.advertise = b.advertise;
        } else if (b.bind.isAnyLocalAddress()) {
            throw new IllegalStateException("bound to " + b.bind.getHostAddress()
                    + ": say which address devices reach the servers at with advertise(...)");
        } else {
            this.advertise = b.bind;
        }
        Map<String, PlatformAdapter> ids = new LinkedHashMap<>();
        for (PlatformAdapter a : adapters) {
            if (ids.put(a.id(), a) != null) {
                throw new IllegalStateException("two adapters claim platform id '" + a.id() + "'");
            }
        }
        // A misspelt or unknown setting is an error naming the nearest known one, never ignored.
        PlatformSettings.check(adapters, settings);
        this.apiGate = new ApiGate(apiAccess(b), AllowedHosts.forServer(bind, advertise, b.allowedHosts));
        // Last, once nothing above can refuse the build: the probe and the webhook own threads.
        this.store = b.store;
        this.serverName = b.serverName != null ? b.serverName : defaultServerName(advertise, tftpPort, httpPort);
        this.observers = new Observers(inventory, b.listeners, b.progressInterval, b.webhook, b.probe, store, serverName,
                b.storeQueue);
        this.listener = observers.chain();
        this.providerEvents = new EventHold(listener);
        this.access = new DeviceAccess(b.day0Access, b.tokens != null ? b.tokens : DeviceTokens.random());
        Map<String, HttpEndpoint> endpoints = new LinkedHashMap<>();
        b.appHandlers.forEach((prefix, e) -> endpoints.put(prefix, isApi(prefix) ? apiGate.guard(e) : e));
        if (b.statusPage) {
            new StatusPage(observers.board(), store, apiGate).routes().forEach(endpoints::putIfAbsent);
        }
        this.appHandlers = Map.copyOf(endpoints);
        this.context = newContext(provisionalServers());
    }

    /** The tokens the API needs: as given; open on loopback; an error elsewhere, where the API would be anyone's. */
    private static ApiAccess apiAccess(Builder b) {
        if (b.apiAccess != null) {
            return b.apiAccess;
        }
        boolean api = b.statusPage || b.appHandlers.keySet().stream().anyMatch(Provisioning::isApi);
        if (api && !b.bind.isLoopbackAddress()) {
            throw new IllegalStateException("the status API bound to " + b.bind.getHostAddress()
                    + " would answer anyone: say who may use it with apiAccess(ApiAccess.fromFile(...)), "
                    + "apiAccess(ApiAccess.generatedIn(stateDir)), or apiAccess(ApiAccess.open()) to leave it open");
        }
        return ApiAccess.open();
    }

    private static boolean isApi(String prefix) {
        return prefix.equals("/api") || prefix.startsWith("/api/");
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the TFTP and then the HTTP server, and returns once both are bound. A setting an
     * adapter refuses or a template that does not parse stops the start with that error, and
     * whatever was started is closed again.
     *
     * @return this
     * @throws IOException           when a server cannot bind
     * @throws IllegalStateException when already started
     * @throws IllegalArgumentException when a setting is invalid (the message names it)
     * @throws InventoryException when a device cannot be served: its platform has no adapter, or its
     *                            day-0 needs a variable nobody gives (each problem names device,
     *                            template and variable; see {@link #problems()})
     */
    public synchronized Provisioning start() throws IOException {
        if (servers != null) {
            throw new IllegalStateException("already started");
        }
        // Checked before anything binds: a device that would get no day-0 is an error now, not at its first request.
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new InventoryException(problems);
        }
        warnings().forEach(w -> LOG.warn("inventory: {}", w));
        if (access.mode() == Day0Access.ANY && !bind.isLoopbackAddress()) {
            LOG.warn("day-0 access is 'any' on {}: every host that reaches it can fetch every device's day-0 "
                    + "(passwords included); use lease (with the DHCP leases) or token", bind.getHostAddress());
        } else if (access.mode() == Day0Access.LEASE) {
            for (DeviceRecord d : inventory.devices()) {
                if (d.mac() == null) {
                    LOG.warn("day-0 access is 'lease', but device {} has no MAC in the inventory: none of its files is served",
                            d.hostname());
                }
            }
        }
        ServerSet set = new ServerSet("the adapters " + String.join(", ", adapters.stream().map(PlatformAdapter::id).toList())
                + (root == null ? "" : " and the folder " + root));
        servers = set;
        try {
            set.start(bind, tftpPort, httpPort, tls, httpsPort, listener, appHandlers, adapters);
            URI httpsBase = set.https() == null ? null : URI.create("https://" + HostText.literal(advertise) + ":" + set.https().port());
            PlatformContext ctx = newContext(new BootServers(List.of(advertise), set.tftp().port(),
                    URI.create("http://" + HostText.literal(advertise) + ":" + set.http().port()), httpsBase));
            set.serve(fileChain(ctx), ctx);
            context = ctx;
        } catch (IOException | RuntimeException e) {
            set.close();
            servers = null; // nothing runs: start() may be called again, after the cause is fixed
            throw e;
        }
        if (watchInterval != null) {
            watcher = new ChangeWatcher(this, watchInterval);
        }
        LOG.info("ZTP serving {} over TFTP port {}, HTTP port {}{} for {}", advertise.getHostAddress(), set.tftp().port(),
                set.http().port(), set.https() == null ? "" : ", HTTPS port " + set.https().port(),
                adapters.stream().map(PlatformAdapter::id).toList());
        return this;
    }

    /**
     * The files devices get: each adapter's provider, then the root folder, with {@code .md5}
     * sidecars for all, behind the {@linkplain Builder#day0Access day-0 access} policy. Useful to
     * serve them from servers of your own.
     *
     * @param ctx the context (normally {@link #context()})
     * @return the provider
     */
    public FileProvider fileChain(PlatformContext ctx) {
        List<FileProvider> chain = new ArrayList<>();
        for (PlatformAdapter a : adapters) {
            chain.add(a.files(ctx));
        }
        if (root != null) {
            chain.add(new DirectoryFileProvider(root));
        }
        return new Day0Gate(new Md5SidecarProvider(FileProviders.chain(chain)), access, inventory, leases, providerEvents,
                listener);
    }

    /** @return who may fetch a device's files, and every device's secret */
    public DeviceAccess access() {
        return access;
    }

    /**
     * Reads the templates again (after you edited them) and serves from the new ones. A transfer in
     * progress finishes with what it had. The inventory reloads on its own terms
     * ({@code CsvInventory.reloadIfChanged()}).
     *
     * @throws IllegalStateException when not started
     * @throws org.ztp4j.core.template.TemplateException when an edited template does not parse (the old ones stay)
     */
    public synchronized void reloadTemplates() {
        requireStarted();
        if (userTemplates != null) {
            userTemplates.reload();
        }
        servers.files(fileChain(context));
        LOG.info("templates reloaded");
    }

    /**
     * Renders every device's day-0 with its platform's adapter, without serving anything, and says
     * what would go wrong when the device asks: a missing variable (naming device, template and
     * variable), or a platform no adapter handles. {@link #start()} refuses to start while there are any.
     *
     * @return one line per problem; empty when every device with a platform can be served
     */
    public List<String> problems() {
        return problems(inventory);
    }

    /**
     * The same check for another inventory, before it replaces the one served (a reload).
     *
     * @param devices the inventory to check
     * @return one line per device that could not be served; empty when all can
     */
    public List<String> problems(Inventory devices) {
        List<String> problems = new ArrayList<>();
        for (DeviceRecord d : devices.devices()) {
            if (d.platform() == null) {
                continue;
            }
            var adapter = PlatformAdapters.byId(adapters, d.platform());
            if (adapter.isEmpty()) {
                problems.add("device " + d.hostname() + ": platform '" + d.platform() + "' has no adapter (known: "
                        + adapters.stream().map(PlatformAdapter::id).toList() + ")");
                continue;
            }
            if (access.mode() == Day0Access.TOKEN && !adapter.get().carriesDeviceTokens()) {
                problems.add("device " + d.hostname() + " (" + d.platform() + "): day-0 access 'token' is not possible on this"
                        + " platform: its devices fetch their own files under names that cannot carry a token; use 'lease'");
                continue;
            }
            try {
                adapter.get().day0Config(d, context);
            } catch (RuntimeException e) {
                problems.add("device " + d.hostname() + " (" + d.platform() + "): " + e.getMessage());
            }
        }
        return problems;
    }

    /**
     * What the inventory asks for that will not be served as it may mean, although the server
     * starts: a device whose platform is not set (no adapter serves it anything), and what each
     * adapter {@linkplain PlatformAdapter#warnings warns} about, such as two IOS devices whose host
     * names cut to 8 characters are the same. {@link #start()} logs each, as does a reload of the
     * inventory.
     *
     * @return one line per warning, naming the devices; empty when there is nothing to say
     */
    public List<String> warnings() {
        return warnings(inventory);
    }

    /**
     * The same for another inventory, such as one about to replace the one served (a reload).
     *
     * @param devices the inventory to look at
     * @return one line per warning, naming the devices
     */
    public List<String> warnings(Inventory devices) {
        List<String> warnings = new ArrayList<>();
        for (DeviceRecord d : devices.devices()) {
            if (d.platform() == null) {
                warnings.add("device " + d.hostname() + ": no platform, so no adapter serves it (give it one of "
                        + adapters.stream().map(PlatformAdapter::id).toList() + ")");
            }
        }
        for (PlatformAdapter a : adapters) {
            warnings.addAll(a.warnings(devices, context));
        }
        return warnings;
    }

    /** @return the adapters, in the order their files are looked up */
    public List<PlatformAdapter> adapters() {
        return adapters;
    }

    /**
     * @param platform a platform id
     * @return the adapter
     * @throws IllegalArgumentException naming the id and the known ones when there is none
     */
    public PlatformAdapter adapter(String platform) {
        return PlatformAdapters.byId(adapters, platform).orElseThrow(() -> new IllegalArgumentException(
                "no platform '" + platform + "' (known: " + adapters.stream().map(PlatformAdapter::id).toList() + ")"));
    }

    /** @return what the adapters work with: inventory, templates, servers, leases, listener, globals, settings */
    public PlatformContext context() {
        return context;
    }

    /** @return where devices reach the servers (after {@link #start()}, with the bound ports) */
    public BootServers bootServers() {
        return context.servers();
    }

    /**
     * What each platform needs in its DHCP offer, with the settings applied, for ztp-dhcp to render.
     *
     * @return one offer per adapter, in adapter order
     */
    public List<BootOffer> bootOffers() {
        List<BootOffer> offers = new ArrayList<>();
        for (PlatformAdapter a : adapters) {
            offers.add(bootOffer(a));
        }
        return offers;
    }

    /**
     * @param platform a platform id
     * @return that platform's DHCP offer, with the settings applied
     * @throws IllegalArgumentException when there is no such platform
     */
    public BootOffer bootOffer(String platform) {
        return bootOffer(adapter(platform));
    }

    private BootOffer bootOffer(PlatformAdapter a) {
        return a.bootOffer(context);
    }

    /**
     * Renders the day-0 a device would get from a platform, without serving anything.
     *
     * @param platform the platform id
     * @param device   the device
     * @return the configuration text, exactly as served
     * @throws IllegalArgumentException when there is no such platform
     * @throws org.ztp4j.core.template.TemplateException naming the device, template and variable when a value is missing
     */
    public String day0Config(String platform, DeviceRecord device) {
        return adapter(platform).day0Config(device, context);
    }

    /** @return the TFTP server's address, with the real port */
    public InetSocketAddress tftpAddress() {
        requireStarted();
        return servers.tftp().localAddress();
    }

    /** @return the HTTP server's address, with the real port */
    public InetSocketAddress httpAddress() {
        requireStarted();
        return servers.http().localAddress();
    }

    /**
     * @return the HTTPS server's address, with the real port
     * @throws IllegalStateException when not started or HTTPS was not asked for
     */
    public InetSocketAddress httpsAddress() {
        requireStarted();
        if (servers.https() == null) {
            throw new IllegalStateException("no HTTPS server: ask for one with Builder.https(...)");
        }
        return servers.https().localAddress();
    }

    /**
     * Stops both servers and waits for them; transfers the stop cuts show as {@link org.ztp4j.core.status.DeviceState#INTERRUPTED}.
     * Then writes what is queued for the store (up to 10 s). Safe to call more than once.
     */
    @Override
    public synchronized void close() {
        observers.stopping();
        if (watcher != null) {
            watcher.close();
        }
        if (servers != null) {
            servers.close();
        }
        observers.interruptCutTransfers();
        observers.close();
    }

    /** @return who may use the status API and {@code /api} routes, and the hosts they answer to */
    public ApiGate apiGate() {
        return apiGate;
    }

    /** @return the board of every device's state, fed by every server; its JSON is what {@code /api/devices} serves */
    public DeviceStatusBoard statusBoard() {
        return observers.board();
    }

    /** @return where device states and the journal are kept, or {@code null} when nowhere */
    public ProvisioningStore store() {
        return store;
    }

    /** @return this server's name in the journal ({@link org.ztp4j.core.store.JournalEntry#server()}) */
    public String serverName() {
        return serverName;
    }

    /**
     * Waits until every change so far is in the store (for tests, and before a planned stop).
     *
     * @param timeout how long to wait at most
     * @return true when all is written (or there is no store), false when the time ran out
     * @throws InterruptedException when interrupted
     */
    public boolean flushStore(Duration timeout) throws InterruptedException {
        return observers.writer() == null || observers.writer().flush(timeout);
    }

    private static String defaultServerName(InetAddress advertise, int tftpPort, int httpPort) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        return host + "/" + advertise.getHostAddress() + ":" + tftpPort + "/" + httpPort;
    }

    /** @return the inventory served */
    public Inventory inventory() {
        return inventory;
    }

    /** @return the folder of the user's templates, or {@code null} when they did not come from one */
    Path templatesDirectory() {
        return templatesDir;
    }

    /** @return the user's templates, or {@code null} when only the bundled ones are used */
    public TemplateSet userTemplates() {
        return userTemplates;
    }

    private void requireStarted() {
        if (servers == null || !servers.started()) {
            throw new IllegalStateException("not started");
        }
    }

    private BootServers provisionalServers() {
        return new BootServers(List.of(advertise), tftpPort == 0 ? 69 : tftpPort,
                URI.create("http://" + HostText.literal(advertise) + ":" + (httpPort == 0 ? 8080 : httpPort)),
                tls == null ? null : URI.create("https://" + HostText.literal(advertise) + ":" + (httpsPort == 0 ? 8443 : httpsPort)));
    }

    private PlatformContext newContext(BootServers servers) {
        return new PlatformContext(inventory, userTemplates, servers, leases, providerEvents, globals, settings, access);
    }


    @Override
    public String toString() {
        return "Provisioning " + adapters.stream().map(PlatformAdapter::id).toList() + " at " + advertise.getHostAddress();
    }

    /** Builds a {@link Provisioning}. Only the inventory is required. */
    public static final class Builder {
        private Inventory inventory;
        private List<PlatformAdapter> adapters;
        private TemplateSet templates;
        private Path templatesDir;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private final Map<String, String> globals = new LinkedHashMap<>();
        private LeaseLookup leases = LeaseLookup.NONE;
        private final List<ProvisioningListener> listeners = new ArrayList<>();
        private Path root;
        private InetAddress bind = InetAddress.getLoopbackAddress();
        private InetAddress advertise;
        private int tftpPort = 69;
        private int httpPort = 8080;
        private TlsConfig tls;
        private int httpsPort = 8443;
        private final Map<String, HttpEndpoint> appHandlers = new LinkedHashMap<>();
        private Consumer<ReachabilityProbe.Builder> probe = p -> { };
        private Duration progressInterval;
        private URI webhook;
        private Duration watchInterval;
        private ProvisioningStore store;
        private String serverName;
        private int storeQueue = StoreWriter.DEFAULT_CAPACITY;
        private ApiAccess apiAccess;
        private final List<String> allowedHosts = new ArrayList<>();
        private Day0Access day0Access = Day0Access.ANY;
        private DeviceTokens tokens;

        private Builder() {
        }

        /**
         * Who may use the status page's JSON API and the application's {@code /api} routes: reads
         * need a {@code viewer} or {@code operator} token, actions an {@code operator} token, sent as
         * {@code Authorization: Bearer <token>}. Default: {@link ApiAccess#open()} when bound to
         * loopback; bound elsewhere with the status page or an {@code /api} route, {@link #build()}
         * asks for this. A token file is read again when it changes, with {@link #watchForChanges}.
         * The files devices fetch and the adapters' report endpoints never need a token.
         *
         * <pre>{@code
         * builder.statusPage().apiAccess(ApiAccess.fromFile(Path.of("/etc/ztp4j/api-tokens")))
         * }</pre>
         *
         * @param access the tokens accepted
         * @return this builder
         */
        public Builder apiAccess(ApiAccess access) {
            this.apiAccess = Objects.requireNonNull(access, "access");
            return this;
        }

        /**
         * Who may fetch a device's own files (its day-0, scripts rendered for it, their sidecars):
         * {@link Day0Access#ANY} (the default), {@link Day0Access#LEASE} (only the address the
         * {@linkplain #leases DHCP leases} give the device's MAC) or {@link Day0Access#TOKEN} (only
         * a request carrying the device's {@linkplain #deviceTokens token}). A refusal looks like a
         * missing file to the asker and becomes a {@code FileRefused} event. Files that are nobody's
         * own (generic scripts, images) stay open.
         *
         * @param mode the policy
         * @return this builder
         */
        public Builder day0Access(Day0Access mode) {
            this.day0Access = Objects.requireNonNull(mode, "day-0 access");
            return this;
        }

        /**
         * Host names the status page and API answer to besides the bind and advertised addresses,
         * this machine's host name and (bound to loopback or the wildcard) {@code localhost}: a DNS
         * name of the server's own. Any other {@code Host} is answered 421 (DNS rebinding); device
         * files are served whatever the {@code Host}.
         *
         * @param names host names or address literals
         * @return this builder (a name that is not a host name or address literal fails {@link #build()})
         */
        public Builder allowedHosts(String... names) {
            for (String n : names) {
                allowedHosts.add(Objects.requireNonNull(n, "allowed host"));
            }
            return this;
        }

        /**
         * Every device's secret: what a {@link Day0Access#TOKEN} request and every device report
         * must carry. Give servers that serve the same devices the same tokens (the same
         * {@link DeviceTokens#hmac key}). Default: tokens of a key made at build, known to this
         * server alone.
         *
         * @param deviceTokens the tokens
         * @return this builder
         */
        public Builder deviceTokens(DeviceTokens deviceTokens) {
            this.tokens = Objects.requireNonNull(deviceTokens, "device tokens");
            return this;
        }

        /**
         * Keeps every device's state and journal in a store: the board starts from what it holds
         * (a transfer this server was making when it stopped shows as interrupted), and every event
         * and action is written to it behind the servers' backs, on a bounded queue
         * ({@link #storeQueue}), so serving never waits for the database. The store is not closed
         * with this facade: close it after.
         *
         * @param kept the store, such as {@code JdbcProvisioningStore.inDirectory(Path.of("ztp4j-state"))}
         * @return this builder
         */
        public Builder store(ProvisioningStore kept) {
            this.store = Objects.requireNonNull(kept, "store");
            return this;
        }

        /**
         * @param changes changes waiting for the store at most (default {@value StoreWriter#DEFAULT_CAPACITY});
         *                beyond, journal entries are dropped and logged once, and devices' states
         *                are written again when it drains (see {@link StoreWriter})
         * @return this builder
         */
        public Builder storeQueue(int changes) {
            this.storeQueue = Checks.atLeast("store queue", changes, 1);
            return this;
        }

        /**
         * @param name this server's name in the journal, and how it knows its own transfers after a
         *             restart (default: host name, advertised address, TFTP and HTTP ports)
         * @return this builder
         */
        public Builder serverName(String name) {
            this.serverName = Objects.requireNonNull(name, "server name");
            return this;
        }

        /**
         * Tells the application when each device is reachable, for every platform: once a device's
         * day-0 has been served, a probe tries TCP port 22 on its management address until it
         * answers, and then every listener hears {@code DeviceReachable}. On by default.
         *
         * @param on false to leave reachability to the application (devices that report back, such
         *           as IOS-XE, still send {@code DeviceReachable})
         * @return this builder
         */
        public Builder reachabilityProbe(boolean on) {
            this.probe = on ? p -> { } : null;
            return this;
        }

        /**
         * @param tune settings of the probe (port, interval, attempts, threads); turns it on
         * @return this builder
         */
        public Builder reachabilityProbe(Consumer<ReachabilityProbe.Builder> tune) {
            this.probe = Objects.requireNonNull(tune, "tune");
            return this;
        }

        /**
         * @param every how often a line sums up transfers under way (INFO); off by default
         * @return this builder
         */
        public Builder progressLog(Duration every) {
            this.progressInterval = Checks.positive("progress log interval", every);
            return this;
        }

        /**
         * @param uri where to POST each device's milestones as JSON (off by default)
         * @return this builder
         */
        public Builder webhook(URI uri) {
            this.webhook = Objects.requireNonNull(uri, "uri");
            return this;
        }

        /**
         * Mounts the status page at {@code /} and its JSON at {@code /api/devices} on the HTTP
         * servers (off by default: it lists every device, so expose it only where operators are).
         *
         * @return this builder
         */
        public Builder statusPage() {
            this.statusPage = true;
            return this;
        }

        private boolean statusPage;

        /**
         * Reloads the inventory (when it is a {@link CsvInventory} with a file) and the template
         * folder when their files change, checking every {@code every}. A change that does not
         * load is logged and the last good one is kept.
         *
         * @param every how often to look
         * @return this builder
         */
        public Builder watchForChanges(Duration every) {
            this.watchInterval = Checks.positive("watch interval", every);
            return this;
        }

        /** @param i the devices (required) @return this builder */
        public Builder inventory(Inventory i) {
            this.inventory = Objects.requireNonNull(i, "inventory");
            return this;
        }

        /** @param list the adapters to use instead of those ServiceLoader finds @return this builder */
        public Builder adapters(List<? extends PlatformAdapter> list) {
            this.adapters = List.copyOf(list);
            return this;
        }

        /** @param directory a folder of your templates, each overriding the bundled one of that name @return this builder */
        public Builder templates(Path directory) {
            this.templates = TemplateSet.ofDirectory(directory);
            this.templatesDir = directory;
            return this;
        }

        /** @param set your templates, looked up before the bundled ones @return this builder */
        public Builder templates(TemplateSet set) {
            this.templates = set;
            return this;
        }

        /**
         * @param name  {@code <platform>.<setting>}, such as {@code nxos.transfer}
         * @param value its value
         * @return this builder
         */
        public Builder setting(String name, String value) {
            settings.put(Objects.requireNonNull(name, "setting name"), Objects.requireNonNull(value, name));
            return this;
        }

        /** @param all settings to add @return this builder */
        public Builder settings(Map<String, String> all) {
            all.forEach(this::setting);
            return this;
        }

        /**
         * @param name  a variable every template sees ({@code admin_user}, {@code domain_name}, ...)
         * @param value its value
         * @return this builder
         */
        public Builder global(String name, String value) {
            globals.put(Objects.requireNonNull(name, "global name"), Objects.requireNonNull(value, name));
            return this;
        }

        /** @param all variables to add @return this builder */
        public Builder globals(Map<String, String> all) {
            all.forEach(this::global);
            return this;
        }

        /** @param lookup DHCP leases, to identify devices by address (IOS AutoInstall) @return this builder */
        public Builder leases(LeaseLookup lookup) {
            this.leases = Objects.requireNonNull(lookup, "leases");
            return this;
        }

        /** @param l one more listener for every event @return this builder */
        public Builder listener(ProvisioningListener l) {
            listeners.add(Objects.requireNonNull(l, "listener"));
            return this;
        }

        /** @param folder a folder served as is after the generated files (images) @return this builder */
        public Builder root(Path folder) {
            this.root = folder;
            return this;
        }

        /** @param address where both servers listen (default loopback) @return this builder */
        public Builder bind(InetAddress address) {
            this.bind = Objects.requireNonNull(address, "bind");
            return this;
        }

        /** @param address the address devices reach the servers at (default: the bind address) @return this builder */
        public Builder advertise(InetAddress address) {
            this.advertise = address;
            return this;
        }

        /**
         * @param port the TFTP port (default 69; 0 picks a free one)
         * @return this builder
         * @throws IllegalArgumentException when not 0..65535
         */
        public Builder tftpPort(int port) {
            this.tftpPort = Checks.port("TFTP", port);
            return this;
        }

        /**
         * @param port the HTTP port (default 8080; 0 picks a free one)
         * @return this builder
         * @throws IllegalArgumentException when not 0..65535
         */
        public Builder httpPort(int port) {
            this.httpPort = Checks.port("HTTP", port);
            return this;
        }

        /**
         * Serves the same files and endpoints over HTTPS too (for {@code nxos.transfer=https}).
         *
         * @param config the key and certificate, for example {@link TlsConfig#selfSigned(Path, String...)}
         * @param port   the HTTPS port (0 picks a free one)
         * @return this builder
         * @throws IllegalArgumentException when the port is not 0..65535
         */
        public Builder https(TlsConfig config, int port) {
            this.tls = Objects.requireNonNull(config, "config");
            this.httpsPort = Checks.port("HTTPS", port);
            return this;
        }

        /**
         * Mounts an application endpoint (a status page, an API) on the HTTP and HTTPS servers,
         * beside the served files; a registered prefix wins over a file of that name. A prefix
         * under {@code /api} is behind the same gate as the status API ({@link #apiAccess}): the
         * host check, and a token, a viewer's for GET and HEAD, an operator's for anything else.
         *
         * @param prefix  the path prefix, such as {@code /api/} or {@code /} for an index page
         * @param endpoint the endpoint
         * @return this builder
         */
        public Builder httpEndpoint(String prefix, HttpEndpoint endpoint) {
            this.appHandlers.put(Objects.requireNonNull(prefix, "prefix"), Objects.requireNonNull(endpoint, "endpoint"));
            return this;
        }

        /**
         * @return the facade, not yet started
         * @throws NullPointerException  when there is no inventory
         * @throws IllegalStateException when bound to a wildcard address without {@link #advertise}, or two adapters share
         *                               an id, or the status API is bound to an address other than loopback without
         *                               {@link #apiAccess}
         * @throws IllegalArgumentException when a setting is not one an adapter declares (naming the
         *                                  nearest known one) or has a bad value
         */
        public Provisioning build() {
            return new Provisioning(this);
        }
    }
}
