package org.ztp4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.Day0Access;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.DeviceTokens;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.RecordingListener;
import org.ztp4j.core.inventory.CsvInventory;
import org.ztp4j.dhcp.lease.LeaseFile;
import org.ztp4j.dhcp.lease.LeaseFileFormat;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;

/**
 * Who may fetch a day-0, against the running server with real clients: curl from loopback aliases
 * (its {@code --interface} picks the source address) and tftp-hpa (from 127.0.0.1, where it routes).
 * A refusal must read exactly as a missing file does, over TFTP and HTTP, and leave the device's
 * board entry untouched but for a {@code FileRefused} note.
 */
class Day0AccessIT {

    static final CsvInventory INVENTORY = CsvInventory.parse("access.csv", """
            hostname,serial,mac,platform,mgmt_address,mgmt_gateway
            leaf101,SAL1234ABCD,00:00:5e:00:53:01,nxos,192.0.2.11/24,192.0.2.1
            leaf102,SAL5678EFGH,00:00:5e:00:53:02,nxos,192.0.2.12/24,192.0.2.1
            """);
    static final Map<String, String> GLOBALS = Map.of("admin_user", "netops", "admin_password", "Tq8-Lw3v-Zr5x",
            "domain_name", "example.net");
    static final DeviceRecord LEAF101 = INVENTORY.byHostname("leaf101").orElseThrow();
    static final DeviceRecord LEAF102 = INVENTORY.byHostname("leaf102").orElseThrow();

    @TempDir
    Path dir;

    private final RecordingListener events = new RecordingListener();

