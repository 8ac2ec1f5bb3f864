package org.ztp4j.dhcp.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.Lease;
import org.ztp4j.core.fuzz.Fuzzer;
import org.ztp4j.dhcp.internal.LeaseParsers;
import org.ztp4j.dhcp.lease.LeaseFile;
import org.ztp4j.dhcp.lease.LeaseFileFormat;

/**
 * The lease readers promise to skip what they cannot use with a warning, so no input may make
 * them throw. The warnings go to slf4j-simple's System.err, silenced here so 50,000 of them do not
 * flood the build log.
 */
class LeaseFileFuzzTest {

    private static final String[] COMMON = {"\n", "\r\n", ";", "{", "}", "\"", "\\", "\\000", ",", ":", " ", "#",
        "10.213.7.100", "2001:db8::5", "255.255.255.255", "74:26:cc:5c:91:80", "9999999999999999999",
        "-1", "0", "4294967295", "31556889864403199", "-31557014167219200", "*", "&#x2c"};

    private PrintStream err;

    @TempDir
    Path dir;

    @BeforeEach
    void silenceWarnings() {
        err = System.err;
        System.setErr(new PrintStream(OutputStream.nullOutputStream()));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(err);
    }

    @Test
    void iscParserNeverThrows() {
        fuzz("lease-isc", LeaseParsers::isc, "lease ", "starts ", "ends ", "ends epoch ", "ends never",
                "binding state active", "binding state free", "hardware ethernet ", "uid ", "client-hostname ",
                "2 2026/11/24 13:30:00", "ia-na ", "iaaddr ");
    }

    @Test
    void keaParserNeverThrows() {
        fuzz("lease-kea", LeaseParsers::kea, "address,", "hwaddr,", "client_id,", "valid_lifetime,", "expire,",
                "hostname,", "state", ",0,,0", "3600,1764000000,1,0,0,");
    }

    @Test
    void dnsmasqParserNeverThrows() {
        fuzz("lease-dnsmasq", LeaseParsers::dnsmasq, "duid ", "1764072000 ", "0 ", "* ", "\t");
    }

    @Test
    void leaseFileLookupsNeverThrowOnAnyFormat() throws Exception {
        Clock noon = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);
        InetAddress probe = InetAddress.getByName("10.213.7.100");
        for (LeaseFileFormat format : LeaseFileFormat.values()) {
            String corpus = "lease-" + format.name().toLowerCase(java.util.Locale.ROOT);
            Path file = dir.resolve(corpus);
            Fuzzer.target(corpus).dictionary(COMMON).iterations(1000).run(input -> {
                Files.write(file, input);
                LeaseFile leases = LeaseFile.open(file, format, noon);
                leases.find(probe);
                leases.leases().forEach(l -> assertThat(l.address()).isInstanceOf(Inet4Address.class));
            });
        }
    }

    private static void fuzz(String corpus, BiFunction<List<String>, String, Map<InetAddress, Lease>> parser,
                             String... tokens) {
        long ran = Fuzzer.target(corpus).dictionary(COMMON).dictionary(tokens).maxLength(8192).run(input -> {
            List<String> lines = new BufferedReader(new StringReader(new String(input, StandardCharsets.ISO_8859_1)))
                    .lines().toList();
            Map<InetAddress, Lease> leases = parser.apply(lines, "fuzz");
            leases.forEach((address, lease) -> {
                assertThat(lease.address()).isEqualTo(address);
                assertThat(address).isInstanceOf(Inet4Address.class);
            });
        });
        assertThat(ran).isGreaterThan(1000);
    }
}
