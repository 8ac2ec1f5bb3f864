package org.ztp4j.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.store.StoreException;
import org.ztp4j.testing.Postgres;

class JdbcDeviceClaimsIT {

    private static final Duration LEASE = Duration.ofMinutes(20);

    @Test
    void oneServerHoldsAClaimUntilItReleasesIt() throws Exception {
        try (Postgres pg = Postgres.start()) {
            String url = database(pg);
            JdbcDeviceClaims a = claims(url, "ztp-a", Clock.systemUTC());
            JdbcDeviceClaims b = claims(url, "ztp-b", Clock.systemUTC());

            assertThat(a.claim("10.0.0.7", "probe", LEASE)).isTrue();
            assertThat(b.claim("10.0.0.7", "probe", LEASE)).isFalse();
            assertThat(a.claim("10.0.0.7", "probe", LEASE)).as("renewed by its holder").isTrue();
            assertThat(b.claim("10.0.0.8", "probe", LEASE)).as("another device").isTrue();
            assertThat(b.claim("10.0.0.7", "webhook", LEASE)).as("another action").isTrue();
            assertThat(pg.psql("ztp", "SELECT subject || ' ' || action || ' ' || server FROM ztp_device_claim ORDER BY 1"))
                    .isEqualTo("10.0.0.7 probe ztp-a\n10.0.0.7 webhook ztp-b\n10.0.0.8 probe ztp-b");

            b.release("10.0.0.7", "probe"); // not b's: stays a's
            assertThat(b.claim("10.0.0.7", "probe", LEASE)).isFalse();
            a.release("10.0.0.7", "probe");
            assertThat(b.claim("10.0.0.7", "probe", LEASE)).isTrue();
        }
    }

    @Test
    void aLeaseThatRanOutGoesToTheNextServerThatClaims() throws Exception {
        try (Postgres pg = Postgres.start()) {
            String url = database(pg);
            Instant now = Instant.parse("2026-12-05T18:00:00Z");
            JdbcDeviceClaims a = claims(url, "ztp-a", Clock.fixed(now, ZoneOffset.UTC));
            JdbcDeviceClaims bNow = claims(url, "ztp-b", Clock.fixed(now.plus(LEASE).minusSeconds(1), ZoneOffset.UTC));
            JdbcDeviceClaims bLater = claims(url, "ztp-b", Clock.fixed(now.plus(LEASE).plusSeconds(1), ZoneOffset.UTC));
            assertThat(a.claim("10.0.0.7", "probe", LEASE)).isTrue();
            assertThat(bNow.claim("10.0.0.7", "probe", LEASE)).isFalse();
            assertThat(bLater.claim("10.0.0.7", "probe", LEASE)).as("a stopped without releasing").isTrue();
            assertThat(pg.psql("ztp", "SELECT server FROM ztp_device_claim")).isEqualTo("ztp-b");
        }
    }

    @Test
    void ofManyServersClaimingAtOnceExactlyOneWins() throws Exception {
        try (Postgres pg = Postgres.start()) {
            String url = database(pg);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                for (int round = 0; round < 20; round++) {
                    String subject = "10.0.1." + round;
                    List<Callable<Boolean>> claimers = new ArrayList<>();
                    for (int s = 0; s < 8; s++) {
                        JdbcDeviceClaims c = claims(url, "ztp-" + s, Clock.systemUTC());
                        claimers.add(() -> c.claim(subject, "probe", LEASE));
                    }
                    int won = 0;
                    for (Future<Boolean> f : pool.invokeAll(claimers)) {
                        won += f.get() ? 1 : 0;
                    }
                    assertThat(won).as("claims of %s granted", subject).isEqualTo(1);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aDatabaseThatIsDownIsAStoreErrorNamingItWithoutThePassword() throws Exception {
        try (Postgres pg = Postgres.start()) {
            String url = database(pg);
            JdbcDeviceClaims a = new JdbcDeviceClaims(() -> DriverManager.getConnection(url), "ztp-a",
                    "jdbc:postgresql://127.0.0.1:" + pg.port() + "/ztp", Clock.systemUTC());
            pg.kill();
            assertThatThrownBy(() -> a.claim("10.0.0.7", "probe", LEASE))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("jdbc:postgresql://127.0.0.1:" + pg.port() + "/ztp")
                    .hasMessageContaining("cannot claim probe of 10.0.0.7")
                    .hasMessageNotContaining(pg.password());
        }
    }

    /** A database with the store's claim table, made by the migration itself. */
    static String database(Postgres pg) throws IOException {
        String url = pg.createDatabase("ztp");
        try (InputStream in = JdbcDeviceClaims.class.getResourceAsStream("/db/ztp4j-migration/V2__device_claim.sql")) {
            pg.psql("ztp", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        return url;
    }

    private static JdbcDeviceClaims claims(String url, String server, Clock clock) {
        return new JdbcDeviceClaims(() -> DriverManager.getConnection(url), server, "test database", clock);
    }
}