    /** A dnsmasq lease file: {@code <expiry> <mac> <ip> <hostname> <client-id>} per line. */
    private Path leases(String... macAndAddress) throws Exception {
        StringBuilder b = new StringBuilder();
        long expiry = Instant.now().getEpochSecond() + 3600;
        for (int i = 0; i < macAndAddress.length; i += 2) {
            b.append(expiry).append(' ').append(macAndAddress[i]).append(' ').append(macAndAddress[i + 1]).append(" * *\n");
        }
        Path file = dir.resolve("dnsmasq.leases");
        Path next = dir.resolve("dnsmasq.leases.new");
        Files.writeString(next, b.toString());
        Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    private Processes.Result curl(String from, String url) {
        Path curl = ExternalTool.require("curl", "curl");
        return Processes.runAllowingFailure(dir, 30, curl.toString(), "-sS", "--interface", from, "-w", "\n%{http_code}", url);
    }

    @Test
    void leaseModeServesADay0OnlyToTheAddressLeasedToItsMacAndFollowsTheLeaseFile() throws Exception {
        Path leaseFile = leases("00:00:5e:00:53:01", "127.0.0.7");
        try (Provisioning ztp = Provisioning.builder().inventory(INVENTORY).globals(GLOBALS)
                .leases(LeaseFile.open(leaseFile, LeaseFileFormat.DNSMASQ)).day0Access(Day0Access.LEASE)
                .tftpPort(0).httpPort(0).listener(events).build().start()) {
            String tftp = "tftp://127.0.0.1:" + ztp.tftpAddress().getPort() + "/";
            String http = "http://127.0.0.1:" + ztp.httpAddress().getPort() + "/";

            Processes.Result refusedTftp = curl("127.0.0.2", tftp + "conf.SAL1234ABCD");
            Processes.Result missingTftp = curl("127.0.0.2", tftp + "conf.SAL0000NONE");
            assertThat(refusedTftp.exitCode()).as(refusedTftp.output()).isNotZero().isEqualTo(missingTftp.exitCode());
            assertThat(refusedTftp.stderr().replace("SAL1234ABCD", "X")).isEqualTo(missingTftp.stderr().replace("SAL0000NONE", "X"));

            Processes.Result refusedHttp = curl("127.0.0.2", http + "conf.SAL1234ABCD");
            Processes.Result missingHttp = curl("127.0.0.2", http + "conf.SAL0000NONE");
            assertThat(refusedHttp.stdout()).endsWith("\n404").isEqualTo(missingHttp.stdout());
            assertThat(curl("127.0.0.2", http + "conf.SAL1234ABCD.md5").stdout()).endsWith("\n404");

            // Nothing about leaf101 happened but the refusal: not identified, not rendered for 127.0.0.2.
            assertThat(events.of(ProvisioningEvent.ConfigRendered.class)).isEmpty();
            assertThat(events.of(ProvisioningEvent.DeviceIdentified.class)).isEmpty();
            ProvisioningEvent.FileRefused refused = events.of(ProvisioningEvent.FileRefused.class).get(0);
            assertThat(refused.device().serial()).isEqualTo(LEAF101.serial());
            assertThat(refused.client().getAddress().getHostAddress()).isEqualTo("127.0.0.2");
            assertThat(refused.reason()).isEqualTo("no DHCP lease for the address");
            assertThat(ztp.statusBoard().snapshot().stream().filter(d -> d.label().equals("leaf101")).findFirst().orElseThrow()
                    .state().name()).isNotEqualTo("FAILED");

            // The script is nobody's own: open to all.
            assertThat(curl("127.0.0.2", http + "poap.py").stdout()).endsWith("\n200");

            Processes.Result served = curl("127.0.0.7", tftp + "conf.SAL1234ABCD");
            assertThat(served.exitCode()).as(served.stderr()).isZero();
            assertThat(served.stdout()).contains("hostname leaf101");
            assertThat(curl("127.0.0.7", http + "conf.SAL1234ABCD").stdout()).contains("hostname leaf101").endsWith("\n200");
            // ... and not another device's
            assertThat(curl("127.0.0.7", http + "conf.SAL5678EFGH").stdout()).endsWith("\n404");
            assertThat(events.of(ProvisioningEvent.FileRefused.class)).anyMatch(r -> r.device().serial().equals(LEAF102.serial())
                    && r.reason().equals("not the address leased to its MAC"));

            // The DHCP server moves the lease: the file is read again and the new holder is served.
            Thread.sleep(1100); // a new modification time
            leases("00:00:5e:00:53:01", "127.0.0.2");
            assertThat(curl("127.0.0.2", http + "conf.SAL1234ABCD").stdout()).endsWith("\n200");
            assertThat(curl("127.0.0.7", http + "conf.SAL1234ABCD").stdout()).endsWith("\n404");
        }
    }

    @Test
    void leaseModeServesTftpHpaFromTheLeasedAddress() throws Exception {
        Path tftp = ExternalTool.require("tftp", "tftp-hpa");
        Path leaseFile = leases("00:00:5e:00:53:01", "127.0.0.1");
        try (Provisioning ztp = Provisioning.builder().inventory(INVENTORY).globals(GLOBALS)
                .leases(LeaseFile.open(leaseFile, LeaseFileFormat.DNSMASQ)).day0Access(Day0Access.LEASE)
                .tftpPort(0).httpPort(0).listener(events).build().start()) {
            String port = String.valueOf(ztp.tftpAddress().getPort());
            Path got = dir.resolve("got.cfg");
            Processes.Result r = Processes.runAllowingFailure(dir, 30, tftp.toString(), "-m", "binary", "127.0.0.1", port,
                    "-c", "get", "conf.SAL1234ABCD", got.toString());
            assertThat(r.output()).doesNotContain("Error");
            assertThat(Files.readString(got)).contains("hostname leaf101");

            Path other = dir.resolve("other.cfg");
            Processes.Result refused = Processes.runAllowingFailure(dir, 30, tftp.toString(), "-m", "binary", "127.0.0.1", port,
                    "-c", "get", "conf.SAL5678EFGH", other.toString());
            Processes.Result missing = Processes.runAllowingFailure(dir, 30, tftp.toString(), "-m", "binary", "127.0.0.1", port,
                    "-c", "get", "conf.SAL0000NONE", other.toString());
            assertThat(refused.output()).contains("Error code 1").isEqualTo(missing.output());
        }
    }

    @Test
    void tokenModeServesADeviceItsFilesOnlyUnderItsOwnToken() throws Exception {
        DeviceTokens tokens = DeviceTokens.hmac(DeviceTokens.keyFile(dir.resolve("state/device-token.key")));
        String own = tokens.tokenFor(LEAF101);
        String other = tokens.tokenFor(LEAF102);
        assertThat(own).matches("[a-z2-7]{26}").isNotEqualTo(other);
        try (Provisioning ztp = Provisioning.builder().inventory(INVENTORY).globals(GLOBALS).day0Access(Day0Access.TOKEN)
                .deviceTokens(tokens).tftpPort(0).httpPort(0).listener(events).build().start()) {
            String http = "http://127.0.0.1:" + ztp.httpAddress().getPort() + "/";
            String tftp = "tftp://127.0.0.1:" + ztp.tftpAddress().getPort() + "/";

            assertThat(curl("127.0.0.1", http + "conf.SAL1234ABCD").stdout())
                    .isEqualTo(curl("127.0.0.1", http + "conf.SAL0000NONE").stdout()).endsWith("\n404");
            assertThat(curl("127.0.0.1", http + "t/" + other + "/conf.SAL1234ABCD").stdout()).endsWith("\n404");
            assertThat(curl("127.0.0.1", http + "t/abcdefghijklmnopqrstuvwxyz/poap.py").stdout()).endsWith("\n404");
            assertThat(events.of(ProvisioningEvent.ConfigRendered.class)).isEmpty();
            // One event a minute per asker and device: the second refusal of leaf101's file to 127.0.0.1 is logged only.
            assertThat(events.of(ProvisioningEvent.FileRefused.class)).extracting(ProvisioningEvent.FileRefused::reason)
                    .containsExactly("no token");

            assertThat(curl("127.0.0.1", http + "t/" + own + "/conf.SAL1234ABCD").stdout()).contains("hostname leaf101")
                    .endsWith("\n200");
            Processes.Result overTftp = curl("127.0.0.1", tftp + "t/" + own + "/conf.SAL1234ABCD.md5");
            assertThat(overTftp.exitCode()).as(overTftp.stderr()).isZero();
            assertThat(overTftp.stdout()).contains("conf.SAL1234ABCD");

            // The script rendered for the device carries its token on; the shared one carries none.
            assertThat(curl("127.0.0.1", http + "t/" + own + "/poap.py").stdout()).contains("ACCESS = \"t/" + own + "/\"");
            assertThat(curl("127.0.0.1", http + "poap.py").stdout()).contains("ACCESS = \"\"").doesNotContain(own);
        }
    }

    @Test
    void theKeyFileIsMadeOnceReadableByItsOwnerAloneAndGivesTheSameTokensToEveryServer() throws Exception {
        Path key = dir.resolve("state/device-token.key");
        DeviceTokens first = DeviceTokens.hmac(DeviceTokens.keyFile(key));
        DeviceTokens second = DeviceTokens.hmac(DeviceTokens.keyFile(key));
        assertThat(java.nio.file.Files.getPosixFilePermissions(key))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertThat(second.tokenFor(LEAF101)).isEqualTo(first.tokenFor(LEAF101));
        assertThat(Files.readString(key, StandardCharsets.US_ASCII).trim()).matches("[0-9a-f]{64}");
    }
}
