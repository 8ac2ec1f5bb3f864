package org.ztp4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.examples.testing.ZtpJar;
import org.ztp4j.server.store.JdbcProvisioningStore;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Postgres;
import org.ztp4j.testing.Processes;

/**
 * Serving never waits on the store: {@code ztp serve --store jdbc:postgresql://...} keeps serving a
 * fleet while the test kills its PostgreSQL in the middle, and once PostgreSQL is back every event
 * of the outage is in the journal; and the same while its PostgreSQL is frozen (SIGSTOP: connections
 * hang rather than fail) until it is let go.
 */
class StoreOutageIT {

    static final int DEVICES = 60;

    @TempDir
    Path dir;

    @Test
    void devicesGetTheirFilesWhilePostgresqlIsDownAndTheJournalGetsEveryEventWhenItIsBack() throws Exception {
        ExternalTool.require("curl", "curl");
        StringBuilder inventory = new StringBuilder("hostname,serial,platform,mgmt_address,mgmt_gateway\n");
        for (int d = 1; d <= DEVICES; d++) {
            inventory.append(String.format("leaf%d,SAL%03d,nxos,10.0.%d.%d/24,10.0.%d.1%n", d, d, d / 200, d % 200 + 2, d / 200));
        }
        Files.writeString(dir.resolve("devices.csv"), inventory);
        try (Postgres pg = Postgres.start()) {
            String url = pg.createDatabase("ztp");
            int tftp = ZtpJar.freePort();
            int http = ZtpJar.freePort();
            try (ZtpJar server = ZtpJar.serve(dir, InetAddress.getLoopbackAddress(), http, List.of(
                    "--inventory", dir.resolve("devices.csv").toString(), "--store", url,
                    "--tftp-port", String.valueOf(tftp), "--http-port", String.valueOf(http),
                    "--var", "admin_user=admin", "--var", "admin_password=Kv6-Rq3m-Wx8"))) {
                // Every device fetches its configuration over TFTP and then over HTTP: 120 downloads, 8 at a time.
                List<String> urls = new ArrayList<>();
                for (int d = 1; d <= DEVICES; d++) {
                    urls.add(String.format("tftp://127.0.0.1:%d/conf.SAL%03d", tftp, d));
                    urls.add(String.format("http://127.0.0.1:%d/conf.SAL%03d", http, d));
                }
                AtomicInteger done = new AtomicInteger();
                ExecutorService fleet = Executors.newFixedThreadPool(8);
                List<Future<String>> downloads = new ArrayList<>();
                try {
                    // The first half of the fleet starts; PostgreSQL is killed while it is under way; the second half
                    // comes while it is down.
                    for (String u : urls.subList(0, urls.size() / 2)) {
                        downloads.add(fleet.submit(() -> download(u, done)));
                    }
                    server.await(Duration.ofSeconds(60), () -> done.get() >= urls.size() / 6, "the first downloads");
                    pg.kill();
                    for (String u : urls.subList(urls.size() / 2, urls.size())) {
                        downloads.add(fleet.submit(() -> download(u, done)));
                    }
                    for (int i = 0; i < urls.size(); i++) {
                        int d = i / 2 + 1;
                        assertThat(downloads.get(i).get()).as("%s", urls.get(i)).contains("hostname leaf" + d + "\n");
                    }
                } finally {
                    fleet.shutdownNow();
                }
                // Served while the database was down, too: more devices than it had heard of.
                assertThat(pg.accepting()).isFalse();
                String whileDown = ZtpJar.run(dir, "devices", "show", String.format("SAL%03d", DEVICES), "--server", "http://127.0.0.1:" + http);
                assertThat(whileDown).contains("CONFIG_SERVED");

                pg.restart();
                server.await(Duration.ofSeconds(60), () -> pg.psql("ztp", "SELECT count(*) FROM ztp_journal WHERE kind = 'SERVED'")
                        .equals(String.valueOf(urls.size())), "every download in the journal");
                assertThat(pg.psql("ztp", "SELECT protocol || ' ' || count(DISTINCT device_key) || ' ' || count(*) FROM ztp_journal "
                        + "WHERE kind = 'SERVED' GROUP BY protocol ORDER BY 1")).isEqualTo("HTTP 60 60\nTFTP 60 60");
                assertThat(pg.psql("ztp", "SELECT count(*) FROM ztp_device WHERE state = 'CONFIG_SERVED'")).isEqualTo(String.valueOf(DEVICES));
                String err = server.err();
                assertThat(count(err, "cannot write")).as("the outage, logged once:\n%s", err).isEqualTo(1);
                assertThat(err).contains("back; writing the changes kept meanwhile").doesNotContain("Kv6-Rq3m-Wx8")
                        .doesNotContain(pg.password());
            }
        }
    }

