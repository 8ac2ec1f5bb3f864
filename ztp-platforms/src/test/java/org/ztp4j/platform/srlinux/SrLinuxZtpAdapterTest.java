package org.ztp4j.platform.srlinux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.BootServers;
import org.ztp4j.core.Day0Access;
import org.ztp4j.core.DeviceAccess;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.DeviceTokens;
import org.ztp4j.core.DhcpFingerprint;
import org.ztp4j.core.FileRequest;
import org.ztp4j.core.FileResource;
import org.ztp4j.core.Inventory;
import org.ztp4j.core.Lease;
import org.ztp4j.core.LeaseLookup;
import org.ztp4j.core.MacAddress;
import org.ztp4j.core.PlatformContext;
import org.ztp4j.core.Protocol;
import org.ztp4j.core.ProvisioningListener;
import org.ztp4j.core.SerialNumber;
import org.ztp4j.core.inventory.CsvInventory;
import org.ztp4j.platform.DeviceReportHandler;
import org.ztp4j.platform.Fixtures;

/** The SR Linux offers, each node's own provisioning script and the day-0 it pipes to sr_cli. */
class SrLinuxZtpAdapterTest {

    static final String CSV = """
            hostname,serial,mac,platform,mgmt_address,mgmt_gateway
            dcleaf7,NS2220T0007,1a:b0:07:ff:00:00,srlinux,192.0.2.77/24,192.0.2.1
            leaf1,SAL1234ABCD,74:26:cc:5c:91:80,nxos,192.0.2.11/24,192.0.2.1
            """;
    static final Inventory INVENTORY = CsvInventory.parse("srlinux.csv", CSV);
    static final DeviceRecord NODE = INVENTORY.bySerial(SerialNumber.of("NS2220T0007")).orElseThrow();

    private final SrLinuxZtpAdapter srlinux = new SrLinuxZtpAdapter();

    private static PlatformContext context(Map<String, String> settings, Map<String, String> globals) {
        LeaseLookup leases = address -> address.getHostAddress().equals("198.51.100.77")
                ? Optional.of(new Lease(address, MacAddress.parse("1a:b0:07:ff:00:00"), null, null, null)) : Optional.empty();
        return new PlatformContext(INVENTORY, null, Fixtures.servers(), leases, ProvisioningListener.NONE, globals, settings);
    }

    private static PlatformContext context(Map<String, String> settings) {
        return context(settings, Fixtures.GLOBALS);
    }

