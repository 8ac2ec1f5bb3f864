package org.ztp4j.platform.cumulus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.BootOption;
import org.ztp4j.core.BootServers;
import org.ztp4j.core.DhcpFingerprint;
import org.ztp4j.core.FileRequest;
import org.ztp4j.core.FileResource;
import org.ztp4j.core.LeaseLookup;
import org.ztp4j.core.PlatformContext;
import org.ztp4j.core.Protocol;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.RecordingListener;
import org.ztp4j.core.http.HttpHeaders;
import org.ztp4j.core.inventory.CsvInventory;
import org.ztp4j.platform.Fixtures;

/** The Cumulus Linux offer, the script chosen by the switch's header fields, and its NVUE day-0. */
class CumulusZtpAdapterTest {

    static final String CSV = """
            hostname,serial,mac,platform,mgmt_address,mgmt_gateway
            spine9,MT2222X00009,1c:34:da:00:00:09,cumulus,192.0.2.99/24,192.0.2.1
            leaf1,SAL1234ABCD,74:26:cc:5c:91:80,nxos,192.0.2.11/24,192.0.2.1
            """;

    private final CumulusZtpAdapter cumulus = new CumulusZtpAdapter();
    private final RecordingListener events = new RecordingListener();

    private PlatformContext context(Map<String, String> settings) {
        return context(settings, Fixtures.GLOBALS);
    }

    private PlatformContext context(Map<String, String> settings, Map<String, String> globals) {
        return new PlatformContext(CsvInventory.parse("cumulus.csv", CSV), null, Fixtures.servers(), LeaseLookup.NONE, events,
                globals, settings);
    }

