package org.ztp4j.platform.sonic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.BootOption;
import org.ztp4j.core.BootServers;
import org.ztp4j.core.Day0Access;
import org.ztp4j.core.DeviceAccess;
import org.ztp4j.core.DeviceIdentity;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.DeviceTokens;
import org.ztp4j.core.DhcpFingerprint;
import org.ztp4j.core.FileRequest;
import org.ztp4j.core.FileResource;
import org.ztp4j.core.LeaseLookup;
import org.ztp4j.core.PlatformContext;
import org.ztp4j.core.Protocol;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.RecordingListener;
import org.ztp4j.core.inventory.CsvInventory;
import org.ztp4j.platform.Fixtures;

/** The SONiC ZTP offer, its ZTP JSONs, the config_db day-0 and the provisioning scripts, byte for byte where it matters. */
class SonicZtpAdapterTest {

    static final String CSV = """
            hostname,serial,mac,platform,mgmt_address,mgmt_gateway
            leaf9,SNC0001A,0c:42:a1:00:00:09,sonic,192.0.2.91/24,192.0.2.1
            leaf1,SAL1234ABCD,74:26:cc:5c:91:80,nxos,192.0.2.11/24,192.0.2.1
            """;

    private final SonicZtpAdapter sonic = new SonicZtpAdapter();
    private final RecordingListener events = new RecordingListener();

    private PlatformContext context(Map<String, String> settings) {
        return context(settings, Fixtures.GLOBALS);
    }

    private PlatformContext context(Map<String, String> settings, Map<String, String> globals) {
        return new PlatformContext(CsvInventory.parse("sonic.csv", CSV), null, Fixtures.servers(), LeaseLookup.NONE, events,
                globals, settings);
    }

    private Optional<String> get(String path, Map<String, String> settings) throws IOException {
        FileRequest request = new FileRequest(path, new InetSocketAddress("192.0.2.91", 40000), Protocol.HTTP, null);
        Optional<FileResource> file = sonic.files(context(settings)).open(request);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try (var in = file.get().openStream()) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aSwitchInZtpIsRecognisedByItsBareUserClassOrItsClientId() {
        assertThat(sonic.recognises(new DhcpFingerprint(null, "SONiC-ZTP", null))).isTrue();
        assertThat(sonic.recognises(new DhcpFingerprint("Accton:AS7326-56X", null,
                "SONiC##AS7326-56X##SNC0001A".getBytes(StandardCharsets.US_ASCII)))).isTrue();
        assertThat(sonic.recognises(new DhcpFingerprint(null, "Cisco-POAP", null))).isFalse();
        assertThat(sonic.recognises(new DhcpFingerprint("Accton:AS7326-56X", null, null))).isFalse();
    }

    @Test
    void theOfferNamesTheZtpJsonInOption67AndTheBootstrapInOption239MatchedOnTheUserClass() {
        BootOffer offer = sonic.bootOffer(context(Map.of()));
        assertThat(offer.matchOption()).isEqualTo(BootOffer.USER_CLASS);
        assertThat(offer.matchPrefix()).isEqualTo("SONiC-ZTP");
        assertThat(offer.bootfile()).isEqualTo("http://192.0.2.1:8080/sonic/ztp.json");
        assertThat(offer.tftpServer()).isFalse();
        assertThat(offer.option(239)).contains(BootOption.text(239, "http://192.0.2.1:8080/sonic/bootstrap.sh"));

        BootOffer scriptOnly = sonic.bootOffer(context(Map.of("sonic.boot", "provisioning-script")));
        assertThat(scriptOnly.bootfile()).isNull();
        assertThat(scriptOnly.option(239)).isPresent();
    }

    @Test
    void withoutAnHttpServerThereIsNoOffer() {
        BootServers tftpOnly = new BootServers(Fixtures.servers().tftpServers(), 69, null, null);
        PlatformContext context = new PlatformContext(CsvInventory.parse("sonic.csv", CSV), null, tftpOnly, LeaseLookup.NONE,
                events, Fixtures.GLOBALS, Map.of());
        assertThatThrownBy(() -> sonic.bootOffer(context)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sonic needs an HTTP server");
    }

    @Test
    void badSettingsAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> sonic.bootOffer(context(Map.of("sonic.boot", "minigraph"))))
                .hasMessage("setting sonic.boot=minigraph: must be one of ztp-json, provisioning-script");
        assertThatThrownBy(() -> sonic.files(context(Map.of("sonic.image", "../etc/shadow"))))
                .hasMessageContaining("sonic.image=../etc/shadow");
    }