    private Optional<String> get(String path, String from, PlatformContext context) throws IOException {
        FileRequest request = new FileRequest(path, new InetSocketAddress(from, 40000), Protocol.HTTP, null);
        Optional<FileResource> file = srlinux.files(context).open(request);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try (var in = file.get().openStream()) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aNodeIsRecognisedByANokiaVendorClass() {
        assertThat(srlinux.recognises(new DhcpFingerprint("NOKIA: 7220 IXR-D2", null, null))).isTrue();
        assertThat(srlinux.recognises(new DhcpFingerprint("cumulus-linux x86_64", null, null))).isFalse();
        assertThat(srlinux.recognises(new DhcpFingerprint(null, null, null))).isFalse();
    }

    @Test
    void theClassOfferNamesTheSharedScriptAndEachReservationTheNodesOwn() {
        BootOffer offer = srlinux.bootOffer(context(Map.of()));
        assertThat(offer.matchOption()).isEqualTo(BootOffer.VENDOR_CLASS);
        assertThat(offer.matchPrefix()).isEqualTo("NOKIA");
        assertThat(offer.bootfile()).isEqualTo("http://192.0.2.1:8080/srlinux/provision.py");
        assertThat(offer.tftpServer()).isFalse();
        assertThat(srlinux.bootOffer(context(Map.of("srlinux.vendor-class", "Nokia SRL"))).matchPrefix()).isEqualTo("Nokia SRL");
        assertThat(srlinux.deviceBootfile(NODE, context(Map.of())))
                .contains("http://192.0.2.1:8080/srlinux/provision/NS2220T0007.py");
    }

    @Test
    void underTokenAccessTheReservationsScriptUrlCarriesTheToken() {
        assertThat(srlinux.carriesDeviceTokens()).isTrue();
        DeviceTokens tokens = DeviceTokens.hmac(new byte[32]);
        PlatformContext token = new PlatformContext(INVENTORY, null, Fixtures.servers(), LeaseLookup.NONE, ProvisioningListener.NONE,
                Fixtures.GLOBALS, Map.of(), new DeviceAccess(Day0Access.TOKEN, tokens));
        String own = srlinux.deviceBootfile(NODE, token).orElseThrow();
        assertThat(own).isEqualTo("http://192.0.2.1:8080/" + tokens.pathPrefix(NODE) + "srlinux/provision/NS2220T0007.py");
        assertThat(srlinux.day0Config(NODE, token)).contains("TOKEN = \"" + tokens.tokenFor(NODE) + "\"");
    }

    @Test
    void withoutAnHttpServerThereIsNoOffer() {
        BootServers tftpOnly = new BootServers(Fixtures.servers().tftpServers(), 69, null, null);
        PlatformContext noHttp = new PlatformContext(INVENTORY, null, tftpOnly, LeaseLookup.NONE, ProvisioningListener.NONE,
                Fixtures.GLOBALS, Map.of());
        assertThatThrownBy(() -> srlinux.bootOffer(noHttp)).hasMessageContaining("srlinux needs an HTTP server");
    }

    @Test
    void theScriptPipesTheReachabilityDay0ToSrCliInACandidateAndReportsWithItsToken() {
        String script = srlinux.day0Config(NODE, context(Map.of()));
        assertThat(script).startsWith("#!/usr/bin/env python3\n")
                .contains("REPORT = \"http://192.0.2.1:8080/srlinux/report/NS2220T0007\"")
                .contains("\"ZTP4J-Device-Token\": TOKEN")
                .contains("CANDIDATE = \"enter candidate private name ztp4j\"\n")
                .contains("    CANDIDATE,\n"
                        + "    \"discard stay\",\n"
                        + "    \"set / system name host-name dcleaf7\",\n"
                        + "    \"delete / interface mgmt0 subinterface 0 ipv4 dhcp-client\",\n")
                .contains("\"set / interface mgmt0 subinterface 0 ipv4 address 192.0.2.77/24\",\n")
                .contains("\"set / network-instance mgmt next-hop-groups group ztp4j-mgmt-gateway nexthop 1 ip-address 192.0.2.1\",\n"
                        + "    \"set / network-instance mgmt static-routes route 0.0.0.0/0 next-hop-group ztp4j-mgmt-gateway\",\n")
                .contains("\"set / system aaa authentication admin-user password \\\"Tq8-Lw3v-Zr5\\\"\",\n"
                        + "    \"set / system aaa authentication user netops password \\\"Tq8-Lw3v-Zr5\\\"\",\n"
                        + "    \"set / system ssh-server network-instance mgmt admin-state enable\",\n"
                        + "    \"commit save\",\n")
                .contains("client.option_autoboot(ztpclient.ZtpStatus.disable)")
                .contains("sr_cli([CANDIDATE, \"discard now\"])")
                .doesNotContain("image_upgrade");
    }

    @Test
    void theBuiltInAdminGetsItsPasswordAsAdminUser() {
        Map<String, String> globals = new HashMap<>(Fixtures.GLOBALS);
        globals.put("admin_user", "admin");
        assertThat(srlinux.day0Config(NODE, context(Map.of(), globals)))
                .contains("\"set / system aaa authentication admin-user password \\\"Tq8-Lw3v-Zr5\\\"\",\n")
                .doesNotContain("authentication user ");
    }

    @Test
    void aReservedUserOrAPasswordThatIsNotOneCliWordIsRefusedNamingTheDevice() {
        Map<String, String> globals = new HashMap<>(Fixtures.GLOBALS);
        globals.put("admin_user", "linuxadmin");
        assertThatThrownBy(() -> srlinux.day0Config(NODE, context(Map.of(), globals)))
                .hasMessageContaining("admin_user for dcleaf7").hasMessageContaining("reserved");
        globals.put("admin_user", "netops");
        globals.put("admin_password", "two words");
        assertThatThrownBy(() -> srlinux.day0Config(NODE, context(Map.of(), globals)))
                .hasMessageContaining("admin_password for dcleaf7").hasMessageNotContaining("two words");
        globals.put("admin_password", "quo\"te");
        assertThatThrownBy(() -> srlinux.day0Config(NODE, context(Map.of(), globals))).hasMessageContaining("quotes");
    }

    @Test
    void anImageIsInstalledByTheZtpProcessAfterItsMd5CheckOnAnotherRelease() {
        String script = srlinux.day0Config(NODE, context(Map.of("srlinux.image", "srlinux-24.10.1.bin", "srlinux.release", "24.10.1")));
        assertThat(script).contains("IMAGE = \"http://192.0.2.1:8080/srlinux-24.10.1.bin\"", "RELEASE = \"24.10.1\"",
                "client.image_upgrade(IMAGE, IMAGE + \".md5\")");
        assertThatThrownBy(() -> srlinux.day0Config(NODE, context(Map.of("srlinux.image", "srlinux-24.10.1.bin"))))
                .hasMessageContaining("srlinux.image=srlinux-24.10.1.bin needs srlinux.release");
        assertThatThrownBy(() -> srlinux.day0Config(NODE, context(Map.of("srlinux.image", "x.bin", "srlinux.release", "latest"))))
                .hasMessageContaining("srlinux.release");
    }

    @Test
    void theScriptIsValidPython(@TempDir Path tmp) throws Exception {
        for (Map<String, String> settings : java.util.List.of(Map.<String, String>of(),
                Map.of("srlinux.image", "srlinux-24.10.1.bin", "srlinux.release", "24.10.1"))) {
            Path script = tmp.resolve("provision.py");
            Files.writeString(script, srlinux.day0Config(NODE, context(settings)));
            Process p = new ProcessBuilder("python3", "-m", "py_compile", script.toString()).redirectErrorStream(true).start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        }
    }

    @Test
    void eachNodeGetsItsOwnScriptByNameAndBySharedNameFromItsLeasedAddressOnly() throws IOException {
        PlatformContext context = context(Map.of());
        String own = get("srlinux/provision/NS2220T0007.py", "198.51.100.9", context).orElseThrow();
        assertThat(own).isEqualTo(srlinux.day0Config(NODE, context));
        assertThat(get("srlinux/provision.py", "198.51.100.77", context)).contains(own);
        assertThat(get("srlinux/provision.py", "198.51.100.9", context)).isEmpty();
        assertThat(get("srlinux/provision/SAL1234ABCD.py", "198.51.100.9", context)).isEmpty();
        FileRequest shared = new FileRequest("srlinux/provision.py", new InetSocketAddress("198.51.100.77", 40000), Protocol.HTTP, null);
        assertThat(srlinux.identify(shared, context)).contains(NODE);
    }

    @Test
    void reportsAreTakenAtSrlinuxReport() {
        assertThat(srlinux.httpPrefixes()).containsExactly("/srlinux/report");
        assertThat(srlinux.httpEndpoint("/srlinux/report", context(Map.of()))).isInstanceOf(DeviceReportHandler.class);
        assertThatThrownBy(() -> srlinux.httpEndpoint("/other", context(Map.of()))).hasMessageContaining("only /srlinux/report");
    }
}
