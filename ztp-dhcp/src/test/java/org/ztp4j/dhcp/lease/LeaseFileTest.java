package org.ztp4j.dhcp.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.Lease;
import org.ztp4j.core.MacAddress;

class LeaseFileTest {

    /** 2026-11-24 12:00:00 UTC */
    private static final Clock NOON = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void readsIscLeasesAndLetsTheLastBlockForAnAddressWin() throws Exception {
        Path file = dir.resolve("dhcpd.leases");
        Files.writeString(file, """
                # The format of this file is documented in the dhcpd.leases(5) manual page.
                # This lease file was written by isc-dhcp-4.4.3-P1

                # authoring-byte-order entry is generated, DO NOT DELETE
                authoring-byte-order little-endian;

                server-duid "\\000\\001\\000\\001-\\307\\373\\265\\322\\275\\246\\231\\374\\007";

                lease 10.213.7.100 {
                  starts 2 2026/11/24 11:00:00;
                  ends 2 2026/11/24 11:30:00;
                  binding state active;
                  hardware ethernet 02:00:00:00:00:09;
                  client-hostname "old";
                }
                lease 10.213.7.100 {
                  starts 2 2026/11/24 11:30:00;
                  ends 2 2026/11/24 13:30:00;
                  cltt 2 2026/11/24 11:30:00;
                  binding state active;
                  next binding state free;
                  rewind binding state free;
                  hardware ethernet 74:26:cc:5c:91:80;
                  uid "\\000SAL12345678";
                  set vendor-class-identifier = "Cisco-N9K";
                  client-hostname "sw1";
                }
                lease 10.213.7.101 {
                  starts 2 2026/11/24 10:00:00;
                  ends 2 2026/11/24 11:00:00;
                  binding state active;
                  hardware ethernet 02:00:00:00:00:01;
                  uid 01:02:00:00:00:00:00:01;
                }
                lease 10.213.7.102 {
                  starts 2 2026/11/24 10:00:00;
                  ends epoch 1764072000; # Tue Nov 25 12:00:00 2025
                  binding state active;
                  hardware ethernet 02:00:00:00:00:02;
                }
                lease 10.213.7.102 {
                  starts 2 2026/11/24 11:00:00;
                  ends 2 2026/11/24 11:00:00;
                  binding state free;
                  hardware ethernet 02:00:00:00:00:02;
                }
                lease 10.213.7.103 {
                  starts 2 2026/11/24 10:00:00;
                  ends never;
                  binding state active;
                  hardware ethernet 02:00:00:00:00:03;
                }
                """);
        LeaseFile leases = LeaseFile.open(file, LeaseFileFormat.ISC, NOON);
        Lease sw1 = leases.find(ip("10.213.7.100")).orElseThrow();
        assertThat(sw1.mac()).isEqualTo(MacAddress.parse("74:26:cc:5c:91:80"));
        assertThat(sw1.hostname()).isEqualTo("sw1");
        assertThat(sw1.clientId()).isEqualTo("0053414c3132333435363738");
        assertThat(sw1.expires()).isEqualTo(Instant.parse("2026-11-24T13:30:00Z"));
        // ended at 11:00
        assertThat(leases.find(ip("10.213.7.101"))).isEmpty();
        // freed by its last block
        assertThat(leases.find(ip("10.213.7.102"))).isEmpty();
        assertThat(leases.find(ip("10.213.7.103")).orElseThrow().expires()).isNull();
        assertThat(leases.leases()).extracting(l -> l.address().getHostAddress())
                .containsExactlyInAnyOrder("10.213.7.100", "10.213.7.101", "10.213.7.103");
        assertThat(leases.leases()).filteredOn(l -> l.address().getHostAddress().equals("10.213.7.101"))
                .extracting(Lease::clientId).containsExactly("0102000000000001");
    }

