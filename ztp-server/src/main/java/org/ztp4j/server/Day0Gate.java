package org.ztp4j.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ztp4j.core.Day0Access;
import org.ztp4j.core.DeviceAccess;
import org.ztp4j.core.DeviceIdentity;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.DeviceTokens;
import org.ztp4j.core.FileProvider;
import org.ztp4j.core.FileRequest;
import org.ztp4j.core.FileResource;
import org.ztp4j.core.Inventory;
import org.ztp4j.core.Lease;
import org.ztp4j.core.LeaseLookup;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.ProvisioningListener;
import org.ztp4j.core.internal.LogText;
import org.ztp4j.core.internal.RateLimitedLog;

/**
 * Lets a device's own files go only to whom the {@link Day0Access} policy allows, in front of the
 * whole file chain, for TFTP and HTTP alike. A file is a device's own when the provider that found
 * it says whose it is ({@link FileResource#identified()}); files that are nobody's own (a generic
 * script, an image) pass whatever the policy.
 *
 * <p>A path may start with {@code t/<token>/}: the rest is the file, and the token, when it is a
 * device's ({@link DeviceTokens}), lets that device have its own files in any mode and makes the
 * shared files render for it (its scripts then carry the token on). An unknown token finds nothing.
 *
 * <p>A refusal is a miss to the asker: the provider chain's answer is replaced by "no such file",
 * so TFTP says error 1 and HTTP 404 with the same body as for any missing file. What the providers
 * said while finding the file (identified, rendered) is dropped, a {@code FileRefused} event goes
 * to the board and the journal (once a minute per asker and device), and a warning is logged once
 * a minute per asking address.
 */
final class Day0Gate implements FileProvider {

    private static final Logger LOG = LoggerFactory.getLogger(Day0Gate.class);
    private static final long EVENT_WINDOW_NANOS = 60_000_000_000L;
    private static final int MAX_REMEMBERED = 4096;

