package org.ztp4j.server.status;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ztp4j.core.internal.Checks;
import org.ztp4j.core.DeviceIdentity;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.Inventory;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.ProvisioningListener;
import org.ztp4j.core.status.FileClassifier;
import org.ztp4j.core.status.FileKind;
import org.ztp4j.core.store.DeviceClaims;

/**
 * Tells when a provisioned device comes up: once a device's day-0 configuration has been served
 * (or rendered), it tries a TCP connection to the device's management address (SSH, port 22, by
 * default) every {@link Builder#interval} until it connects or {@link Builder#attempts} are used,
 * and on success hands {@code DeviceReachable(address, "tcp/22 open")} to the listener it was
 * given.
 *
 * <pre>{@code
 * DeviceStatusBoard board = DeviceStatusBoard.of(inventory);
 * try (ReachabilityProbe probe = ReachabilityProbe.builder(board).inventory(inventory).build()) {
 *     ProvisioningListener events = ProvisioningListener.all(List.of(board, probe));
 *     ... servers' listener(events) ...
 * }
 * }</pre>
 *
 * <p>The management address comes from a {@code DeviceIdentified} event's record, or else from
 * the {@link Builder#inventory}; a device with neither is not probed. A probe runs on a small
 * scheduled pool of its own ({@link Builder#threads} connections at a time), never on the
 * caller's thread; at most {@link Builder#maxDevices} devices are probed at once, and a device
 * already being probed is not probed twice. A {@code DeviceReachable} for an address being probed,
 * from elsewhere (an IOS-XE script's success report), ends that probe without an event of its own.
 *
 * <p>Several servers sharing a store: with {@link Builder#claims}, a probe first claims
 * {@value #CLAIM} on the device's management address, on the probe's own thread; when another
 * server holds that claim, this one does not probe (that server announces the device reachable,
 * once). When the store cannot be reached the probe goes ahead on its own, and says so once per
 * outage: a device announced twice is better than one never announced. A claim is released when the
 * probe gives up or the probe is closed, and kept after the device was found reachable until its lease
 * (all attempts' time and a minute) runs out, so that a server that served the same device a moment
 * later does not announce it again.
 */
