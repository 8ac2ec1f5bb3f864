package org.ztp4j.platform.pnp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.BootServers;
import org.ztp4j.core.LeaseLookup;
import org.ztp4j.core.PlatformContext;
import org.ztp4j.core.Protocol;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.RecordingListener;
import org.ztp4j.core.http.EndpointRequest;
import org.ztp4j.core.http.EndpointResponse;
import org.ztp4j.core.http.HttpEndpoint;
import org.ztp4j.core.inventory.CsvInventory;

/**
 * The PnP server's side of the exchange, message by message: what it answers HELLO, each work
 * request and each work response, byte for byte where the device reads it.
 */
class PnpEndpointTest {

    static final String UDI = "PID:C9300-24T,VID:V02,SN:FOC2233X0PN";
    static final CsvInventory INVENTORY = CsvInventory.parse("pnp.csv", """
            hostname,serial,mac,platform,mgmt_address,mgmt_gateway,mgmt_vrf,mgmt_interface
            access9,FOC2233X0PN,,pnp,192.0.2.39/24,192.0.2.1,,
            access1,FOC2222X0BB,,iosxe,192.0.2.31/24,192.0.2.1,,
            """);

    private final RecordingListener events = new RecordingListener();

    private PlatformContext context(Map<String, String> settings) {
        BootServers servers = new BootServers(List.of(ip("192.0.2.1")), 69, URI.create("http://192.0.2.1:8080"),
                URI.create("https://192.0.2.1:8443"));
        return new PlatformContext(INVENTORY, null, servers, LeaseLookup.NONE, events,
                Map.of("admin_user", "netops", "admin_password", "Tq8-Lw3v-Zr5", "domain_name", "example.net"), settings);
    }

    private static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static EndpointResponse call(HttpEndpoint e, String method, String path, String body, Protocol protocol) throws Exception {
        return e.handle(new EndpointRequest(method, path, null, null, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                new InetSocketAddress(ip("192.0.2.200"), 40000), protocol));
    }

    static String workRequest(String udi, String correlator) {
        return "<pnp xmlns=\"urn:cisco:pnp\" version=\"1.0\" udi=\"" + udi + "\">"
                + "<info xmlns=\"urn:cisco:pnp:work-info\" correlator=\"" + correlator + "\"><deviceId><udi>" + udi + "</udi>"
                + "<hostname>Switch</hostname><authRequired>false</authRequired><viaProxy>false</viaProxy></deviceId></info></pnp>";
    }

    static String workResponse(String udi, String correlator, String service, boolean success, String inner) {
        return "<pnp xmlns=\"urn:cisco:pnp\" version=\"1.0\" udi=\"" + udi + "\"><response correlator=\"" + correlator
                + "\" success=\"" + (success ? 1 : 0) + "\" xmlns=\"urn:cisco:pnp:" + service + "\">" + inner + "</response></pnp>";
    }

