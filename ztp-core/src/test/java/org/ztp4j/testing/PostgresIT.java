package org.ztp4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PostgresIT {

    @Test
    void startsADatabaseThatKeepsItsDataWhenKilledAndStartedAgainOnTheSamePort() {
        Path dir;
        try (Postgres pg = Postgres.start()) {
            dir = pg.directory();
            String url = pg.createDatabase("board");
            assertThat(url).isEqualTo("jdbc:postgresql://127.0.0.1:" + pg.port() + "/board?user=ztp4j&password=" + pg.password());
            assertThatThrownBy(() -> pg.createDatabase("x; DROP DATABASE postgres"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("database name");
            pg.psql("board", "CREATE TABLE journal (id serial PRIMARY KEY, what text NOT NULL)");
            pg.psql("board", "INSERT INTO journal (what) VALUES ('served poap.py'), ('served switch.cfg')");

            pg.kill();
            assertThat(pg.accepting()).as("port %d after kill", pg.port()).isFalse();
            assertThatThrownBy(() -> pg.psql("board", "SELECT 1")).isInstanceOf(AssertionError.class);

            int port = pg.port();
            pg.restart();
            assertThat(pg.port()).isEqualTo(port);
            assertThat(pg.accepting()).isTrue();
            assertThat(pg.psql("board", "SELECT what FROM journal ORDER BY id")).isEqualTo("served poap.py\nserved switch.cfg");
            assertThat(pg.log()).contains("database system was interrupted");
        }
        assertThat(Files.exists(dir)).as("%s after close", dir).isFalse();
    }

    @Test
    void runsAsAnUnprivilegedUserWithPasswordsOverTcp() {
        try (Postgres pg = Postgres.start()) {
            String superuser = pg.psql("postgres", "SELECT rolname FROM pg_roles WHERE rolsuper AND rolname = current_user");
            assertThat(superuser).isEqualTo(Postgres.USER);
            assertThat(Files.exists(pg.directory().resolve("data/pg_hba.conf"))).isTrue();
            assertThat(pg.psql("postgres", "SELECT auth_method FROM pg_hba_file_rules WHERE type = 'host' LIMIT 1"))
                    .isEqualTo("scram-sha-256");
            String owner = Processes.run(java.util.List.of("stat", "-c", "%U", pg.directory().resolve("data").toString())).stdout().strip();
            assertThat(owner).isNotEqualTo("root");
        }
    }

    @Test
    void twoServersRunSideBySideOnPortsOfTheirOwn() {
        try (Postgres a = Postgres.start(); Postgres b = Postgres.start()) {
            assertThat(a.port()).isNotEqualTo(b.port());
            a.createDatabase("one");
            b.createDatabase("one");
            a.psql("one", "CREATE TABLE t (x int)");
            assertThat(b.psql("one", "SELECT count(*) FROM pg_tables WHERE tablename = 't'")).isEqualTo("0");
        }
    }
}
