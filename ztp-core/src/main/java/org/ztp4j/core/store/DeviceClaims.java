package org.ztp4j.core.store;

import java.time.Duration;

/**
 * Lets one server of several that share a store do a device's action alone: of the servers that
 * {@linkplain #claim claim} the same action on the same device, one holds the claim until it
 * {@linkplain #release releases} it or its lease runs out (the server stopped without releasing).
 * The reachability probe claims {@code "probe"} on a device's management address, so that two servers
 * that both served its configuration do not both probe it and both announce it reachable.
 *
 * <pre>{@code
 * DeviceClaims claims = store.claims("ztp-a");
 * if (claims.claim("10.0.0.7", "probe", Duration.ofMinutes(20))) {
 *     try { probe(); } finally { claims.release("10.0.0.7", "probe"); }
 * }
 * }</pre>
 *
 * <p>Claims are for what may be done twice without harm but should not be (a probe, a notice), never
 * for what must not: a server that cannot reach the store may go ahead on its own.
 */
public interface DeviceClaims {

    /** Claims for a server alone: every claim is granted. */
    DeviceClaims SOLE = new DeviceClaims() {
        @Override
        public boolean claim(String subject, String action, Duration lease) {
            return true;
        }

        @Override
        public void release(String subject, String action) {
            // nothing held
        }
    };

    /**
     * Takes the claim, or renews it when this server holds it already.
     *
     * @param subject the device: its key or the address acted on
     * @param action  what is claimed ({@code "probe"})
     * @param lease   how long the claim holds without a renewal or release
     * @return true when this server holds it now; false when another server does
     * @throws StoreException when the store cannot be reached (the caller decides whether to go ahead)
     */
    boolean claim(String subject, String action, Duration lease);

    /**
     * Gives the claim up, when this server holds it.
     *
     * @param subject the device
     * @param action  what was claimed
     * @throws StoreException when the store cannot be reached (the lease then runs out on its own)
     */
    void release(String subject, String action);
}
