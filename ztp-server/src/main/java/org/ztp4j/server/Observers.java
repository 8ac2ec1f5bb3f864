package org.ztp4j.server;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ztp4j.core.Inventory;
import org.ztp4j.core.ProvisioningListener;
import org.ztp4j.core.status.DeviceStatusBoard;
import org.ztp4j.server.status.ProgressLog;
import org.ztp4j.server.status.ReachabilityProbe;
import org.ztp4j.server.status.WebhookListener;

/**
 * Who hears the servers' events in a {@link Provisioning}: the status board, the progress log, the
 * webhook and the reachability probe (each only when asked for), then the application's listeners.
 * The probe's own {@code DeviceReachable} goes to the board, the webhook and the application.
 */
final class Observers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Observers.class);

    private final DeviceStatusBoard board;
    private final ProvisioningListener chain;
    private final List<AutoCloseable> owned = new ArrayList<>();

    /**
     * @param inventory     the devices (the board's seed, the probe's addresses)
     * @param listeners     the application's listeners, in order
     * @param progressEvery how often the progress log writes, or {@code null} for none
     * @param webhook       where the webhook posts, or {@code null} for none
     * @param probe         the probe's settings, or {@code null} for no probe
     */
    Observers(Inventory inventory, List<ProvisioningListener> listeners, Duration progressEvery, URI webhook,
              Consumer<ReachabilityProbe.Builder> probe) {
        this.board = DeviceStatusBoard.of(inventory);
        List<ProvisioningListener> told = new ArrayList<>(List.of(board));
        List<ProvisioningListener> all = new ArrayList<>(List.of(board));
        if (progressEvery != null) {
            all.add(new ProgressLog(progressEvery));
        }
        if (webhook != null) {
            WebhookListener hook = WebhookListener.builder(webhook).build();
            owned.add(hook);
            all.add(hook);
            told.add(hook);
        }
        told.addAll(listeners);
        if (probe != null) {
            ReachabilityProbe.Builder b = ReachabilityProbe.builder(ProvisioningListener.all(told)).inventory(inventory);
            probe.accept(b);
            ReachabilityProbe p = b.build();
            owned.add(p);
            all.add(p);
        }
        all.addAll(listeners);
        this.chain = ProvisioningListener.all(all);
    }

    /** @return the board every server feeds */
    DeviceStatusBoard board() {
        return board;
    }

    /** @return the listener the servers report to */
    ProvisioningListener chain() {
        return chain;
    }

    /** Stops the probe and the webhook. */
    @Override
    public void close() {
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.debug("closing {}: {}", c, e.toString());
            }
        }
    }
}
