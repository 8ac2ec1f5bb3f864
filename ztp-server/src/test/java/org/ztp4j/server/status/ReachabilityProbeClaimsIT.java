package org.ztp4j.server.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ztp4j.server.status.ReachabilityProbeTest.LOOPBACK;
import static org.ztp4j.server.status.ReachabilityProbeTest.awaitIdle;
import static org.ztp4j.server.status.ReachabilityProbeTest.device;
import static org.ztp4j.server.status.ReachabilityProbeTest.identified;
import static org.ztp4j.server.status.ReachabilityProbeTest.served;
import static org.ztp4j.server.status.Samples.bySerial;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.DeviceIdentity;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.store.DeviceClaims;
import org.ztp4j.server.store.JdbcProvisioningStore;
import org.ztp4j.testing.Postgres;

/** Two probes, as two servers sharing one PostgreSQL, each told that the same device's configuration was served. */
class ReachabilityProbeClaimsIT {

    private final List<String> announced = new CopyOnWriteArrayList<>();

    private final List<JdbcProvisioningStore> stores = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeStores() {
        stores.forEach(JdbcProvisioningStore::close);
    }

    /** A server's probe, with the claims of a store of its own on the shared database. */
    private ReachabilityProbe probe(String server, String url, int sshPort) {
        JdbcProvisioningStore store = JdbcProvisioningStore.open(url);
        stores.add(store);
        DeviceClaims claims = store.claims(server);
        return ReachabilityProbe.builder(e -> {
            if (e instanceof ProvisioningEvent.DeviceReachable) {
                announced.add(server);
            }
        }).port(sshPort).interval(Duration.ofMillis(50)).connectTimeout(Duration.ofSeconds(2)).attempts(500)
                .claims(claims).build();
    }

    private static String database(Postgres pg) {
        String url = pg.createDatabase("ztp");
        JdbcProvisioningStore.open(url).close(); // the schema, migrated
        return url;
    }

    @Test
    void ofTwoServersThatServedADevicesConfigOneProbesItAndAnnouncesItOnce() throws Exception {
        try (Postgres pg = Postgres.start(); ServerSocket ssh = new ServerSocket(0, 50, LOOPBACK)) {
            String url = database(pg);
            try (ReachabilityProbe a = probe("ztp-a", url, ssh.getLocalPort());
                 ReachabilityProbe b = probe("ztp-b", url, ssh.getLocalPort())) {
                DeviceIdentity leaf = bySerial("SAL1234ABCD", "10.0.0.7");
                for (ReachabilityProbe p : List.of(a, b)) {
                    p.onEvent(identified(leaf, device("leaf101", "SAL1234ABCD", LOOPBACK)));
                    p.onEvent(served(leaf, "conf.SAL1234ABCD"));
                }
                awaitIdle(a);
                awaitIdle(b);
                assertThat(announced).hasSize(1);

                // Served again by the other server a moment later: the claim still holds, no second notice.
                String other = announced.get(0).equals("ztp-a") ? "b" : "a";
                ReachabilityProbe again = other.equals("a") ? a : b;
                again.onEvent(served(leaf, "conf.SAL1234ABCD"));
                awaitIdle(again);
                assertThat(announced).hasSize(1);
                assertThat(pg.psql("ztp", "SELECT subject || ' ' || action || ' ' || server FROM ztp_device_claim"))
                        .isEqualTo("127.0.0.1 probe " + announced.get(0));
            }
        }
    }

    @Test
    void whenTheStoreIsDownEachServerProbesOnItsOwnRatherThanNone() throws Exception {
        try (Postgres pg = Postgres.start(); ServerSocket ssh = new ServerSocket(0, 50, LOOPBACK)) {
            String url = database(pg);
            try (ReachabilityProbe a = probe("ztp-a", url, ssh.getLocalPort())) {
                pg.kill();
                DeviceIdentity leaf = bySerial("SAL1234ABCD", "10.0.0.7");
                a.onEvent(identified(leaf, device("leaf101", "SAL1234ABCD", LOOPBACK)));
                a.onEvent(served(leaf, "conf.SAL1234ABCD"));
                awaitIdle(a);
                assertThat(announced).containsExactly("ztp-a");
            }
        }
    }

    @Test
    void aClosedProbeReleasesItsClaimsForTheOtherServer() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 50, LOOPBACK)) {
            closedPort = s.getLocalPort();
        }
        try (Postgres pg = Postgres.start()) {
            String url = database(pg);
            ReachabilityProbe a = probe("ztp-a", url, closedPort);
            DeviceIdentity leaf = bySerial("SAL1234ABCD", "10.0.0.7");
            a.onEvent(identified(leaf, device("leaf101", "SAL1234ABCD", LOOPBACK)));
            a.onEvent(served(leaf, "conf.SAL1234ABCD"));
            for (int i = 0; i < 600 && pg.psql("ztp", "SELECT count(*) FROM ztp_device_claim").equals("0"); i++) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
            assertThat(pg.psql("ztp", "SELECT server FROM ztp_device_claim")).isEqualTo("ztp-a");
            a.close();
            assertThat(pg.psql("ztp", "SELECT count(*) FROM ztp_device_claim")).isEqualTo("0");
        }
    }
}