    @Test
    void readsKeaMemfileRowsAndDropsReleasedAndDeclinedLeases() throws Exception {
        Path file = dir.resolve("kea-leases4.csv");
        Files.writeString(file, """
                address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context,pool_id
                10.213.7.100,74:26:cc:5c:91:80,00:53:41:4c:31:32:33:34:35:36:37:38,3600,1764000000,1,0,0,sw1,0,,0
                10.213.7.101,02:00:00:00:00:01,01:02:00:00:00:00:00:01,3600,1764000000,1,0,0,rtr&#x2c1,0,,0
                10.213.7.101,02:00:00:00:00:01,01:02:00:00:00:00:00:01,0,1764000000,1,0,0,rtr&#x2c1,0,,0
                10.213.7.102,02:00:00:00:00:02,,3600,1764000000,1,0,0,,1,,0
                10.213.7.103,02:00:00:00:00:03,,3600,1763990000,1,0,0,,0,,0
                """);
        // 1764000000 = 2025-11-24T16:00:00Z; the clock says 2025-11-24T15:00:00Z
        LeaseFile leases = LeaseFile.open(file, LeaseFileFormat.KEA, Clock.fixed(Instant.ofEpochSecond(1763996400L), ZoneOffset.UTC));
        Lease sw1 = leases.find(ip("10.213.7.100")).orElseThrow();
        assertThat(sw1.mac()).isEqualTo(MacAddress.parse("7426.cc5c.9180"));
        assertThat(sw1.clientId()).isEqualTo("0053414c3132333435363738");
        assertThat(sw1.hostname()).isEqualTo("sw1");
        assertThat(sw1.expires()).isEqualTo(Instant.ofEpochSecond(1764000000L));
        assertThat(leases.find(ip("10.213.7.101"))).as("released: valid lifetime 0").isEmpty();
        assertThat(leases.find(ip("10.213.7.102"))).as("declined: state 1").isEmpty();
        assertThat(leases.find(ip("10.213.7.103"))).as("expired").isEmpty();
        assertThat(leases.leases()).hasSize(2);
    }

    @Test
    void readsDnsmasqLeases() throws Exception {
        Path file = dir.resolve("dnsmasq.leases");
        Files.writeString(file, """
                1764000000 74:26:cc:5c:91:80 10.213.7.100 sw1 00:53:41:4c:31:32:33:34:35:36:37:38
                0 02:00:00:00:00:01 10.213.7.101 * *
                1700000000 02:00:00:00:00:02 10.213.7.102 old 01:02:00:00:00:00:00:02
                duid 00:01:00:01:2c:c7:fb:b5:d2:bd:a6:99:fc:07
                """);
        LeaseFile leases = LeaseFile.open(file, LeaseFileFormat.DNSMASQ, Clock.fixed(Instant.ofEpochSecond(1763996400L), ZoneOffset.UTC));
        Lease sw1 = leases.find(ip("10.213.7.100")).orElseThrow();
        assertThat(sw1.hostname()).isEqualTo("sw1");
        assertThat(sw1.clientId()).isEqualTo("0053414c3132333435363738");
        Lease forever = leases.find(ip("10.213.7.101")).orElseThrow();
        assertThat(forever.expires()).isNull();
        assertThat(forever.hostname()).isNull();
        assertThat(forever.clientId()).isNull();
        assertThat(leases.find(ip("10.213.7.102"))).isEmpty();
    }

