package org.ztp4j.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ztp4j.testing.Eventually.eventually;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.ztp4j.testing.Postgres;

class PostgresChangeFeedIT {

    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final AtomicInteger missed = new AtomicInteger();
    private final PostgresChangeFeed.Listener listener = new PostgresChangeFeed.Listener() {
        @Override
        public void changed(List<String> deviceKeys, long lastId) {
            heard.add(lastId + " " + String.join(",", deviceKeys));
        }

        @Override
        public void missed() {
            missed.incrementAndGet();
        }
    };

    @Test
    void hearsAnotherServersCommittedWriteAndNotARolledBackOneNorItsOwn() throws Exception {
        try (Postgres pg = Postgres.start()) {
            String url = pg.createDatabase("ztp");
            try (PostgresChangeFeed feed = PostgresChangeFeed.listen(url, null, "test", "ztp-a", listener)) {
                assertThat(feed.awaitListening(java.time.Duration.ofSeconds(30))).isTrue();
                try (Connection c = DriverManager.getConnection(url)) {
                    c.setAutoCommit(false);
                    PostgresChangeFeed.notify(c, "ztp-b", List.of("FDO1234X0AB"), 6);
                    c.rollback();
                    PostgresChangeFeed.notify(c, "ztp-b", List.of("SAL1234ABCD", "00:11:22:33:44:55"), 7);
                    c.commit();
                    assertThat(eventually(() -> !heard.isEmpty())).isTrue();
                }
                try (Connection own = DriverManager.getConnection(url)) {
                    PostgresChangeFeed.notify(own, "ztp-a", List.of("SAL0000OWN1"), 8);
                }
                Thread.sleep(300); // the rolled-back one and our own would have come by now
                assertThat(heard).containsExactly("7 SAL1234ABCD,00:11:22:33:44:55");
                assertThat(missed).hasValue(0);
            }
        }
    }

    @Test
    void listensAgainWhenTheDatabaseComesBackAndSaysItMayHaveMissedWrites() throws Exception {
        try (Postgres pg = Postgres.start()) {
            String url = pg.createDatabase("ztp");
            try (PostgresChangeFeed feed = PostgresChangeFeed.listen(url, null, "test", "ztp-a", listener)) {
                assertThat(eventually(feed::listening)).isTrue();
                pg.kill();
                assertThat(eventually(() -> !feed.listening())).isTrue();
                pg.restart();
                assertThat(eventually(feed::listening)).as("listening after the restart").isTrue();
                // listening is set as the LISTEN is done; missed() is said right after it
                assertThat(eventually(() -> missed.get() == 1)).as("missed after the restart").isTrue();
                assertThat(missed).as("after the restart").hasValue(1);
                send(url, List.of("SAL1234ABCD"), 9);
                assertThat(eventually(() -> heard.contains("9 SAL1234ABCD"))).isTrue();
            }
        }
    }

    @Test
    void aWriteOfMoreDevicesThanAPayloadHoldsSaysReadItAll() throws Exception {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add(String.format("SAL%08d", i));
        }
        assertThat(PostgresChangeFeed.payload("ztp-b", many, 42)).isEqualTo("42\nztp-b");
        assertThat(PostgresChangeFeed.parse(PostgresChangeFeed.payload("ztp-b", many.subList(0, 3), 42)))
                .isEqualTo(new PostgresChangeFeed.Parsed(42, "ztp-b", many.subList(0, 3)));
        try (Postgres pg = Postgres.start()) {
            String url = pg.createDatabase("ztp");
            try (PostgresChangeFeed feed = PostgresChangeFeed.listen(url, null, "test", "ztp-a", listener)) {
                assertThat(eventually(feed::listening)).isTrue();
                send(url, many, 42);
                assertThat(eventually(() -> missed.get() == 1)).isTrue();
                assertThat(heard).isEmpty();
            }
        }
    }

    private static void send(String url, List<String> keys, long lastId) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            PostgresChangeFeed.notify(c, "ztp-b", keys, lastId);
        }
    }
}
