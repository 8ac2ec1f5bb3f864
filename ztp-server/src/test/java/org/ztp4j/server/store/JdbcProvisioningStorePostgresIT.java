package org.ztp4j.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ztp4j.testing.Eventually.eventually;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.DeviceIdentity;
import org.ztp4j.core.Protocol;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.store.DeviceClaims;
import org.ztp4j.core.store.ProvisioningStore;
import org.ztp4j.core.store.StoreException;
import org.ztp4j.testing.Postgres;
import org.ztp4j.testing.ProvisioningStoreContract;

/** The store contract on a real PostgreSQL, and what several servers sharing one database get from it. */
class JdbcProvisioningStorePostgresIT extends ProvisioningStoreContract {

    private static Postgres pg;
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private String url;

    @BeforeAll
    static void startPostgres() {
        pg = Postgres.start();
    }

    @AfterAll
    static void stopPostgres() {
        if (pg != null) {
            pg.close();
        }
    }

    @Override
    protected ProvisioningStore newStore() {
        url = pg.createDatabase("ztp" + DATABASES.incrementAndGet());
        return JdbcProvisioningStore.open(url);
    }

    @Override
    protected ProvisioningStore reopen() {
        store.close();
        return JdbcProvisioningStore.open(url);
    }

    /** Notes what it hears, and whether from this store's own writes or from another server's. */
    private static final class Recorder implements ProvisioningStore.ChangeSubscriber {
        final List<String> heard = new CopyOnWriteArrayList<>();

        @Override
        public void changed(List<String> deviceKeys, long lastId) {
            heard.add("own " + String.join(",", deviceKeys) + " up to " + lastId);
        }

        @Override
        public void changedElsewhere(List<String> deviceKeys, long lastId) {
            heard.add("elsewhere " + String.join(",", deviceKeys) + " up to " + lastId);
        }
    }

    @Test
    void anotherServersWriteIsHeardAsSuchOnceAndOnesOwnAsOwn() throws Exception {
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        try (JdbcProvisioningStore other = JdbcProvisioningStore.open(url)) {
            store.subscribe(a);
            other.subscribe(b);
            String db = url.replaceAll(".*/(ztp\\d+)\\?.*", "$1");
            assertThat(eventually(() -> pg.psql(db, "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'LISTEN%'").equals("2")))
                    .as("both stores listening").isTrue();

            DeviceIdentity sal = DeviceIdentity.unknown().withSerial(SERIAL);
            board.onEvent(new ProvisioningEvent.FileServed(T0, sal, "poap.py", Protocol.TFTP, client("10.0.0.7"), 4200,
                    Duration.ofMillis(800)));
            flush();
            long id = store.journal("SAL1234ABCD", 0, 10).get(0).id();
            assertThat(eventually(() -> !b.heard.isEmpty())).isTrue();
            assertThat(other.device("SAL1234ABCD")).isPresent();
            Thread.sleep(300); // a second notification, had there been one, is here by now
            assertThat(b.heard).containsExactly("elsewhere SAL1234ABCD up to " + id);
            assertThat(a.heard).containsExactly("own SAL1234ABCD up to " + id);
        }
    }

    @Test
    void aServerWhoseListenerLostTheDatabaseHearsOfEveryDeviceWhenItIsBack() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        DeviceIdentity sal = DeviceIdentity.unknown().withSerial(SERIAL);
        board.onEvent(new ProvisioningEvent.FileServed(T0, sal, "poap.py", Protocol.TFTP, client("10.0.0.7"), 4200,
                Duration.ofMillis(800)));
        flush();
        try (JdbcProvisioningStore b = JdbcProvisioningStore.open(url)) {
            b.subscribe((keys, last) -> heard.add(String.join(",", keys)));
            Thread.sleep(500); // listening
            pg.kill();
            pg.restart();
            assertThat(eventually(() -> heard.contains("SAL1234ABCD"))).as("caught up after the restart").isTrue();
        }
    }

    @Test
    void claimsAreSharedThroughTheDatabase() {
        try (JdbcProvisioningStore b = JdbcProvisioningStore.open(url)) {
            DeviceClaims a = store.claims("ztp-a");
            assertThat(a.claim("10.0.0.7", "probe", Duration.ofMinutes(1))).isTrue();
            assertThat(b.claims("ztp-b").claim("10.0.0.7", "probe", Duration.ofMinutes(1))).isFalse();
            a.release("10.0.0.7", "probe");
            assertThat(b.claims("ztp-b").claim("10.0.0.7", "probe", Duration.ofMinutes(1))).isTrue();
        }
    }

    @Test
    void aDatabaseThatCannotBeReachedIsNamedWithoutItsPassword() {
        String wrong = "jdbc:postgresql://127.0.0.1:" + pg.port() + "/nosuchdb?user=ztp4j&password=" + pg.password();
        assertThatThrownBy(() -> JdbcProvisioningStore.open(wrong))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("jdbc:postgresql://127.0.0.1:" + pg.port() + "/nosuchdb")
                .hasMessageNotContaining(pg.password());
    }
}