    private Optional<String> get(String path, Map<String, String> headers, Map<String, String> settings) throws IOException {
        Map<String, List<String>> fields = new java.util.LinkedHashMap<>();
        headers.forEach((k, v) -> fields.put(k, List.of(v)));
        FileRequest request = new FileRequest(path, new InetSocketAddress("192.0.2.150", 40000), Protocol.HTTP, null,
                HttpHeaders.of(fields));
        Optional<FileResource> file = cumulus.files(context(settings)).open(request);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try (var in = file.get().openStream()) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aSwitchIsRecognisedByItsVendorClass() {
        assertThat(cumulus.recognises(new DhcpFingerprint("cumulus-linux x86_64", null, null))).isTrue();
        assertThat(cumulus.recognises(new DhcpFingerprint("Arista", null, null))).isFalse();
    }

    @Test
    void theOfferCarriesTheScriptUrlInOption239MatchedOnOption60() {
        BootOffer offer = cumulus.bootOffer(context(Map.of()));
        assertThat(offer.matchOption()).isEqualTo(BootOffer.VENDOR_CLASS);
        assertThat(offer.matchPrefix()).isEqualTo("cumulus-linux");
        assertThat(offer.bootfile()).isNull();
        assertThat(offer.options()).containsExactly(BootOption.text(239, "http://192.0.2.1:8080/cumulus/ztp.sh"));
        BootServers tftpOnly = new BootServers(Fixtures.servers().tftpServers(), 69, null, null);
        PlatformContext noHttp = new PlatformContext(CsvInventory.parse("c.csv", CSV), null, tftpOnly, LeaseLookup.NONE, events,
                Fixtures.GLOBALS, Map.of());
        assertThatThrownBy(() -> cumulus.bootOffer(noHttp)).hasMessageContaining("cumulus needs an HTTP server");
    }

    @Test
    void theScriptIsTheDay0OfTheSwitchNamedByItsSerialHeader() throws IOException {
        String script = get("cumulus/ztp.sh", Map.of("CUMULUS-SERIAL", "MT2222X00009", "CUMULUS-ARCH", "x86_64"), Map.of())
                .orElseThrow();
        assertThat(script).isEqualTo("""
                #!/bin/bash
                # CUMULUS-AUTOPROVISIONING
                # ztp4j reachability day-0 for spine9 (NVIDIA Cumulus Linux ZTP, NVUE): host name, eth0's
                # address and gateway, an admin user; SSH is on by default. Exit 0 marks ZTP complete.
                REPORT="http://192.0.2.1:8080/cumulus/report/MT2222X00009"

                report() {
                    curl -sS -m 30 -X POST -H 'Content-Type: application/json' -H 'ZTP4J-Device-Token: TOKEN' \\
                        --data "{\\"status\\": \\"$1\\", \\"message\\": \\"$2\\"}" "$REPORT" \\
                        || ip vrf exec mgmt curl -sS -m 30 -X POST -H 'Content-Type: application/json' -H 'ZTP4J-Device-Token: TOKEN' \\
                            --data "{\\"status\\": \\"$1\\", \\"message\\": \\"$2\\"}" "$REPORT" || true
                }

                error() {
                    # the line number only: a failed command may hold the admin password
                    echo "ztp4j: the ZTP script failed at line $BASH_LINENO" >&2
                    report failure "the ZTP script failed at line $BASH_LINENO"
                    exit 1
                }
                trap error ERR

                nv set system hostname spine9
                nv set interface eth0 ip address 192.0.2.99/24
                nv set interface eth0 ip gateway 192.0.2.1
                nv set system aaa user 'netops' role system-admin
                nv set system aaa user 'netops' password 'Tq8-Lw3v-Zr5'
                nv config apply -y
                nv config save
                trap - ERR

                report success "day-0 applied"
                exit 0
                """.replace("TOKEN", org.ztp4j.core.DeviceAccess.open().tokens().tokenFor(
                        CsvInventory.parse("c.csv", CSV).byHostname("spine9").orElseThrow())));
        assertThat(events.of(ProvisioningEvent.DeviceIdentified.class)).singleElement()
                .satisfies(e -> assertThat(e.how()).isEqualTo("CUMULUS-SERIAL MT2222X00009"));
    }

    @Test
    void withoutAKnownSerialTheManagementMacNamesTheSwitch() throws IOException {
        assertThat(get("cumulus/ztp.sh", Map.of("CUMULUS-SERIAL", "UNKNOWN1", "CUMULUS-MGMT-MAC", "1C:34:DA:00:00:09"), Map.of()))
                .hasValueSatisfying(s -> assertThat(s).contains("nv set system hostname spine9\n"));
        assertThat(events.of(ProvisioningEvent.DeviceIdentified.class)).singleElement()
                .satisfies(e -> assertThat(e.how()).isEqualTo("CUMULUS-MGMT-MAC 1C:34:DA:00:00:09"));
    }

    @Test
    void aRequestThatNamesNoCumulusSwitchGetsNothing() throws IOException {
        assertThat(get("cumulus/ztp.sh", Map.of(), Map.of())).isEmpty();
        assertThat(get("cumulus/ztp.sh", Map.of("CUMULUS-SERIAL", "SAL1234ABCD"), Map.of())).as("an NX-OS switch's serial").isEmpty();
        assertThat(get("cumulus/ztp.sh", Map.of("CUMULUS-SERIAL", "no such/serial"), Map.of())).isEmpty();
    }

    @Test
    void theScriptIsServedByNameToo() throws IOException {
        assertThat(get("cumulus/ztp/MT2222X00009.sh", Map.of(), Map.of())).hasValueSatisfying(s -> assertThat(s)
                .contains("# CUMULUS-AUTOPROVISIONING\n", "nv set system hostname spine9\n"));
        assertThat(get("cumulus/ztp/SAL1234ABCD.sh", Map.of(), Map.of())).isEmpty();
    }

    @Test
    void aPasswordThePolicyRefusesIsAnErrorNamingTheDeviceAndTheRuleNeverThePassword() {
        Map<String, String> weak = Map.of("admin_user", "netops", "admin_password", "lettuce1");
        PlatformContext context = context(Map.of(), weak);
        var device = CsvInventory.parse("c.csv", CSV).byHostname("spine9").orElseThrow();
        assertThatThrownBy(() -> cumulus.day0Config(device, context))
                .hasMessage("admin_password for spine9 would be refused by Cumulus Linux's password policy: no upper case letter, "
                        + "no special character (or set cumulus.password-hardening=false)");
        for (String path : new String[] {"cumulus/ztp.sh", "cumulus/ztp/MT2222X00009.sh"}) {
            FileRequest request = new FileRequest(path, new InetSocketAddress("192.0.2.150", 40000), Protocol.HTTP, null,
                    HttpHeaders.of(Map.of("CUMULUS-SERIAL", List.of("MT2222X00009"))));
            assertThatThrownBy(() -> cumulus.files(context).open(request)).as(path).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("cannot serve " + path + ": admin_password for spine9 would be refused")
                    .hasMessageNotContaining("lettuce1");
        }
        String relaxed = cumulus.day0Config(device, context(Map.of("cumulus.password-hardening", "false"), weak));
        assertThat(relaxed).contains("nv set system security password-hardening state disabled\n"
                + "nv set system aaa user 'netops' role system-admin\n");
    }

    @Test
    void anImageNeedsItsReleaseAndIsStagedWithOnieInstallAfterAnMd5Check() throws IOException {
        assertThatThrownBy(() -> get("cumulus/ztp.sh", Map.of("CUMULUS-SERIAL", "MT2222X00009"),
                Map.of("cumulus.image", "cumulus-linux-5.11.0-mlx-amd64.bin")))
                .hasMessageContaining("cumulus.image=cumulus-linux-5.11.0-mlx-amd64.bin needs cumulus.release");
        String script = get("cumulus/ztp.sh", Map.of("CUMULUS-SERIAL", "MT2222X00009"),
                Map.of("cumulus.image", "cumulus-linux-5.11.0-mlx-amd64.bin", "cumulus.release", "5.11.0")).orElseThrow();
        assertThat(script).contains("!= \"5.11.0\" ]",
                "\"http://192.0.2.1:8080/cumulus-linux-5.11.0-mlx-amd64.bin.md5\"",
                "/usr/cumulus/bin/onie-install -fa -i \"$WORK/image.bin\" -z \"http://192.0.2.1:8080/cumulus/ztp.sh\"");
        assertThatThrownBy(() -> cumulus.files(context(Map.of("cumulus.release", "five"))))
                .hasMessageContaining("cumulus.release=five");
    }
}