    private static String text(EndpointResponse r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void helloIsAnEmpty200() throws Exception {
        HttpEndpoint e = new PnpAdapter().httpEndpoint("/pnp", context(Map.of()));
        EndpointResponse hello = call(e, "GET", "/pnp/HELLO", null, Protocol.HTTP);
        assertThat(hello.status()).isEqualTo(200);
        assertThat(hello.body()).isEmpty();
        assertThat(call(e, "POST", "/pnp/HELLO", "", Protocol.HTTP).status()).isEqualTo(405);
        assertThat(call(e, "GET", "/pnp/WORK-REQUEST", null, Protocol.HTTP).status()).isEqualTo(405);
        assertThat(call(e, "GET", "/pnp/OTHER", null, Protocol.HTTP).status()).isEqualTo(404);
    }

    @Test
    void aKnownDeviceGetsDeviceInfoThenItsDay0ThenATerminatingBackoffEachWithItsOwnCorrelator() throws Exception {
        HttpEndpoint e = new PnpAdapter().httpEndpoint("/pnp", context(Map.of()));

        EndpointResponse first = call(e, "POST", "/pnp/WORK-REQUEST", workRequest(UDI, "CiscoPnP-1.0-1465-25A1212C"), Protocol.HTTP);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.headers()).containsEntry("Content-Type", "application/xml; charset=utf-8");
        assertThat(text(first)).isEqualTo("""
                <?xml version="1.0" encoding="UTF-8"?>
                <pnp xmlns="urn:cisco:pnp" version="1.0" udi="PID:C9300-24T,VID:V02,SN:FOC2233X0PN">\
                <request xmlns="urn:cisco:pnp:device-info" correlator="CiscoPnP-1.0-1465-25A1212C">\
                <deviceInfo type="all"/></request></pnp>
                """);
        EndpointResponse bye = call(e, "POST", "/pnp/WORK-RESPONSE", workResponse(UDI, "CiscoPnP-1.0-1465-25A1212C", "device-info", true,
                "<imageInfo><versionString>17.9.4a</versionString><imageFile>flash:packages.conf</imageFile></imageInfo>"), Protocol.HTTP);
        assertThat(text(bye)).isEqualTo("""
                <?xml version="1.0" encoding="UTF-8"?>
                <pnp xmlns="urn:cisco:pnp" version="1.0" udi="PID:C9300-24T,VID:V02,SN:FOC2233X0PN">\
                <info xmlns="urn:cisco:pnp:work-info" correlator="CiscoPnP-1.0-1465-25A1212C"><workInfo><bye/></workInfo></info></pnp>
                """);

        EndpointResponse config = call(e, "POST", "/pnp/WORK-REQUEST", workRequest(UDI, "CiscoPnP-1.0-1466-25A1212D"), Protocol.HTTPS);
        assertThat(text(config)).isEqualTo("""
                <?xml version="1.0" encoding="UTF-8"?>
                <pnp xmlns="urn:cisco:pnp" version="1.0" udi="PID:C9300-24T,VID:V02,SN:FOC2233X0PN">\
                <request xmlns="urn:cisco:pnp:config-upgrade" correlator="CiscoPnP-1.0-1466-25A1212D">\
                <config details="all"><copy><source><location>https://192.0.2.1:8443/ztp/pnp/FOC2233X0PN.cfg</location></source>\
                <applyTo>running</applyTo></copy></config><noReload/><abortOnSyntaxFault/></request></pnp>
                """);
        assertThat(events.of(ProvisioningEvent.DeviceReported.class)).isEmpty();
        call(e, "POST", "/pnp/WORK-RESPONSE", workResponse(UDI, "CiscoPnP-1.0-1466-25A1212D", "config-upgrade", true, ""), Protocol.HTTPS);

        assertThat(events.of(ProvisioningEvent.DeviceReported.class)).singleElement().satisfies(r -> {
            assertThat(r.success()).isTrue();
            assertThat(r.device().serial().value()).isEqualTo("FOC2233X0PN");
            assertThat(r.device().platform()).isEqualTo("pnp");
        });
        assertThat(events.of(ProvisioningEvent.DeviceReachable.class)).singleElement()
                .satisfies(r -> assertThat(r.address().getHostAddress()).isEqualTo("192.0.2.39"));

        EndpointResponse end = call(e, "POST", "/pnp/WORK-REQUEST", workRequest(UDI, "CiscoPnP-1.0-1467-1"), Protocol.HTTP);
        assertThat(text(end)).contains("<request xmlns=\"urn:cisco:pnp:backoff\" correlator=\"CiscoPnP-1.0-1467-1\">"
                + "<backoff><reason>provisioning complete</reason><terminate/></backoff></request>");
    }