    @Test
    void devicesAreServedWithoutWaitingWhilePostgresqlIsFrozenAndTheJournalGetsEveryEventWhenItThaws() throws Exception {
        ExternalTool.require("curl", "curl");
        int devices = 20;
        StringBuilder inventory = new StringBuilder("hostname,serial,platform,mgmt_address,mgmt_gateway\n");
        for (int d = 1; d <= devices; d++) {
            inventory.append(String.format("leaf%d,SAL%03d,nxos,10.0.0.%d/24,10.0.0.1%n", d, d, d + 1));
        }
        Files.writeString(dir.resolve("devices.csv"), inventory);
        try (Postgres pg = Postgres.start()) {
            String url = pg.createDatabase("ztp");
            int tftp = ZtpJar.freePort();
            int http = ZtpJar.freePort();
            try (ZtpJar server = ZtpJar.serve(dir, InetAddress.getLoopbackAddress(), http, List.of(
                    "--inventory", dir.resolve("devices.csv").toString(), "--store", url,
                    "--tftp-port", String.valueOf(tftp), "--http-port", String.valueOf(http),
                    "--var", "admin_user=admin", "--var", "admin_password=Kv6-Rq3m-Wx8"))) {
                List<String> urls = new ArrayList<>();
                for (int d = 1; d <= devices; d++) {
                    urls.add(String.format("tftp://127.0.0.1:%d/conf.SAL%03d", tftp, d));
                    urls.add(String.format("http://127.0.0.1:%d/conf.SAL%03d", http, d));
                }
                AtomicInteger done = new AtomicInteger();
                // A few devices while PostgreSQL answers; once they are written, the store is idle.
                int before = 10;
                for (String u : urls.subList(0, before)) {
                    assertThat(download(u, done)).as(u).contains("hostname leaf");
                }
                server.await(Duration.ofSeconds(30), () -> pg.psql("ztp", "SELECT count(*) FROM ztp_journal WHERE kind = 'SERVED'")
                        .equals(String.valueOf(before)), "the first downloads in the journal");

                // Frozen: its connections stay open and nothing answers. Every download must still end within
                // curl's 5 s, less than the store's own timeout: serving never waits on the store.
                pg.freeze();
                ExecutorService fleet = Executors.newFixedThreadPool(8);
                try {
                    List<Future<String>> downloads = new ArrayList<>();
                    for (String u : urls.subList(before, urls.size())) {
                        downloads.add(fleet.submit(() -> Processes.runAllowingFailure(Path.of("."), 30, "curl", "-s",
                                "--max-time", "5", u).stdout()));
                    }
                    for (int i = 0; i < downloads.size(); i++) {
                        int d = (before + i) / 2 + 1;
                        assertThat(downloads.get(i).get()).as("%s", urls.get(before + i)).contains("hostname leaf" + d + "\n");
                    }
                } finally {
                    fleet.shutdownNow();
                }
                assertThat(ZtpJar.run(dir, "devices", "show", String.format("SAL%03d", devices), "--server", "http://127.0.0.1:" + http))
                        .contains("CONFIG_SERVED");
                // The store's statement timeout ends the wait on the frozen database: the outage is noticed and logged.
                server.await(Duration.ofSeconds(JdbcProvisioningStore.SOCKET_TIMEOUT_SECONDS + 10),
                        () -> server.err().contains("cannot write"), "the store's writer to give up on the frozen database");

                pg.thaw();
                server.await(Duration.ofSeconds(30), () -> pg.psql("ztp", "SELECT count(*) FROM ztp_journal WHERE kind = 'SERVED'")
                        .equals(String.valueOf(urls.size())), "every download in the journal");
                assertThat(pg.psql("ztp", "SELECT protocol || ' ' || count(DISTINCT device_key) || ' ' || count(*) FROM ztp_journal "
                        + "WHERE kind = 'SERVED' GROUP BY protocol ORDER BY 1")).isEqualTo("HTTP 20 20\nTFTP 20 20");
                assertThat(pg.psql("ztp", "SELECT count(*) FROM ztp_device WHERE state = 'CONFIG_SERVED'")).isEqualTo(String.valueOf(devices));
                String err = server.err();
                assertThat(count(err, "cannot write")).as("the hang, logged once:\n%s", err).isEqualTo(1);
                assertThat(err).contains("back; writing the changes kept meanwhile").doesNotContain("Kv6-Rq3m-Wx8")
                        .doesNotContain(pg.password());
            }
        }
    }

    private static String download(String url, AtomicInteger done) {
        String got = Processes.runAllowingFailure(Path.of("."), 60, "curl", "-s", "--max-time", "20", url).stdout();
        done.incrementAndGet();
        return got;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
