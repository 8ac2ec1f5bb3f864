package org.ztp4j.server.status;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ztp4j.core.internal.RateLimitedLog;
import org.ztp4j.core.internal.Checks;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.Inventory;
import org.ztp4j.core.ProvisioningListener;

/**
 * Posts provisioning events as JSON ({@link EventJson}) to a URL of yours: a chat hook, a CMDB, an
 * automation platform. One thread posts them in order, one request per event, from a bounded
 * queue; {@link #onEvent} never blocks the server thread that calls it. Given the
 * {@linkplain Builder#inventory inventory}, events about its devices wait in a lane of their own, each
 * device with a bounded share taken in turn, ahead of the rest: a flood about unknown serials or
 * addresses never pushes out a real device's events. When a lane is full the
 * event is dropped and a WARN says so (on average at most one every {@value #WARN_EVERY_SECONDS}
 * seconds, two a minute; the next one that gets through counts those held back).
 *
 * <pre>{@code
 * try (WebhookListener hook = WebhookListener.builder(URI.create("https://cmdb.example.net/ztp"))
 *         .events(ProvisioningEvent.DeviceReachable.class, ProvisioningEvent.TransferFailed.class)
 *         .header("Authorization", "Bearer " + token)
 *         .build()) {
 *     ... server.listener(ProvisioningListener.all(List.of(board, hook))) ...
 * }
 * }</pre>
 *
 * <p>A request that takes longer than {@link Builder#timeout} is given up; a failed request or a
 * non-2xx answer is logged (rate-limited) and not retried. Redirects are not followed. Header
 * values are never logged.
 */
public final class WebhookListener implements ProvisioningListener, AutoCloseable {

    /** Queued events unless told otherwise. */
    public static final int DEFAULT_QUEUE_CAPACITY = 1000;

    /** Events one inventory device may have waiting, unless told otherwise. */
    public static final int DEFAULT_PER_DEVICE = 64;

    /** Request timeout unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /** The least time between two warnings about the same trouble. */
    public static final int WARN_EVERY_SECONDS = 30;

    private static final Logger LOG = LoggerFactory.getLogger(WebhookListener.class);

    private final URI uri;
    private final Set<Class<? extends ProvisioningEvent>> types;
    private final Duration timeout;
    private final Map<String, String> headers;
    private final DeviceFairQueue queue;
    private final HttpClient client;
    private final Thread sender;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final RateLimitedLog dropWarnings = new RateLimitedLog(LOG, 60 / WARN_EVERY_SECONDS);
    private final RateLimitedLog failWarnings = new RateLimitedLog(LOG, 60 / WARN_EVERY_SECONDS);
    private volatile boolean closed;

    private WebhookListener(Builder b) {
        this.uri = b.uri;
        this.types = Set.copyOf(b.types);
        this.timeout = b.timeout;
        this.headers = Map.copyOf(b.headers);
        Inventory inventory = b.inventory;
        this.queue = new DeviceFairQueue(b.capacity, Math.max(16, Math.min(b.perDevice, b.capacity)),
                id -> inventory != null && inventory.find(id).isPresent());
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.sender = new Thread(this::sendLoop, "ztp-webhook");
        this.sender.setDaemon(true);
        this.sender.start();
    }

    /**
     * @param uri where to post, {@code http} or {@code https}
     * @return a builder
     * @throws IllegalArgumentException naming the URI when it is not an absolute http(s) URI
     */
    public static Builder builder(URI uri) {
        return new Builder(uri);
    }

    /**
     * Queues the event for posting when its type was chosen; drops it when the queue is full.
     * Never blocks.
     *
     * @param event what happened
     */
    @Override
    public void onEvent(ProvisioningEvent event) {
        if (event == null || closed || !wanted(event)) {
            return;
        }
        if (!queue.offer(event)) {
            long n = dropped.incrementAndGet();
            dropWarnings.warn("webhook {}: queue full, dropped {} about {} (total dropped {})",
                    uri, event.getClass().getSimpleName(), event.device() == null ? "-" : event.device().label(), n);
        }
    }

    private boolean wanted(ProvisioningEvent event) {
        return types.isEmpty() || types.contains(event.getClass());
    }

    /** @return events posted with a 2xx answer */
    public long delivered() {
        return delivered.get();
    }

    /** @return events dropped because the queue was full */
    public long dropped() {
        return dropped.get();
    }

    /** @return events whose post failed (error, timeout or non-2xx answer) */
    public long failed() {
        return failed.get();
    }