    @Test
    void anUnknownSerialAndADeviceOfAnotherPlatformGetABackoffAndLeaveNoTrace() throws Exception {
        HttpEndpoint e = new PnpAdapter().httpEndpoint("/pnp", context(Map.of("pnp.backoff-minutes", "75")));
        for (String udi : List.of("PID:C9300-24T,VID:V02,SN:NOBODY12345", "PID:C9300-24T,VID:V02,SN:FOC2222X0BB")) {
            EndpointResponse r = call(e, "POST", "/pnp/WORK-REQUEST", workRequest(udi, "c-1"), Protocol.HTTP);
            assertThat(text(r)).contains("<request xmlns=\"urn:cisco:pnp:backoff\" correlator=\"c-1\"><backoff><reason>not in the "
                    + "inventory</reason><callbackAfter><hours>1</hours><minutes>15</minutes><seconds>0</seconds></callbackAfter>"
                    + "</backoff></request>");
            assertThat(call(e, "POST", "/pnp/WORK-RESPONSE", workResponse(udi, "c-1", "backoff", true, ""), Protocol.HTTP).status())
                    .isEqualTo(409);
        }
        assertThat(events.all()).isEmpty();
    }

    @Test
    void aWrongCorrelatorOrServiceIsNotTakenAsSuccess() throws Exception {
        HttpEndpoint e = new PnpAdapter().httpEndpoint("/pnp", context(Map.of()));
        call(e, "POST", "/pnp/WORK-REQUEST", workRequest(UDI, "real-1"), Protocol.HTTP);
        call(e, "POST", "/pnp/WORK-RESPONSE", workResponse(UDI, "real-1", "device-info", true, ""), Protocol.HTTP);
        call(e, "POST", "/pnp/WORK-REQUEST", workRequest(UDI, "real-2"), Protocol.HTTP);

        EndpointResponse forged = call(e, "POST", "/pnp/WORK-RESPONSE", workResponse(UDI, "forged-9", "config-upgrade", true, ""), Protocol.HTTP);
        assertThat(forged.status()).isEqualTo(409);
        assertThat(text(forged)).contains("forged-9", "real-2");
        EndpointResponse other = call(e, "POST", "/pnp/WORK-RESPONSE", workResponse(UDI, "real-2", "image-install", true, ""), Protocol.HTTP);
        assertThat(other.status()).isEqualTo(409);
        assertThat(events.of(ProvisioningEvent.DeviceReported.class)).isEmpty();

        // the real answer still counts afterwards
        assertThat(call(e, "POST", "/pnp/WORK-RESPONSE", workResponse(UDI, "real-2", "config-upgrade", true, ""), Protocol.HTTP).status())
                .isEqualTo(200);
        assertThat(events.of(ProvisioningEvent.DeviceReported.class)).singleElement().satisfies(r -> assertThat(r.success()).isTrue());
    }

    @Test
    void aFailedStepIsReportedAndRetriedAfterABackoff() throws Exception {
        HttpEndpoint e = new PnpAdapter().httpEndpoint("/pnp", context(Map.of()));
        call(e, "POST", "/pnp/WORK-REQUEST", workRequest(UDI, "a"), Protocol.HTTP);
        call(e, "POST", "/pnp/WORK-RESPONSE", workResponse(UDI, "a", "device-info", true, ""), Protocol.HTTP);
        call(e, "POST", "/pnp/WORK-REQUEST", workRequest(UDI, "b"), Protocol.HTTP);
        call(e, "POST", "/pnp/WORK-RESPONSE", workResponse(UDI, "b", "config-upgrade", false,
                "<errorInfo><errorSeverity>ERROR</errorSeverity><errorCode>PnP Service Error 1402</errorCode>"
                        + "<errorMessage>Invalid input detected</errorMessage></errorInfo>"), Protocol.HTTP);

        assertThat(events.of(ProvisioningEvent.DeviceReported.class)).singleElement().satisfies(r -> {
            assertThat(r.success()).isFalse();
            assertThat(r.message()).isEqualTo("PnP config-upgrade failed: Invalid input detected");
        });
        assertThat(text(call(e, "POST", "/pnp/WORK-REQUEST", workRequest(UDI, "c"), Protocol.HTTP)))
                .contains("urn:cisco:pnp:backoff", "<minutes>5</minutes>");
        assertThat(text(call(e, "POST", "/pnp/WORK-REQUEST", workRequest(UDI, "d"), Protocol.HTTP)))
                .contains("urn:cisco:pnp:config-upgrade\" correlator=\"d\"");
    }

