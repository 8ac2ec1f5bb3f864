package org.ztp4j.testkit.platforms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.BootServers;
import org.ztp4j.core.FileProvider;
import org.ztp4j.core.PlatformContext;
import org.ztp4j.core.Protocol;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.checksum.PoapScript;
import org.ztp4j.core.files.FileProviders;
import org.ztp4j.core.files.InMemoryFileProvider;
import org.ztp4j.platform.nxos.NxosPoapAdapter;
import org.ztp4j.testkit.EmulatedDevice;
import org.ztp4j.testkit.SampleInventory;
import org.ztp4j.core.RecordingListener;
import org.ztp4j.server.Provisioning;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;
import org.ztp4j.tftp.TftpServer;

/** Runs the served POAP script with python3 against a fake NX-OS cli module and real servers. */
class NxosPoapEmulatorIT {

    private static final String SERIAL = "SAL1234ABCD";

    @TempDir
    Path tmp;

    private final RecordingListener events = new RecordingListener();

    private Provisioning provisioning(Map<String, String> settings) throws IOException {
        Path root = Files.createDirectories(tmp.resolve("root"));
        return Provisioning.builder()
                .inventory(SampleInventory.inventory())
                .globals(SampleInventory.GLOBALS)
                .settings(settings)
                .root(root)
                .bind(InetAddress.getLoopbackAddress()).tftpPort(0).httpPort(0)
                .listener(events)
                .build().start();
    }

    /** Fetches the script over TFTP with curl, as the switch does, and checks its MD5 as the switch does. */
    private byte[] fetchScript(Provisioning ztp) throws IOException {
        Path curl = ExternalTool.require("curl", "curl");
        Path out = tmp.resolve("poap.py");
        Processes.run(tmp, curl.toString(), "-sS", "-o", out.toString(),
                "tftp://127.0.0.1:" + ztp.tftpAddress().getPort() + "/poap.py");
        byte[] script = Files.readAllBytes(out);
        assertThat(PoapScript.verify(script).status()).isEqualTo(PoapScript.Status.OK);
        return script;
    }

    private static Map<String, String> poapEnv(String extraKey, String extraValue) {
        return Map.of("POAP_SERIAL", SERIAL, "POAP_MAC", "7426CC5C9180", "POAP_PHASE", "DHCP", "POAP_PID", "4242",
                "POAP_INTF", "mgmt0", "POAP_HOST_NAME", "leaf1", extraKey, extraValue);
    }

    @Test
    void scriptFetchesItsConfigBySerialOverTftpChecksItsMd5AndSchedulesIt() throws IOException {
        try (Provisioning ztp = provisioning(Map.of())) {
            EmulatedDevice device = EmulatedDevice.create(tmp, "nxos");
            EmulatedDevice.Run run = device.run(fetchScript(ztp), poapEnv("POAP_VRF", "management"));

            assertThat(run.exitCode()).as(run.output()).isZero();
            String server = "tftp://127.0.0.1:" + ztp.tftpAddress().getPort();
            assertThat(device.commands()).containsSubsequence(
                    "cli copy " + server + "/conf.SAL1234ABCD.md5 bootflash:conf.SAL1234ABCD.md5.part vrf management",
                    "cli copy " + server + "/conf.SAL1234ABCD bootflash:conf.SAL1234ABCD.part vrf management",
                    "cli copy bootflash:conf.SAL1234ABCD scheduled-config");
            assertThat(device.file("scheduled-config"))
                    .isEqualTo(ztp.day0Config("nxos", SampleInventory.bySerial(SERIAL)))
                    .contains("hostname leaf1").contains("ip address 192.0.2.11/24");
            assertThat(run.output()).contains("MD5 of conf.SAL1234ABCD verified");
            try (var logs = Files.list(device.flash())) {
                assertThat(logs.map(p -> p.getFileName().toString()))
                        .anyMatch(n -> n.matches("\\d{14}_poap_4242_script\\.log"));
            }
            assertThat(events.of(ProvisioningEvent.FileServed.class))
                    .filteredOn(e -> e.protocol() == Protocol.TFTP)
                    .extracting(ProvisioningEvent.FileServed::path)
                    .contains("poap.py", "conf.SAL1234ABCD.md5", "conf.SAL1234ABCD");
            assertThat(events.of(ProvisioningEvent.DeviceIdentified.class))
                    .anyMatch(e -> e.record().hostname().equals("leaf1"));
        }
    }

    @Test
    void macModeOverHttpAsksForConfMacCfgInThePoapVrf() throws IOException {
        try (Provisioning ztp = provisioning(Map.of("nxos.mode", "mac", "nxos.transfer", "http"))) {
            EmulatedDevice device = EmulatedDevice.create(tmp, "nxos");
            EmulatedDevice.Run run = device.run(fetchScript(ztp), poapEnv("POAP_VRF", "default"));

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(device.commands()).contains("cli copy http://127.0.0.1:" + ztp.httpAddress().getPort()
                    + "/conf_7426CC5C9180.cfg bootflash:conf_7426CC5C9180.cfg.part vrf default");
            assertThat(device.file("scheduled-config")).contains("hostname leaf1");
            assertThat(events.of(ProvisioningEvent.FileServed.class))
                    .anyMatch(e -> e.protocol() == Protocol.HTTP && e.path().contains("conf_7426CC5C9180.cfg"));
        }
    }

    @Test
    void hostnameModeAsksForConfHostnameCfg() throws IOException {
        try (Provisioning ztp = provisioning(Map.of("nxos.mode", "hostname", "nxos.vrf", "management"))) {
            EmulatedDevice device = EmulatedDevice.create(tmp, "nxos");
            EmulatedDevice.Run run = device.run(fetchScript(ztp), poapEnv("POAP_VRF", "default"));

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(device.commands()).anyMatch(c -> c.matches("cli copy tftp://\\S+/conf_leaf1.cfg bootflash:conf_leaf1.cfg.part vrf management"));
            assertThat(device.file("scheduled-config")).contains("hostname leaf1");
        }
    }

