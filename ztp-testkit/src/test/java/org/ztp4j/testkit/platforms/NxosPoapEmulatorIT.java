package org.ztp4j.testkit.platforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.BootServers;
import org.ztp4j.core.FileProvider;
import org.ztp4j.core.PlatformContext;
import org.ztp4j.core.Protocol;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.checksum.PoapScript;
import org.ztp4j.core.files.FileProviders;
import org.ztp4j.core.files.InMemoryFileProvider;
import org.ztp4j.core.inventory.InventoryException;
import org.ztp4j.platform.nxos.NxosPoapAdapter;
import org.ztp4j.testkit.EmulatedDevice;
import org.ztp4j.testkit.SampleInventory;
import org.ztp4j.core.RecordingListener;
import org.ztp4j.server.Provisioning;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;
import org.ztp4j.tftp.TftpServer;

/**
 * Runs the served POAP script against the NX-OS model of ztp-testkit (the POAP environment, the {@code cli}
 * module, bootflash, syslog) and real servers: with python3 as NX-OS 10.3, and on Jython 2.7 as NX-OS 9.2.
 */
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

    @ParameterizedTest
    @EnumSource(EmulatedDevice.Interpreter.class)
    void scriptFetchesItsConfigBySerialOverTftpChecksItsMd5AndSchedulesIt(EmulatedDevice.Interpreter python) throws IOException {
        try (Provisioning ztp = provisioning(Map.of())) {
            EmulatedDevice device = EmulatedDevice.create(tmp, EmulatedDevice.Kind.NXOS).withInterpreter(python);
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

    private static Map<String, String> with(Map<String, String> env, String... more) {
        Map<String, String> all = new java.util.HashMap<>(env);
        for (int i = 0; i < more.length; i += 2) {
            all.put(more[i], more[i + 1]);
        }
        return all;
    }

    private Provisioning imageProvisioning(Map<String, String> settings) throws IOException {
        byte[] image = new byte[300_000];
        new Random(7).nextBytes(image);
        Files.createDirectories(tmp.resolve("root"));
        Files.write(tmp.resolve("root/nxos64-cs.10.4.3.F.bin"), image);
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put("nxos.image", "nxos64-cs.10.4.3.F.bin");
        return provisioning(all);
    }

    private List<String> flashFiles(EmulatedDevice device) throws IOException {
        try (var files = Files.list(device.flash())) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aWeakAdminPasswordStopsTheServerFromStartingNamingTheSwitchAndTheRule() {
        Map<String, String> weak = new java.util.HashMap<>(SampleInventory.GLOBALS);
        weak.put("admin_password", "S3cret!");
        assertThatThrownBy(() -> Provisioning.builder().inventory(SampleInventory.inventory()).globals(weak)
                .bind(InetAddress.getLoopbackAddress()).tftpPort(0).httpPort(0).build().start())
                .isInstanceOf(InventoryException.class)
                .hasMessageContaining("device leaf1 (nxos)")
                .hasMessageContaining("shorter than 8 characters")
                .hasMessageNotContaining("S3cret!");
    }

    @Test
    void theDay0IsDeletedFromBootflashOnceScheduledItHoldsTheAdminPassword() throws IOException {
        try (Provisioning ztp = provisioning(Map.of())) {
            EmulatedDevice device = EmulatedDevice.create(tmp, EmulatedDevice.Kind.NXOS);
            EmulatedDevice.Run run = device.run(fetchScript(ztp), poapEnv("POAP_VRF", "management"));

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(device.file("scheduled-config")).contains("password " + SampleInventory.GLOBALS.get("admin_password"));
            assertThat(flashFiles(device)).singleElement().asString().matches("\\d{14}_poap_4242_script\\.log");
            assertThat(run.output()).contains("removed the downloaded day-0 from bootflash");
        }
    }

    @Test
    void aFailedRunLeavesNoDownloadedFileBehind() throws IOException {
        try (Provisioning ztp = imageProvisioning(Map.of("nxos.required-space", "900000000", "nxos.transfer", "http"))) {
            EmulatedDevice device = EmulatedDevice.create(tmp, EmulatedDevice.Kind.NXOS);
            EmulatedDevice.Run run = device.run(fetchScript(ztp), poapEnv("POAP_VRF", "management"));

            assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
            assertThat(flashFiles(device)).singleElement().asString().endsWith("_script.log");
        }
    }

    @Test
    void everyLogLineGoesToSyslogTooPrefixedWithSerialAndMacAndWithoutPasswords() throws IOException {
        try (Provisioning ztp = provisioning(Map.of())) {
            EmulatedDevice device = EmulatedDevice.create(tmp, EmulatedDevice.Kind.NXOS);
            EmulatedDevice.Run run = device.run(fetchScript(ztp), poapEnv("POAP_VRF", "management"));

            assertThat(run.exitCode()).as(run.output()).isZero();
            List<String> syslog = device.file("syslog").lines().toList();
            assertThat(syslog).isNotEmpty().allMatch(l -> l.startsWith("9 S/N[SAL1234ABCD]-MAC[74:26:CC:5C:91:80] - "));
            assertThat(syslog).anyMatch(l -> l.endsWith("conf.SAL1234ABCD is scheduled: the switch applies it after the POAP reload"));
            assertThat(device.file("syslog")).doesNotContain(SampleInventory.GLOBALS.get("admin_password"));
        }
    }

    @Test
    void withoutASyslogModuleTheScriptLogsToItsFileAlone() throws IOException {
        try (Provisioning ztp = provisioning(Map.of())) {
            EmulatedDevice device = EmulatedDevice.create(tmp, EmulatedDevice.Kind.NXOS);
            EmulatedDevice.Run run = device.run(fetchScript(ztp), with(poapEnv("POAP_VRF", "management"), "EMULATOR_NO_SYSLOG", "1"));

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).contains("(no syslog module)");
            assertThat(device.file("syslog")).isEmpty();
        }
    }

    @Test
    void onlyTheNewestFourScriptLogsAreKeptAndPoapsOwnLogsAreLeftAlone() throws IOException {
        try (Provisioning ztp = provisioning(Map.of())) {
            EmulatedDevice device = EmulatedDevice.create(tmp, EmulatedDevice.Kind.NXOS);
            for (int day = 1; day <= 5; day++) {
                Files.writeString(device.flash().resolve("2024010" + day + "120000_poap_77_script.log"), "old\n");
            }
            Files.writeString(device.flash().resolve("20240101_120000_poap_77_init.log"), "POAP's own\n");
            EmulatedDevice.Run run = device.run(fetchScript(ztp), poapEnv("POAP_VRF", "management"));

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(flashFiles(device)).hasSize(5).contains("20240101_120000_poap_77_init.log",
                    "20240103120000_poap_77_script.log", "20240104120000_poap_77_script.log", "20240105120000_poap_77_script.log")
                    .anyMatch(n -> n.matches("\\d{14}_poap_4242_script\\.log"));
        }
    }

    @Test
    void copyRunningConfigStartupConfigIsTriedAgainEvery30SecondsWhileTheSwitchRefusesIt() throws IOException {
        try (Provisioning ztp = imageProvisioning(Map.of("nxos.transfer", "http"))) {
            EmulatedDevice device = EmulatedDevice.create(tmp, EmulatedDevice.Kind.NXOS);
            EmulatedDevice.Run run = device.run(fetchScript(ztp), with(poapEnv("POAP_VRF", "management"), "EMULATOR_SAVE_FAILURES", "2"));

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(device.commands()).containsSubsequence(
                    "cli boot nxos bootflash:nxos64-cs.10.4.3.F.bin",
                    "cli copy running-config startup-config", "sleep 30",
                    "cli copy running-config startup-config", "sleep 30",
                    "cli copy running-config startup-config",
                    "cli copy bootflash:conf.SAL1234ABCD scheduled-config");
            assertThat(device.file("startup-config")).isEqualTo("boot nxos bootflash:nxos64-cs.10.4.3.F.bin\n");
            assertThat(device.flash().resolve("nxos64-cs.10.4.3.F.bin")).exists();
        }
    }

    @Test
    void tooLittleFreeBootflashFailsClearlyBeforeTheImageIsCopied() throws IOException {
        try (Provisioning ztp = imageProvisioning(Map.of("nxos.transfer", "http"))) {
            EmulatedDevice device = EmulatedDevice.create(tmp, EmulatedDevice.Kind.NXOS);
            EmulatedDevice.Run run = device.run(fetchScript(ztp),
                    with(poapEnv("POAP_VRF", "management"), "EMULATOR_BOOTFLASH_FREE", "51200000"));

            assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
            assertThat(run.output()).contains("not enough bootflash space for nxos64-cs.10.4.3.F.bin: 50000 KB free, 100000 KB needed");
            assertThat(device.commands()).contains("cli dir bootflash:")
                    .noneMatch(c -> c.matches("cli copy \\S+/nxos64-cs.10.4.3.F.bin bootflash:.*"))
                    .noneMatch(c -> c.contains("scheduled-config"));
        }
    }

    @Test
    void aSigtermWhileTheBootVariableIsSetIsIgnoredAndTheRunCompletes() throws IOException {
        try (Provisioning ztp = imageProvisioning(Map.of("nxos.transfer", "http"))) {
            EmulatedDevice device = EmulatedDevice.create(tmp, EmulatedDevice.Kind.NXOS);
            EmulatedDevice.Run run = device.run(fetchScript(ztp), with(poapEnv("POAP_VRF", "management"), "EMULATOR_SIGTERM_AT", "boot nxos"));

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(device.commands()).containsSubsequence("cli boot nxos bootflash:nxos64-cs.10.4.3.F.bin", "signal SIGTERM",
                    "cli copy running-config startup-config", "cli copy bootflash:conf.SAL1234ABCD scheduled-config");
            assertThat(run.output()).contains("SIGTERM ignored while the boot variable is set");
        }
    }

    @Test
    void aSigtermBeforeThatStopsTheRunAndRemovesWhatItDownloaded() throws IOException {
        try (Provisioning ztp = imageProvisioning(Map.of("nxos.transfer", "http"))) {
            EmulatedDevice device = EmulatedDevice.create(tmp, EmulatedDevice.Kind.NXOS);
            EmulatedDevice.Run run = device.run(fetchScript(ztp), with(poapEnv("POAP_VRF", "management"), "EMULATOR_SIGTERM_AT", "dir bootflash:"));

            assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
            assertThat(run.output()).contains("SIGTERM: stopping and removing downloaded files");
            assertThat(device.commands()).noneMatch(c -> c.contains("boot nxos") || c.contains("scheduled-config"));
            assertThat(flashFiles(device)).singleElement().asString().endsWith("_script.log");
        }
    }

    @Test
    void overScpTheScriptCopiesFromTheScpFolderWithTheUserAndPasswordTheRealCopyCommandTakes() throws IOException {
        Map<String, String> globals = new java.util.HashMap<>(SampleInventory.GLOBALS);
        globals.put("transfer_password", "Kv6-Rq3m-Wx8");
        Path scpServer = Files.createDirectories(tmp.resolve("scp-server"));
        try (Provisioning ztp = Provisioning.builder().inventory(SampleInventory.inventory()).globals(globals)
                .settings(Map.of("nxos.transfer", "scp", "nxos.transfer-user", "poap", "nxos.scp-folder", "/srv/poap"))
                .root(Files.createDirectories(tmp.resolve("root")))
                .bind(InetAddress.getLoopbackAddress()).tftpPort(0).httpPort(0).listener(events).build().start()) {
            // What the operator puts on the scp server: the rendered day-0, in the scp folder.
            Path folder = Files.createDirectories(scpServer.resolve("srv/poap"));
            Files.writeString(folder.resolve("conf.SAL1234ABCD"), ztp.day0Config("nxos", SampleInventory.bySerial(SERIAL)));
            EmulatedDevice device = EmulatedDevice.create(tmp, EmulatedDevice.Kind.NXOS);
            EmulatedDevice.Run run = device.run(fetchScript(ztp),
                    with(poapEnv("POAP_VRF", "management"), "EMULATOR_SCP_ROOT", scpServer.toString()));

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(device.commands()).containsSubsequence("cli terminal dont-ask", "cli terminal password Kv6-Rq3m-Wx8",
                    "cli copy scp://poap@127.0.0.1/srv/poap/conf.SAL1234ABCD bootflash:conf.SAL1234ABCD.part vrf management");
            assertThat(device.file("scheduled-config")).contains("hostname leaf1");
            assertThat(run.output()).doesNotContain("Kv6-Rq3m-Wx8");
        }
    }

    @Test
    void scpUsesCiscosDefaultFolderWhenNoneIsSet() throws IOException {
        Map<String, String> globals = new java.util.HashMap<>(SampleInventory.GLOBALS);
        globals.put("transfer_password", "Kv6-Rq3m-Wx8");
        try (Provisioning ztp = Provisioning.builder().inventory(SampleInventory.inventory()).globals(globals)
                .settings(Map.of("nxos.transfer", "scp", "nxos.transfer-user", "poap"))
                .bind(InetAddress.getLoopbackAddress()).tftpPort(0).httpPort(0).build().start()) {
            EmulatedDevice device = EmulatedDevice.create(tmp, EmulatedDevice.Kind.NXOS);
            EmulatedDevice.Run run = device.run(fetchScript(ztp), poapEnv("POAP_VRF", "management"));

            assertThat(run.exitCode()).as("no scp server in this test").isEqualTo(1);
            assertThat(device.commands()).contains(
                    "cli copy scp://poap@127.0.0.1/var/lib/tftpboot/conf.SAL1234ABCD bootflash:conf.SAL1234ABCD.part vrf management");
            assertThat(run.output()).contains("no scp server in this test");
        }
    }

    @Test
    void onJythonAsNxos92TheImageOptInRetriesTheSaveAndIgnoresSigtermToo() throws IOException {
        try (Provisioning ztp = imageProvisioning(Map.of("nxos.transfer", "http"))) {
            EmulatedDevice device = EmulatedDevice.create(tmp, EmulatedDevice.Kind.NXOS).withInterpreter(EmulatedDevice.Interpreter.JYTHON);
            assertThat(device.release()).isEqualTo("9.2(4)");
            EmulatedDevice.Run run = device.run(fetchScript(ztp), with(with(poapEnv("POAP_VRF", "management"),
                    "EMULATOR_SAVE_FAILURES", "1"), "EMULATOR_SIGTERM_AT", "boot nxos"));

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).contains("SIGTERM ignored while the boot variable is set");
            assertThat(device.commands()).containsSubsequence("cli dir bootflash:", "cli boot nxos bootflash:nxos64-cs.10.4.3.F.bin",
                    "signal SIGTERM", "cli copy running-config startup-config", "sleep 30", "cli copy running-config startup-config",
                    "cli copy bootflash:conf.SAL1234ABCD scheduled-config");
            assertThat(device.file("syslog")).contains("is scheduled");
            assertThat(flashFiles(device)).contains("nxos64-cs.10.4.3.F.bin").noneMatch(n -> n.startsWith("conf."));
        }
    }

    @Test
    void theModelRefusesAReleaseOnTheWrongPython() throws IOException {
        try (Provisioning ztp = provisioning(Map.of())) {
            EmulatedDevice device = EmulatedDevice.create(tmp, EmulatedDevice.Kind.NXOS).withRelease("9.2(4)");
            EmulatedDevice.Run run = device.run(fetchScript(ztp), poapEnv("POAP_VRF", "management"));

            assertThat(run.exitCode()).isNotZero();
            assertThat(run.output()).contains("NX-OS 9.2(4) runs POAP scripts on Python 2");
        }
    }
}