    @Test
    void skipsIpv6AndGarbageLinesWithAWarningNamingFileAndLine() throws Exception {
        Path file = dir.resolve("dnsmasq.leases");
        Files.writeString(file, """
                1764000000 74:26:cc:5c:91:80 10.213.7.100 sw1 *
                1764000000 1234 2001:db8::10 sw6 00:01:00:01:2c:c7:fb:b5
                this is not a lease
                1764000000 zz:zz 10.213.7.104 bad *
                garbage
                """);
        String log = stderrOf(() -> {
            LeaseFile leases = LeaseFile.open(file, LeaseFileFormat.DNSMASQ, NOON);
            assertThat(leases.leases()).extracting(l -> l.address().getHostAddress()).containsExactly("10.213.7.100");
        });
        assertThat(log).contains(file + ":2: lease address '2001:db8::10' is not IPv4, skipped")
                .contains(file + ":3: lease address 'not' is not IPv4, skipped")
                .contains(file + ":5: expected 'expiry mac ip hostname [clientid]', skipped: garbage")
                .contains(file + ":4: lease 10.213.7.104 skipped: MAC address: 'zz:zz'");

        Path isc = dir.resolve("dhcpd6.leases");
        Files.writeString(isc, """
                ia-na "\\001\\000\\000\\000\\000\\001" {
                  cltt 2 2026/11/24 11:00:00;
                  iaaddr 2001:db8::10 {
                    binding state active;
                  }
                }
                lease 2001:db8::11 {
                  binding state active;
                }
                garbage here
                lease 10.213.7.100 {
                  binding state active;
                  hardware ethernet 74:26:cc:5c:91:80;
                }
                """);
        String iscLog = stderrOf(() -> assertThat(LeaseFile.open(isc, LeaseFileFormat.ISC, NOON).leases()).hasSize(1));
        assertThat(iscLog).contains(isc + ":1: IPv6 lease block skipped")
                .contains(isc + ":7: lease address '2001:db8::11' is not IPv4, skipped")
                .contains(isc + ":10: not a lease file statement, skipped: garbage here");

        Path kea = dir.resolve("kea-leases4.csv");
        Files.writeString(kea, """
                address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context
                2001:db8::1,74:26:cc:5c:91:80,,3600,1764000000,1,0,0,,0,
                10.213.7.100,74:26:cc:5c:91:80,,3600,1764000000,1,0,0,,0,
                10.213.7.101,74:26
                """);
        String keaLog = stderrOf(() -> assertThat(LeaseFile.open(kea, LeaseFileFormat.KEA, NOON).leases()).hasSize(1));
        assertThat(keaLog).contains(kea + ":2: lease address '2001:db8::1' is not IPv4, skipped")
                .contains(kea + ":4: 2 fields where the header names 11, skipped");
    }

    @Test
    void picksUpNewLeasesWhenTheFileChangesWithoutARestart() throws Exception {
        Path file = dir.resolve("dnsmasq.leases");
        LeaseFile leases = LeaseFile.open(file, LeaseFileFormat.DNSMASQ, NOON);
        assertThat(leases.find(ip("10.213.7.100"))).as("no file yet").isEmpty();
        Files.writeString(file, "0 74:26:cc:5c:91:80 10.213.7.100 sw1 *\n");
        assertThat(leases.find(ip("10.213.7.100")).map(Lease::hostname)).contains("sw1");
        // same size, new content, a later modification time
        Files.writeString(file, "0 74:26:cc:5c:91:80 10.213.7.100 sw2 *\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(leases.find(ip("10.213.7.100")).map(Lease::hostname)).contains("sw2");
        Files.writeString(file, "0 74:26:cc:5c:91:80 10.213.7.100 sw2 *\n0 02:00:00:00:00:01 10.213.7.101 rtr1 *\n");
        assertThat(leases.find(ip("10.213.7.101")).map(Lease::hostname)).contains("rtr1");
        Files.delete(file);
        assertThat(leases.find(ip("10.213.7.100"))).as("file removed").isEmpty();
    }

    @Test
    void servesLookupsFromManyThreadsWhileTheFileIsRewritten() throws Exception {
        Path file = dir.resolve("dnsmasq.leases");
        Files.writeString(file, "0 74:26:cc:5c:91:80 10.213.7.100 sw1 *\n");
        LeaseFile leases = LeaseFile.open(file, LeaseFileFormat.DNSMASQ, NOON);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> readers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                readers.add(pool.submit(() -> {
                    int seen = 0;
                    for (int i = 0; i < 2000; i++) {
                        Optional<Lease> l = leases.find(ip("10.213.7.100"));
                        // every table is a whole file: the lease is always there, named sw<n>
                        assertThat(l).isPresent();
                        assertThat(l.get().hostname()).startsWith("sw");
                        seen++;
                    }
                    return seen;
                }));
            }
            for (int n = 0; n < 50; n++) {
                Path tmp = dir.resolve("dnsmasq.leases.new");
                Files.writeString(tmp, "0 74:26:cc:5c:91:80 10.213.7.100 sw" + n + " *\n0 02:00:00:00:00:0" + (n % 10)
                        + " 10.213.7.1" + (n % 10 + 10) + " x *\n");
                // dnsmasq and Kea replace the file by rename, as here
                Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            for (Future<Integer> f : readers) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(2000);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String stderrOf(Runnable r) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
