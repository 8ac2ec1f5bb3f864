package org.ztp4j.testkit.platforms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.DhcpFingerprint;
import org.ztp4j.core.PlatformAdapter;
import org.ztp4j.core.PlatformAdapters;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.ProvisioningListener;
import org.ztp4j.core.inventory.CsvInventory;
import org.ztp4j.platform.eos.EosZtpAdapter;
import org.ztp4j.server.Provisioning;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;

/** The EOS adapter plugs in through ServiceLoader alone and is served by a real Provisioning facade. */
class EosZtpAdapterIT {

    private static final String INVENTORY = """
            hostname,serial,platform,mgmt_address,mgmt_gateway
            spine1,JPE12345678,eos,198.51.100.11/24,198.51.100.1
            leaf1,SAL1234ABCD,nxos,198.51.100.21/24,198.51.100.1
            """;

    @TempDir
    Path tmp;

    @Test
    void serviceLoaderFindsTheCustomAdapterBesideTheBundledOnes() {
        assertThat(PlatformAdapters.discover()).extracting(PlatformAdapter::id).contains("eos", "nxos", "ios", "iosxe");
        assertThat(PlatformAdapters.byId(PlatformAdapters.discover(), "eos")).get().isInstanceOf(EosZtpAdapter.class);
        assertThat(new EosZtpAdapter().recognises(new DhcpFingerprint("Arista;DCS-7050TX-64", null, null))).isTrue();
        assertThat(new EosZtpAdapter().recognises(new DhcpFingerprint("ciscopnp", null, null))).isFalse();
    }

    @Test
    void aRunningProvisioningServesTheBootstrapAndTheDay0OverHttpToCurl() throws IOException {
        Path curl = ExternalTool.require("curl", "curl");
        java.util.List<ProvisioningEvent> events = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        ProvisioningListener listener = events::add;
        try (Provisioning ztp = Provisioning.builder()
                .inventory(CsvInventory.parse("eos.csv", INVENTORY))
                .globals(Map.of("admin_user", "netops", "admin_password", "Tq8-Lw3v-Zr5", "domain_name", "example.net"))
                .tftpPort(0).httpPort(0)
                .listener(listener)
                .build().start()) {
            BootOffer offer = ztp.bootOffer("eos");
            assertThat(offer.matchOption()).isEqualTo(BootOffer.VENDOR_CLASS);
            assertThat(offer.bootfile()).isEqualTo("http://127.0.0.1:" + ztp.httpAddress().getPort() + "/eos/bootstrap");

            Path bootstrap = tmp.resolve("bootstrap");
            Processes.run(tmp, curl.toString(), "-sSf", "-o", bootstrap.toString(), offer.bootfile());
            String script = Files.readString(bootstrap, StandardCharsets.UTF_8);
            assertThat(script).startsWith("#!/usr/bin/env python\n")
                    .contains("DAY0 = \"http://127.0.0.1:" + ztp.httpAddress().getPort() + "/eos/day0\"");
            Processes.run(tmp, ExternalTool.require("python3", "python3").toString(), "-m", "py_compile", bootstrap.toString());

            Path day0 = tmp.resolve("day0.cfg");
            Processes.run(tmp, curl.toString(), "-sSf", "-o", day0.toString(),
                    "http://127.0.0.1:" + ztp.httpAddress().getPort() + "/eos/day0/JPE12345678.cfg");
            // the first line gives the bootstrap the device's token for its report; the rest is the day-0
            assertThat(Files.readString(day0, StandardCharsets.UTF_8))
                    .matches("(?s)! ztp4j-device-token [A-Za-z0-9_-]+\n.*")
                    .endsWith(ztp.day0Config("eos", ztp.context().inventory().byHostname("spine1").orElseThrow()))
                    .contains("hostname spine1\n", "interface Management1\n   ip address 198.51.100.11/24\n",
                            "ip route 0.0.0.0/0 198.51.100.1\n");

            Processes.Result md5 = Processes.run(tmp, curl.toString(), "-sSf",
                    "http://127.0.0.1:" + ztp.httpAddress().getPort() + "/eos/day0/JPE12345678.cfg.md5");
            assertThat(md5.stdout()).matches("[0-9a-f]{32}  JPE12345678\\.cfg\n");

            assertThat(events).anyMatch(e -> e instanceof ProvisioningEvent.DeviceIdentified d && d.record().hostname().equals("spine1"));
        }
    }
}