    private final FileProvider files;
    private final DeviceAccess access;
    private final Inventory inventory;
    private final LeaseLookup leases;
    private final EventHold hold;
    private final ProvisioningListener events;
    private final RateLimitedLog refusals = new RateLimitedLog(LOG, 60);
    private final Map<String, Long> lastEvent = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };
    private volatile TokenIndex index;

    private record TokenIndex(Collection<DeviceRecord> devices, Map<String, DeviceRecord> byToken) {
    }

    /**
     * @param files     the chain behind the gate
     * @param access    the policy and the tokens
     * @param inventory the devices
     * @param leases    the DHCP leases (for {@link Day0Access#LEASE})
     * @param hold      the listener the chain's providers tell
     * @param events    where a refusal is told
     */
    Day0Gate(FileProvider files, DeviceAccess access, Inventory inventory, LeaseLookup leases, EventHold hold,
             ProvisioningListener events) {
        this.files = Objects.requireNonNull(files, "files");
        this.access = Objects.requireNonNull(access, "access");
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.leases = Objects.requireNonNull(leases, "leases");
        this.hold = Objects.requireNonNull(hold, "hold");
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public Optional<FileResource> open(FileRequest request) throws IOException {
        String raw = request.path();
        int start = 0;
        while (start < raw.length() && raw.charAt(start) == '/') {
            start++;
        }
        String token = null;
        FileRequest asked = request;
        String prefix = DeviceTokens.PATH_SEGMENT + "/";
        if (raw.startsWith(prefix, start)) {
            int end = raw.indexOf('/', start + prefix.length());
            String candidate = end < 0 ? null : raw.substring(start + prefix.length(), end);
            if (candidate != null && DeviceTokens.SHAPE.matcher(candidate).matches()) {
                token = candidate;
                asked = request.withPath(raw.substring(0, start) + raw.substring(end + 1));
            }
        }
        DeviceRecord tokenOwner = null;
        if (token != null) {
            tokenOwner = byToken(token).orElse(null);
            if (tokenOwner == null) {
                refusals.warnFor(address(request), "refused {} to {}: its token is no device's",
                        LogText.of(asked.path()), address(request).getHostAddress());
                return Optional.empty();
            }
        }
        hold.hold();
        Optional<FileResource> found;
        try {
            found = files.open(asked);
        } catch (IOException | RuntimeException e) {
            // Whose file failed is not known: under a closed policy nothing the providers said reaches the board.
            if (access.mode() == Day0Access.ANY) {
                hold.release();
            } else {
                hold.drop();
            }
            throw e;
        }
        if (found.isEmpty()) {
            hold.release();
            return found;
        }
        Optional<DeviceRecord> owner = found.get().identified().flatMap(inventory::find);
        if (owner.isEmpty()) {
            if (tokenOwner == null) {
                hold.release();
                return found;
            }
            // A shared file asked for with a device's token: rendered for that device, so that what it
            // fetches next carries the token too.
            hold.drop();
            return files.open(asked.withIdentity(identityOf(tokenOwner, asked.client().getAddress())));
        }
        String why = refusal(owner.get(), tokenOwner, asked.client().getAddress());
        if (why == null) {
            hold.release();
            return found;
        }
        hold.drop();
        refused(owner.get(), asked, why);
        return Optional.empty();
    }

    /** @return why the asker may not have the device's file, or {@code null} when it may */
    private String refusal(DeviceRecord owner, DeviceRecord tokenOwner, InetAddress from) {
        if (tokenOwner != null) {
            return same(owner, tokenOwner) ? null : "the token is another device's";
        }
        switch (access.mode()) {
            case ANY:
                return null;
            case TOKEN:
                return "no token";
            case LEASE:
            default:
                if (owner.mac() == null) {
                    return "no MAC in the inventory to find its lease by";
                }
                Optional<Lease> lease = leases.find(from);
                if (lease.isEmpty()) {
                    return "no DHCP lease for the address";
                }
                return owner.mac().equals(lease.get().mac()) ? null : "not the address leased to its MAC";
        }
    }

    private void refused(DeviceRecord owner, FileRequest asked, String why) {
        InetSocketAddress client = asked.client();
        String path = LogText.of(ProvisioningEvent.spelling(asked.path()));
        refusals.warnFor(client.getAddress(), "refused {} of {} to {}: {}", path, owner.hostname(),
                client.getAddress().getHostAddress(), why);
        String key = client.getAddress().getHostAddress() + " " + owner.hostname();
        long now = System.nanoTime();
        synchronized (lastEvent) {
            Long last = lastEvent.get(key);
            if (last != null && now - last < EVENT_WINDOW_NANOS) {
                return;
            }
            lastEvent.put(key, now);
        }
        DeviceIdentity who = new DeviceIdentity(owner.serial(), owner.mac(), owner.platform(), null, null);
        events.onEvent(new ProvisioningEvent.FileRefused(Instant.now(), who, asked.path(), asked.protocol(), client, why));
    }

    private Optional<DeviceRecord> byToken(String token) {
        Collection<DeviceRecord> devices = inventory.devices();
        TokenIndex i = index;
        if (i == null || i.devices() != devices) {
            Map<String, DeviceRecord> map = new HashMap<>();
            for (DeviceRecord d : devices) {
                map.put(access.tokens().tokenFor(d), d);
            }
            i = new TokenIndex(devices, map);
            index = i;
        }
        DeviceRecord d = i.byToken().get(token);
        // the map finds it; the check compares in constant time, against the device's token as it is now
        return d != null && access.tokens().matches(d, token) ? Optional.of(d) : Optional.empty();
    }

    private static boolean same(DeviceRecord a, DeviceRecord b) {
        return a.hostname().equalsIgnoreCase(b.hostname());
    }

    private static DeviceIdentity identityOf(DeviceRecord d, InetAddress from) {
        return new DeviceIdentity(d.serial(), d.mac(), d.platform(), null, from);
    }

    private static InetAddress address(FileRequest r) {
        return r.client().getAddress();
    }

    @Override
    public String toString() {
        return "day-0 access " + access.mode().id() + " before " + files;
    }
}