    /**
     * Stops taking events, gives the queued ones up to one timeout to go out, then stops the
     * sender and waits for it.
     */
    @Override
    public void close() {
        closed = true;
        try {
            sender.join(timeout.toMillis() + 1000);
            if (sender.isAlive()) {
                sender.interrupt();
                sender.join(timeout.toMillis() + 1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = queue.size();
        if (left > 0) {
            LOG.warn("webhook {}: closed with {} events not sent", uri, left);
        }
    }

    private void sendLoop() {
        long closeDeadline = 0;
        while (!Thread.currentThread().isInterrupted()) {
            ProvisioningEvent event;
            try {
                event = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (event == null) {
                if (closed) {
                    return;
                }
                continue;
            }
            if (closed) {
                // Draining after close: bounded by one timeout in all.
                if (closeDeadline == 0) {
                    closeDeadline = System.nanoTime() + timeout.toNanos();
                } else if (System.nanoTime() > closeDeadline) {
                    queue.clear();
                    return;
                }
            }
            post(event);
        }
    }

    private void post(ProvisioningEvent event) {
        String type = event.getClass().getSimpleName();
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .timeout(timeout)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("User-Agent", "ztp4j-webhook")
                    .POST(HttpRequest.BodyPublishers.ofString(EventJson.of(event), StandardCharsets.UTF_8));
            headers.forEach(request::header);
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                delivered.incrementAndGet();
            } else {
                failed.incrementAndGet();
                failWarnings.warn("webhook {}: {} answered HTTP {}", uri, type, response.statusCode());
            }
        } catch (IOException | RuntimeException e) {
            failed.incrementAndGet();
            failWarnings.warn("webhook {}: posting {} failed: {}", uri, type, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "webhook " + uri;
    }

    /** Settings of a {@link WebhookListener}. */
    public static final class Builder {
        private final URI uri;
        private final Set<Class<? extends ProvisioningEvent>> types = new LinkedHashSet<>();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private int capacity = DEFAULT_QUEUE_CAPACITY;
        private int perDevice = DEFAULT_PER_DEVICE;
        private Inventory inventory;
        private Duration timeout = DEFAULT_TIMEOUT;

        private Builder(URI uri) {
            Objects.requireNonNull(uri, "webhook URI");
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException("webhook URI '" + uri + "': must be an absolute http:// or https:// URI with a host");
            }
            this.uri = uri;
        }

        /**
         * Chooses which event types are posted; without this call, every event is.
         *
         * @param eventTypes the record types of {@link ProvisioningEvent}, for example
         *                   {@code ProvisioningEvent.DeviceReachable.class}
         * @return this builder
         */
        @SafeVarargs
        public final Builder events(Class<? extends ProvisioningEvent>... eventTypes) {
            for (Class<? extends ProvisioningEvent> type : eventTypes) {
                types.add(Objects.requireNonNull(type, "event type"));
            }
            return this;
        }

        /**
         * @param devices the inventory: events about its devices get a lane of their own, fair to each
         * @return this builder
         */
        public Builder inventory(Inventory devices) {
            this.inventory = Objects.requireNonNull(devices, "inventory");
            return this;
        }

        /**
         * @param events events one inventory device may have waiting at most (default
         *               {@value #DEFAULT_PER_DEVICE}, at least 16)
         * @return this builder
         */
        public Builder perDevice(int events) {
            this.perDevice = Checks.range("webhook events per device", events, 16, 100_000);
            return this;
        }

        /**
         * @param events events that may wait for posting in each lane, 1..100000; default {@value #DEFAULT_QUEUE_CAPACITY}
         * @return this builder
         * @throws IllegalArgumentException naming the value when out of range
         */
        public Builder queueCapacity(int events) {
            this.capacity = Checks.range("webhook queue capacity", events, 1, 100_000);
            return this;
        }

        /**
         * @param limit how long one post (connecting included) may take; positive, default 5 s
         * @return this builder
         * @throws IllegalArgumentException naming the value when not positive
         */
        public Builder timeout(Duration limit) {
            Objects.requireNonNull(limit, "webhook timeout");
            this.timeout = Checks.positive("webhook timeout", limit);
            return this;
        }

        /**
         * Adds a request header to every post (an {@code Authorization} token, say). Its value is
         * never logged.
         *
         * @param name  the header name
         * @param value its value
         * @return this builder
         * @throws IllegalArgumentException naming the header when its name or value would break the request
         */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "header name");
            Objects.requireNonNull(value, "value of header " + name);
            if (!name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
                throw new IllegalArgumentException("webhook header '" + name + "': not a valid header name");
            }
            if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                throw new IllegalArgumentException("webhook header " + name + ": value holds CR, LF or NUL");
            }
            try {
                HttpRequest.newBuilder(uri).header(name, value); // the JDK refuses Host, Connection and the like
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("webhook header " + name + ": " + e.getMessage(), e);
            }
            headers.put(name, value);
            return this;
        }

        /** @return the listener, its sender thread started */
        public WebhookListener build() {
            return new WebhookListener(this);
        }
    }
}