public final class ReachabilityProbe implements ProvisioningListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReachabilityProbe.class);
    private static final int MAX_REMEMBERED = 10_000;

    /** The action a probe claims on a management address, when claims are given. */
    public static final String CLAIM = "probe";

    private final ProvisioningListener target;
    private final int port;
    private final Duration interval;
    private final int attempts;
    private final Duration connectTimeout;
    private final int maxDevices;
    private final Inventory inventory;
    private final FileClassifier classifier;
    private final ScheduledThreadPoolExecutor scheduler;
    private final DeviceClaims claims;
    private final Duration lease;
    private final java.util.concurrent.atomic.AtomicBoolean storeDown = new java.util.concurrent.atomic.AtomicBoolean();

    // Guarded by "this".
    private final Map<InetAddress, Probe> active = new HashMap<>();
    private final Map<String, InetAddress> managementAddresses = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, InetAddress> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };
    private boolean closed;

    private ReachabilityProbe(Builder b) {
        this.target = b.target;
        this.port = b.port;
        this.interval = b.interval;
        this.attempts = b.attempts;
        this.connectTimeout = b.connectTimeout;
        this.maxDevices = b.maxDevices;
        this.inventory = b.inventory;
        this.classifier = b.classifier;
        this.claims = b.claims;
        // Held while probing: every attempt, its timeout and a minute's margin; released at the end.
        this.lease = interval.plus(connectTimeout).multipliedBy(attempts).plusMinutes(1);
        AtomicInteger n = new AtomicInteger();
        this.scheduler = new ScheduledThreadPoolExecutor(b.threads, r -> {
            Thread t = new Thread(r, "ztp-reachability-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.scheduler.setRemoveOnCancelPolicy(true);
    }

    /**
     * @param target who gets the {@code DeviceReachable} events (a status board, a webhook, ...)
     * @return a builder
     */
    public static Builder builder(ProvisioningListener target) {
        return new Builder(target);
    }

    /**
     * Learns management addresses and starts probing a device whose configuration was served or
     * rendered. Returns at once.
     *
     * @param event what happened
     */
    @Override
    public void onEvent(ProvisioningEvent event) {
        if (event instanceof ProvisioningEvent.DeviceIdentified d && d.record() != null) {
            remember(d.record());
        } else if (event instanceof ProvisioningEvent.FileServed s && isConfig(s.path())) {
            start(s.device());
        } else if (event instanceof ProvisioningEvent.ConfigRendered c && isConfig(c.path())) {
            start(c.device());
        } else if (event instanceof ProvisioningEvent.DeviceReachable r && r.address() != null) {
            stop(r.address(), r.how());
        }
    }

    // Someone else (the device's own script report, say) already found it reachable.
    private void stop(InetAddress address, String how) {
        boolean stopped;
        synchronized (this) {
            stopped = active.remove(address) != null;
        }
        if (stopped) {
            LOG.info("{}: reachable ({}), probing stopped", address.getHostAddress(), how);
        }
    }

    private boolean isConfig(String path) {
        return path != null && classifier.classify(path) == FileKind.CONFIG;
    }

    private synchronized void remember(DeviceRecord r) {
        if (r.managementAddress() == null) {
            return;
        }
        if (r.serial() != null) {
            managementAddresses.put("serial " + r.serial().value(), r.managementAddress());
        }
        if (r.mac() != null) {
            managementAddresses.put("mac " + r.mac(), r.managementAddress());
        }
    }

    private synchronized Optional<InetAddress> managementAddress(DeviceIdentity id) {
        InetAddress a = null;
        if (id.serial() != null) {
            a = managementAddresses.get("serial " + id.serial().value());
        }
        if (a == null && id.mac() != null) {
            a = managementAddresses.get("mac " + id.mac());
        }
        if (a == null && inventory != null && !id.isAnonymous()) {
            a = inventory.find(id).map(DeviceRecord::managementAddress).orElse(null);
        }
        return Optional.ofNullable(a);
    }

    private void start(DeviceIdentity device) {
        if (device == null || device.isAnonymous()) {
            return;
        }
        Optional<InetAddress> address = managementAddress(device);
        if (address.isEmpty()) {
            LOG.debug("{}: configuration served, but no management address known to probe", device.label());
            return;
        }
        InetAddress a = address.get();
        synchronized (this) {
            if (closed || active.containsKey(a)) {
                return;
            }
            if (active.size() >= maxDevices) {
                LOG.warn("{}: not probing {}: already probing {} devices", device.label(), a.getHostAddress(), maxDevices);
                return;
            }
            Probe p = new Probe(device, a);
            active.put(a, p);
            p.schedule();
        }
        LOG.info("{}: probing {} on tcp/{} every {}, at most {} times", device.label(), a.getHostAddress(), port,
                interval.toMillis() % 1000 == 0 ? interval.toSeconds() + " s" : interval.toMillis() + " ms", attempts);
    }

    /** @return how many devices are being probed now */
    public synchronized int activeProbes() {
        return active.size();
    }

    /** Stops every probe and waits for a connection attempt under way to end. */
    @Override
    public void close() {
        java.util.List<Probe> running;
        synchronized (this) {
            closed = true;
            running = java.util.List.copyOf(active.values());
            active.clear();
        }
        scheduler.shutdownNow();
        try {
            if (scheduler.awaitTermination(connectTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                running.forEach(Probe::release); // so that another server may take them over at once
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "reachability probe tcp/" + port;
    }

    /** Probing one device: one connection attempt per run, rescheduled until done. */
    private final class Probe implements Runnable {
        private final DeviceIdentity device;
        private final InetAddress address;
        private int tried;
        private boolean claimed;
        private boolean stopped;

        Probe(DeviceIdentity device, InetAddress address) {
            this.device = device;
            this.address = address;
        }

        void schedule() {
            try {
                scheduler.schedule(this, interval.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                finish(); // closing
            }
        }

        @Override
        public void run() {
            synchronized (ReachabilityProbe.this) {
                if (closed || active.get(address) != this) {
                    stopped = true;
                }
            }
            if (stopped) {
                release(); // found reachable otherwise, or closing
                return;
            }
            if (!claimed && !claim()) {
                finish();
                return;
            }
            tried++;
            boolean open;
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, port), (int) connectTimeout.toMillis());
                open = true;
            } catch (IOException e) {
                open = false;
                LOG.debug("{}: tcp/{} on {} not open yet (attempt {} of {}): {}", device.label(), port,
                        address.getHostAddress(), tried, attempts, e.toString());
            }
            if (open) {
                // The claim stays until its lease runs out: a server that served the device too, a
                // moment later, finds it held and does not announce the device a second time.
                claimed = false;
                finish();
                LOG.info("{}: reachable, tcp/{} open on {} (attempt {})", device.label(), port, address.getHostAddress(), tried);
                try {
                    target.onEvent(new ProvisioningEvent.DeviceReachable(Instant.now(), device, address, "tcp/" + port + " open"));
                } catch (RuntimeException e) {
                    LOG.warn("{}: listener failed on DeviceReachable: {}", device.label(), e.toString());
                }
            } else if (tried >= attempts) {
                finish();
                LOG.warn("{}: gave up probing {} after {} attempts: tcp/{} never opened", device.label(),
                        address.getHostAddress(), tried, port);
            } else {
                schedule();
            }
        }

        /** @return whether this server probes the device (always, alone or when the store is down) */
        private boolean claim() {
            String subject = address.getHostAddress();
            try {
                claimed = claims.claim(subject, CLAIM, lease);
                if (storeDown.compareAndSet(true, false)) {
                    LOG.info("probe claims: the store answers again");
                }
                if (!claimed) {
                    LOG.info("{}: another server probes {}", device.label(), subject);
                }
                return claimed;
            } catch (RuntimeException e) {
                if (storeDown.compareAndSet(false, true)) {
                    LOG.warn("probe claims: {}; probing without a claim until the store answers (other servers may probe the same devices)",
                            e.getMessage());
                }
                return true;
            }
        }

        private void finish() {
            synchronized (ReachabilityProbe.this) {
                active.remove(address, this);
            }
            release();
        }

        private void release() {
            if (claimed) {
                claimed = false;
                try {
                    claims.release(address.getHostAddress(), CLAIM);
                } catch (RuntimeException e) {
                    LOG.debug("{}: releasing the probe claim of {}: {} (it runs out on its own)", device.label(),
                            address.getHostAddress(), e.toString());
                }
            }
        }
    }

    /** Settings of a {@link ReachabilityProbe}. */
    public static final class Builder {
        private final ProvisioningListener target;
        private int port = 22;
        private Duration interval = Duration.ofSeconds(10);
        private int attempts = 90;
        private Duration connectTimeout = Duration.ofSeconds(3);
        private int threads = 2;
        private int maxDevices = 256;
        private Inventory inventory;
        private FileClassifier classifier = FileClassifier.byExtension();
        private DeviceClaims claims = DeviceClaims.SOLE;

        private Builder(ProvisioningListener target) {
            this.target = Objects.requireNonNull(target, "reachability target listener");
        }

        /**
         * @param tcpPort the port to try, 1..65535; default 22 (SSH)
         * @return this builder
         * @throws IllegalArgumentException naming the value when out of range
         */
        public Builder port(int tcpPort) {
            this.port = Checks.range("probe port", tcpPort, 1, 65535);
            return this;
        }

        /**
         * @param every time before the first and between two attempts, positive; default 10 s
         * @return this builder
         * @throws IllegalArgumentException naming the value when not positive
         */
        public Builder interval(Duration every) {
            this.interval = Checks.positive("probe interval", every);
            return this;
        }

        /**
         * @param count attempts per device before giving up, 1..100000; default 90 (15 minutes at 10 s)
         * @return this builder
         * @throws IllegalArgumentException naming the value when out of range
         */
        public Builder attempts(int count) {
            this.attempts = Checks.range("probe attempts", count, 1, 100_000);
            return this;
        }

        /**
         * @param limit how long one connection attempt may take, positive and under 1 hour; default 3 s
         * @return this builder
         * @throws IllegalArgumentException naming the value when out of range
         */
        public Builder connectTimeout(Duration limit) {
            Checks.positive("probe connect timeout", limit);
            if (limit.compareTo(Duration.ofHours(1)) >= 0) {
                throw new IllegalArgumentException("probe connect timeout " + limit + ": must be under 1 hour");
            }
            this.connectTimeout = limit;
            return this;
        }

        /**
         * @param count connection attempts that may run at once, 1..64; default 2
         * @return this builder
         * @throws IllegalArgumentException naming the value when out of range
         */
        public Builder threads(int count) {
            this.threads = Checks.range("probe threads", count, 1, 64);
            return this;
        }

        /**
         * @param count devices probed at once, at least 1; default 256
         * @return this builder
         * @throws IllegalArgumentException naming the value when below 1
         */
        public Builder maxDevices(int count) {
            this.maxDevices = Checks.atLeast("probe max devices", count, 1);
            return this;
        }

        /**
         * @param devices where to look up a management address no {@code DeviceIdentified} event gave
         * @return this builder
         */
        public Builder inventory(Inventory devices) {
            this.inventory = Objects.requireNonNull(devices, "inventory");
            return this;
        }

        /**
         * @param files tells configurations from other files; default {@link FileClassifier#byExtension()}
         * @return this builder
         */
        public Builder fileClassifier(FileClassifier files) {
            this.classifier = Objects.requireNonNull(files, "file classifier");
            return this;
        }

        /**
         * @param shared the claims of the servers that share this one's store, so that of them one
         *               probes each device; default {@link DeviceClaims#SOLE} (this server alone)
         * @return this builder
         */
        public Builder claims(DeviceClaims shared) {
            this.claims = Objects.requireNonNull(shared, "claims");
            return this;
        }

        /** @return the probe, ready for events */
        public ReachabilityProbe build() {
            return new ReachabilityProbe(this);
        }
    }
}