    @Test
    void theDay0IsAConfigDbFragmentWithTheHostNameAndTheManagementAddress() {
        String day0 = sonic.day0Config(CsvInventory.parse("sonic.csv", CSV).byHostname("leaf9").orElseThrow(), context(Map.of()));
        assertThat(day0).isEqualTo("""
                {
                    "DEVICE_METADATA": {
                        "localhost": {
                            "hostname": "leaf9"
                        }
                    },
                    "MGMT_INTERFACE": {
                        "eth0|192.0.2.91/24": {
                            "gwaddr": "192.0.2.1"
                        }
                    }
                }
                """);
    }

    @Test
    void theSharedZtpJsonSendsEverySwitchToItsOwnBySerialNumber() throws IOException {
        assertThat(get("sonic/ztp.json", Map.of())).contains("""
                {
                    "ztp": {
                        "dynamic-url": {
                            "source": {
                                "prefix": "http://192.0.2.1:8080/sonic/ztp/",
                                "identifier": "serial-number",
                                "suffix": ".json"
                            }
                        }
                    }
                }
                """);
    }

    @Test
    void eachSwitchsZtpJsonLoadsItsConfigDbThenRunsItsProvisioningScript() throws IOException {
        assertThat(get("sonic/ztp/SNC0001A.json", Map.of())).contains("""
                {
                    "ztp": {
                        "01-configdb-json": {
                            "url": "http://192.0.2.1:8080/sonic/config_db/SNC0001A.json",
                            "clear-config": false,
                            "save-config": true,
                            "halt-on-failure": true
                        },
                        "02-provisioning-script": {
                            "plugin": {
                                "url": "http://192.0.2.1:8080/sonic/provision/SNC0001A.sh",
                                "ignore-section-data": true
                            }
                        },
                        "restart-ztp-on-failure": true
                    }
                }
                """);
        assertThat(events.of(ProvisioningEvent.DeviceIdentified.class)).singleElement()
                .satisfies(e -> assertThat(e.record().hostname()).isEqualTo("leaf9"));
        assertThat(get("sonic/ztp/SNC0001A.json", Map.of("sonic.image", "sonic-broadcom.bin")).orElseThrow())
                .contains("\"reboot-on-success\": true");
    }

    @Test
    void anotherPlatformsSerialIsNotServedUnderSonicsNames() throws IOException {
        assertThat(get("sonic/config_db/SAL1234ABCD.json", Map.of())).isEmpty();
        assertThat(get("sonic/ztp/NOSUCH.json", Map.of())).isEmpty();
    }

    @Test
    void theProvisioningScriptQuotesThePasswordForTheShellAndReportsBySerial() throws IOException {
        Map<String, String> globals = Map.of("admin_user", "netops", "admin_password", "it's $(x)", "domain_name", "example.net");
        FileRequest request = new FileRequest("sonic/provision/SNC0001A.sh", new InetSocketAddress("192.0.2.91", 40000),
                Protocol.HTTP, null);
        String script;
        try (var in = sonic.files(context(Map.of(), globals)).open(request).orElseThrow().openStream()) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(script).startsWith("#!/bin/bash\n")
                .contains("REPORT=\"http://192.0.2.1:8080/sonic/report/SNC0001A\"")
                .contains("useradd -m -s /bin/bash -G sudo,docker 'netops'")
                .contains("printf '%s:%s\\n' 'netops' 'it'\\''s $(x)' | chpasswd")
                .contains("report success \"day-0 applied\"")
                .doesNotContain("sonic-installer");
    }