    @Test
    void anImageIsInstalledWithItsChecksumWhenTheDeviceRunsAnotherAndCheckedAfterTheReload() throws Exception {
        String md5 = "0123456789ABCDEF0123456789abcdef";
        HttpEndpoint e = new PnpAdapter().httpEndpoint("/pnp", context(Map.of("pnp.image", "cat9k_iosxe.17.09.05.SPA.bin",
                "pnp.image-md5", md5, "pnp.apply-to", "startup")));
        call(e, "POST", "/pnp/WORK-REQUEST", workRequest(UDI, "a"), Protocol.HTTP);
        call(e, "POST", "/pnp/WORK-RESPONSE", workResponse(UDI, "a", "device-info", true,
                "<imageInfo><imageFile>flash:packages.conf</imageFile></imageInfo>"), Protocol.HTTP);
        assertThat(text(call(e, "POST", "/pnp/WORK-REQUEST", workRequest(UDI, "b"), Protocol.HTTP))).contains(
                "<request xmlns=\"urn:cisco:pnp:image-install\" correlator=\"b\"><image><copy><source>"
                        + "<location>http://192.0.2.1:8080/cat9k_iosxe.17.09.05.SPA.bin</location>"
                        + "<checksum>0123456789abcdef0123456789abcdef</checksum></source><destination>"
                        + "<location>flash:cat9k_iosxe.17.09.05.SPA.bin</location></destination></copy></image>"
                        + "<reload><reason>image installed</reason><delayIn>0</delayIn><user>ztp4j</user>"
                        + "<saveConfig>false</saveConfig></reload></request>");
        call(e, "POST", "/pnp/WORK-RESPONSE", workResponse(UDI, "b", "image-install", true, ""), Protocol.HTTP);
        assertThat(text(call(e, "POST", "/pnp/WORK-REQUEST", workRequest(UDI, "c"), Protocol.HTTP))).contains("urn:cisco:pnp:device-info");
        call(e, "POST", "/pnp/WORK-RESPONSE", workResponse(UDI, "c", "device-info", true,
                "<imageInfo><imageFile>flash:cat9k_iosxe.17.09.05.SPA.bin</imageFile></imageInfo>"), Protocol.HTTP);
        assertThat(text(call(e, "POST", "/pnp/WORK-REQUEST", workRequest(UDI, "d"), Protocol.HTTP))).contains(
                "<applyTo>startup</applyTo></copy></config><reload><reason>day-0 configuration applied to startup-config</reason>");
    }