    @Test
    void theImageOptInDownloadsAndVerifiesTheImageThenSetsTheBootVariable() throws IOException {
        byte[] image = new byte[300_000];
        new Random(7).nextBytes(image);
        Files.createDirectories(tmp.resolve("root"));
        Files.write(tmp.resolve("root/nxos64-cs.10.4.3.F.bin"), image);
        try (Provisioning ztp = provisioning(Map.of("nxos.image", "nxos64-cs.10.4.3.F.bin", "nxos.transfer", "http"))) {
            EmulatedDevice device = EmulatedDevice.create(tmp, "nxos");
            EmulatedDevice.Run run = device.run(fetchScript(ztp), poapEnv("POAP_VRF", "management"));

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(Files.readAllBytes(device.flash().resolve("nxos64-cs.10.4.3.F.bin"))).isEqualTo(image);
            String server = "http://127.0.0.1:" + ztp.httpAddress().getPort();
            assertThat(device.commands()).containsSubsequence(
                    "cli copy " + server + "/conf.SAL1234ABCD bootflash:conf.SAL1234ABCD.part vrf management",
                    "cli copy " + server + "/nxos64-cs.10.4.3.F.bin.md5 bootflash:nxos64-cs.10.4.3.F.bin.md5.part vrf management",
                    "cli copy " + server + "/nxos64-cs.10.4.3.F.bin bootflash:nxos64-cs.10.4.3.F.bin.part vrf management",
                    "cli boot nxos bootflash:nxos64-cs.10.4.3.F.bin",
                    "cli copy running-config startup-config",
                    "cli copy bootflash:conf.SAL1234ABCD scheduled-config");
            assertThat(run.output()).contains("MD5 of nxos64-cs.10.4.3.F.bin verified");
        }
    }

    @Test
    void overHttpsWithIgnoreCertificateTheScriptFetchesFromTheHttpsServer() throws IOException {
        org.ztp4j.http.TlsConfig tls = org.ztp4j.http.TlsConfig.selfSigned(Files.createDirectories(tmp.resolve("tls")), "127.0.0.1");
        try (Provisioning ztp = Provisioning.builder()
                .inventory(SampleInventory.inventory()).globals(SampleInventory.GLOBALS)
                .settings(Map.of("nxos.transfer", "https", "nxos.https-ignore-certificate", "true"))
                .tftpPort(0).httpPort(0).https(tls, 0)
                .listener(events)
                .build().start()) {
            assertThat(ztp.bootServers().httpsBase()).hasToString("https://127.0.0.1:" + ztp.httpsAddress().getPort());
            EmulatedDevice device = EmulatedDevice.create(tmp, "nxos");
            EmulatedDevice.Run run = device.run(fetchScript(ztp), poapEnv("POAP_VRF", "management"));

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(device.commands()).contains("cli copy https://127.0.0.1:" + ztp.httpsAddress().getPort()
                    + "/conf.SAL1234ABCD bootflash:conf.SAL1234ABCD.part ignore-certificate vrf management");
            assertThat(device.file("scheduled-config")).contains("hostname leaf1");
            assertThat(events.of(ProvisioningEvent.FileServed.class))
                    .anyMatch(e -> e.protocol() == Protocol.HTTPS && e.path().contains("conf.SAL1234ABCD"));
        }
    }

    @Test
    void aWrongMd5SidecarMakesTheScriptFailAndScheduleNothing() throws IOException {
        AtomicReference<FileProvider> files = new AtomicReference<>(r -> Optional.empty());
        try (TftpServer tftp = TftpServer.builder().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .fileProvider(r -> files.get().open(r)).build().start()) {
            BootServers servers = new BootServers(List.of(InetAddress.getLoopbackAddress()), tftp.port(), null, null);
            PlatformContext context = new PlatformContext(SampleInventory.inventory(), null, servers, null, events, SampleInventory.GLOBALS, Map.of());
            NxosPoapAdapter nxos = new NxosPoapAdapter();
            InMemoryFileProvider forged = new InMemoryFileProvider()
                    .put("conf.SAL1234ABCD.md5", "md5sum=0123456789abcdef0123456789abcdef\n".getBytes(StandardCharsets.US_ASCII));
            files.set(FileProviders.chain(forged, nxos.files(context)));

            EmulatedDevice device = EmulatedDevice.create(tmp, "nxos");
            EmulatedDevice.Run run = device.run(nxos.script(context), poapEnv("POAP_VRF", "management"));

            assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
            assertThat(run.output()).contains("its sidecar says 0123456789abcdef0123456789abcdef");
            assertThat(device.file("scheduled-config")).isEmpty();
            assertThat(device.commands()).noneMatch(c -> c.contains("scheduled-config"));
            assertThat(device.flash().resolve("conf.SAL1234ABCD")).doesNotExist();
        }
    }

    @Test
    void aSwitchMissingFromTheInventoryFailsAndSchedulesNothing() throws IOException {
        try (Provisioning ztp = provisioning(Map.of())) {
            EmulatedDevice device = EmulatedDevice.create(tmp, "nxos");
            Map<String, String> env = new java.util.HashMap<>(poapEnv("POAP_VRF", "management"));
            env.put("POAP_SERIAL", "SAL0000NONE");
            EmulatedDevice.Run run = device.run(fetchScript(ztp), env);

            assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
            assertThat(run.output()).contains("cannot download conf.SAL0000NONE");
            assertThat(device.file("scheduled-config")).isEmpty();
        }
    }
}