    @Test
    void withAnImageTheScriptChecksItsMd5AndInstallsIt() throws IOException {
        String script = get("sonic/provision/SNC0001A.sh", Map.of("sonic.image", "sonic-broadcom.bin")).orElseThrow();
        assertThat(script).contains("curl -fsS -o \"$IMAGE\" \"http://192.0.2.1:8080/sonic-broadcom.bin\"",
                "\"http://192.0.2.1:8080/sonic-broadcom.bin.md5\"", "sonic-installer install -y \"$IMAGE\"");
    }

    @Test
    void theReportEndpointIsSonicsOwn() {
        assertThat(sonic.httpPrefixes()).containsExactly("/sonic/report");
        assertThatThrownBy(() -> sonic.httpEndpoint("/ztp/report", context(Map.of())))
                .hasMessageContaining("only /sonic/report");
    }

    private PlatformContext tokenContext(Map<String, String> settings) {
        return new PlatformContext(CsvInventory.parse("sonic.csv", CSV), null, Fixtures.servers(), LeaseLookup.NONE, events,
                Fixtures.GLOBALS, settings, new DeviceAccess(Day0Access.TOKEN, DeviceTokens.random()));
    }

    @Test
    void underTokenAccessTheReservationNamesTheZtpJsonWithTheTokenAndEveryUrlRenderedForTheSwitchCarriesIt() throws IOException {
        PlatformContext context = tokenContext(Map.of());
        DeviceRecord leaf9 = context.inventory().byHostname("leaf9").orElseThrow();
        String token = context.access().tokens().tokenFor(leaf9);
        assertThat(sonic.carriesDeviceTokens()).isTrue();
        assertThat(sonic.deviceBootfile(leaf9, context)).contains(Fixtures.servers().httpUrl("t/" + token + "/sonic/ztp.json"));

        FileRequest asLeaf9 = new FileRequest("sonic/ztp.json", new InetSocketAddress("192.0.2.91", 40000), Protocol.HTTP, null)
                .withIdentity(new DeviceIdentity(leaf9.serial(), leaf9.mac(), "sonic", null, null));
        String start = read(sonic.files(context).open(asLeaf9).orElseThrow());
        assertThat(start).contains("\"prefix\": \"" + Fixtures.servers().httpUrl("t/" + token + "/sonic/ztp/") + "\"");
        FileRequest own = new FileRequest("sonic/ztp/SNC0001A.json", new InetSocketAddress("192.0.2.91", 40000), Protocol.HTTP, null);
        assertThat(read(sonic.files(context).open(own).orElseThrow())).contains(
                Fixtures.servers().httpUrl("t/" + token + "/sonic/config_db/SNC0001A.json"),
                Fixtures.servers().httpUrl("t/" + token + "/sonic/provision/SNC0001A.sh"));

        // The shared file, asked for by nobody in particular, carries no token.
        assertThat(get("sonic/ztp.json", Map.of()).orElseThrow()).contains("\"" + Fixtures.servers().httpUrl("sonic/ztp/") + "\"");
    }

    @Test
    void underTokenAccessOption239AloneIsRefusedNamingTheSwitch() {
        PlatformContext context = tokenContext(Map.of("sonic.boot", "provisioning-script"));
        DeviceRecord leaf9 = context.inventory().byHostname("leaf9").orElseThrow();
        String why = "day-0 access token needs sonic.boot=ztp-json"
                + " (option 239 is the same for every switch and cannot carry its token)";
        assertThatThrownBy(() -> sonic.deviceBootfile(leaf9, context)).hasMessage("device leaf9 (sonic): " + why);
        assertThatThrownBy(() -> sonic.day0Config(leaf9, context)).hasMessage(why);
    }

    private static String read(FileResource file) throws IOException {
        try (var in = file.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