    @Test
    void malformedAndEntityBodiesAreRefusedWithoutTouchingAnything() throws Exception {
        HttpEndpoint e = new PnpAdapter().httpEndpoint("/pnp", context(Map.of()));
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE pnp [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<pnp xmlns=\"urn:cisco:pnp\" version=\"1.0\" udi=\"" + UDI + "\"><info xmlns=\"urn:cisco:pnp:work-info\" "
                + "correlator=\"&x;\"/></pnp>";
        EndpointResponse refused = call(e, "POST", "/pnp/WORK-REQUEST", xxe, Protocol.HTTP);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(text(refused)).contains("DOCTYPE").doesNotContain("root:");
        String billion = "<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]><p>&b;</p>";
        assertThat(call(e, "POST", "/pnp/WORK-REQUEST", billion, Protocol.HTTP).status()).isEqualTo(400);
        assertThat(call(e, "POST", "/pnp/WORK-REQUEST", "<pnp", Protocol.HTTP).status()).isEqualTo(400);
        assertThat(text(call(e, "POST", "/pnp/WORK-REQUEST", "<other/>", Protocol.HTTP))).contains("<pnp xmlns=\"urn:cisco:pnp\">");
        assertThat(text(call(e, "POST", "/pnp/WORK-REQUEST", workRequest("PID:X,VID:V1", "c"), Protocol.HTTP))).contains("no SN");
        assertThat(call(e, "POST", "/pnp/WORK-REQUEST", workResponse(UDI, "c", "device-info", true, ""), Protocol.HTTP).status())
                .isEqualTo(400);
        assertThat(e.maxBodyBytes()).isEqualTo(64 * 1024);
        assertThat(events.all()).isEmpty();
    }

    @Test
    void whatTheDeviceSentIsEscapedWhereItIsEchoed() throws Exception {
        HttpEndpoint e = new PnpAdapter().httpEndpoint("/pnp", context(Map.of()));
        String udi = "PID:C9300&amp;24T,VID:V&quot;2,SN:FOC2233X0PN";
        String r = text(call(e, "POST", "/pnp/WORK-REQUEST", workRequest(udi, "a&lt;b&quot;c&apos;"), Protocol.HTTP));
        assertThat(r).contains("udi=\"PID:C9300&amp;24T,VID:V&quot;2,SN:FOC2233X0PN\"", "correlator=\"a&lt;b&quot;c&apos;\"");
    }

    @Test
    void option43NamesTheHttpOrHttpsServerForDevicesSendingCiscopnp() {
        PnpAdapter pnp = new PnpAdapter();
        BootOffer http = pnp.bootOffer(context(Map.of()));
        assertThat(http.matchOption()).isEqualTo(BootOffer.VENDOR_CLASS);
        assertThat(http.matchPrefix()).isEqualTo("ciscopnp");
        assertThat(http.bootfile()).isNull();
        assertThat(http.tftpServer()).isFalse();
        assertThat(new String(http.option(43).orElseThrow().encode(), StandardCharsets.US_ASCII)).isEqualTo("5A1N;B2;K4;I192.0.2.1;J8080");
        BootOffer https = pnp.bootOffer(context(Map.of("pnp.transport", "https")));
        assertThat(new String(https.option(43).orElseThrow().encode(), StandardCharsets.US_ASCII)).isEqualTo("5A1N;B2;K5;I192.0.2.1;J8443");
    }

    @Test
    void anImageWithoutItsChecksumIsRefusedWhenTheServerStarts() {
        PnpAdapter pnp = new PnpAdapter();
        assertThatThrownBy(() -> pnp.files(context(Map.of("pnp.image", "x.bin"))))
                .hasMessageStartingWith("setting pnp.image=x.bin: needs pnp.image-md5");
        assertThatThrownBy(() -> pnp.files(context(Map.of("pnp.image-md5", "0123456789abcdef0123456789abcdef"))))
                .hasMessage("setting pnp.image-md5: given without pnp.image");
    }

    @Test
    void theDay0IsServedByTheSerialInItsPathAndRendersTheIosXeReachabilityDay0() throws Exception {
        PnpAdapter pnp = new PnpAdapter();
        PlatformContext ctx = context(Map.of());
        var file = pnp.files(ctx).open(new org.ztp4j.core.FileRequest("ztp/pnp/FOC2233X0PN.cfg",
                new InetSocketAddress(ip("192.0.2.200"), 40000), Protocol.HTTP, org.ztp4j.core.DeviceIdentity.unknown()));
        assertThat(file).isPresent();
        String day0 = new String(file.get().openStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(day0).startsWith("! ztp4j reachability day-0 for access9 (Cisco IOS-XE)\nhostname access9\n")
                .contains("interface GigabitEthernet0/0\n vrf forwarding Mgmt-vrf\n ip address 192.0.2.39 255.255.255.0\n");
        assertThat(pnp.files(ctx).open(new org.ztp4j.core.FileRequest("ztp/pnp/FOC2222X0BB.cfg",
                new InetSocketAddress(ip("192.0.2.200"), 40000), Protocol.HTTP, org.ztp4j.core.DeviceIdentity.unknown())))
                .as("an IOS-XE ZTP device's day-0 is not served under the PnP name").isEmpty();
    }
}
