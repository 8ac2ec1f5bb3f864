package org.ztp4j.platform.junos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.BootOption;
import org.ztp4j.core.BootServers;
import org.ztp4j.core.DhcpFingerprint;
import org.ztp4j.core.FileProvider;
import org.ztp4j.core.FileRequest;
import org.ztp4j.core.FileResource;
import org.ztp4j.core.Inventory;
import org.ztp4j.core.Lease;
import org.ztp4j.core.LeaseLookup;
import org.ztp4j.core.MacAddress;
import org.ztp4j.core.PlatformContext;
import org.ztp4j.core.Protocol;
import org.ztp4j.core.ProvisioningListener;
import org.ztp4j.core.inventory.CsvInventory;
import org.ztp4j.platform.internal.Sha512Crypt;

/** Junos ZTP: recognition, option 43 per setting, the day-0 with its password hashes, and the config by client address. */
class JunosZtpAdapterTest {

    static final Inventory INVENTORY = CsvInventory.parse("junos.csv", """
            hostname,serial,mac,platform,mgmt_address,mgmt_gateway,mgmt_interface
            qfx1,WS3718350001,2c:6b:f5:00:00:01,junos,192.0.2.41/24,192.0.2.1,
            ex1,PE3714100218,2c:6b:f5:00:00:02,junos,192.0.2.42/24,192.0.2.1,me0
            leaf1,SAL1234ABCD,74:26:cc:5c:91:80,nxos,192.0.2.11/24,192.0.2.1,
            """);
    /** The DHCP server's leases: the devices boot with pool addresses, not their management ones. */
    static final LeaseLookup LEASES = address -> Optional.ofNullable(Map.of(
                    "198.51.100.41", "2c:6b:f5:00:00:01", "198.51.100.42", "2c:6b:f5:00:00:02", "198.51.100.11", "74:26:cc:5c:91:80")
            .get(address.getHostAddress()))
            .map(mac -> new Lease(address, MacAddress.parse(mac), null, null, null));
    static final Map<String, String> GLOBALS = Map.of("admin_user", "netops", "admin_password", "Tq8-Lw3v-Zr5");

    final JunosZtpAdapter junos = new JunosZtpAdapter();

    static PlatformContext context(Map<String, String> settings, Map<String, String> globals, String http) throws Exception {
        BootServers servers = new BootServers(List.of(InetAddress.getByName("192.0.2.1")), 69, http == null ? null : URI.create(http), null);
        return new PlatformContext(INVENTORY, null, servers, LEASES, ProvisioningListener.NONE, globals, settings);
    }

    @Test
    void recognisesJunipersVendorClassOnly() {
        assertThat(junos.recognises(new DhcpFingerprint("Juniper-ex2300-c-12t-HV3620330123", null, null))).isTrue();
        assertThat(junos.recognises(new DhcpFingerprint("Juniper", null, null))).isFalse();
        assertThat(junos.recognises(new DhcpFingerprint("Arista;DCS-7050", null, null))).isFalse();
    }

    @Test
    void option43NamesTheConfigAndTheTransferModeAndTheServerGoesIn150And66() throws Exception {
        BootOffer tftp = junos.bootOffer(context(Map.of(), GLOBALS, "http://192.0.2.1:8080"));
        assertThat(tftp.matchOption()).isEqualTo(BootOffer.VENDOR_CLASS);
        assertThat(tftp.matchPrefix()).isEqualTo("Juniper-");
        assertThat(tftp.tftpServer()).isTrue();
        assertThat(tftp.bootfile()).isNull();
        assertThat(tftp.option(43)).get().extracting(BootOption::hex)
                .isEqualTo("01" + "0e" + hex("junos/ztp.conf") + "03" + "04" + hex("tftp"));

        BootOffer http = junos.bootOffer(context(Map.of("junos.transfer", "http", "junos.image", "junos-arm-32-18.1R3.3.tgz"),
                GLOBALS, "http://192.0.2.1:8080"));
        assertThat(http.option(43).orElseThrow().toString())
                .isEqualTo("option 43 sub-options 0=\"junos-arm-32-18.1R3.3.tgz\" 1=\"junos/ztp.conf\" 3=\"http\" 5=\"8080\"");
    }

    @Test
    void httpFromAnotherAddressThanOption150IsRefusedNamingBoth() {
        assertThatThrownBy(() -> junos.bootOffer(context(Map.of("junos.transfer", "http"), GLOBALS, "http://192.0.2.9:8080")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("192.0.2.1").hasMessageContaining("192.0.2.9");
        assertThatThrownBy(() -> junos.bootOffer(context(Map.of("junos.transfer", "http"), GLOBALS, null)))
                .hasMessageContaining("needs an HTTP server");
        assertThatThrownBy(() -> junos.bootOffer(context(Map.of("junos.transfer", "ftp"), GLOBALS, null)))
                .hasMessageContaining("junos.transfer");
    }

    @Test
    void theDay0IsJunosHierarchyWithCryptHashesNotThePassword() throws Exception {
        PlatformContext context = context(Map.of(), GLOBALS, null);
        String day0 = junos.day0Config(INVENTORY.byHostname("qfx1").orElseThrow(), context);
        assertThat(day0).contains("    host-name qfx1;\n", "        user netops {\n            class super-user;\n",
                "    em0 {\n        unit 0 {\n            family inet {\n                address 192.0.2.41/24;\n",
                "routing-options {\n    static {\n        route 0.0.0.0/0 next-hop 192.0.2.1;\n", "    services {\n        ssh;\n")
                .doesNotContain("Tq8-Lw3v-Zr5").doesNotContain("mgmt_junos").doesNotContain("{{");
        String hash = day0.replaceAll("(?s).*user netops.*?encrypted-password \"([^\"]+)\".*", "$1");
        String salt = hash.split("\\$")[2];
        assertThat(hash).isEqualTo(Sha512Crypt.hash("Tq8-Lw3v-Zr5", salt));
        assertThat(junos.day0Config(INVENTORY.byHostname("qfx1").orElseThrow(), context)).as("the same on every render").isEqualTo(day0);
        assertThat(junos.day0Config(INVENTORY.byHostname("ex1").orElseThrow(), context)).as("the device's own interface, its own salt")
                .contains("    me0 {\n").doesNotContain("$6$" + salt + "$");
        long braces = day0.chars().filter(c -> c == '{').count();
        assertThat(day0.chars().filter(c -> c == '}').count()).isEqualTo(braces);
    }

    @Test
    void theManagementInstanceAndGivenHashes() throws Exception {
        Map<String, String> globals = new HashMap<>(GLOBALS);
        String given = Sha512Crypt.hash("other", "abcdefgh");
        globals.put("root_password_hash", given);
        String day0 = junos.day0Config(INVENTORY.byHostname("qfx1").orElseThrow(),
                context(Map.of("junos.management-instance", "true"), globals, null));
        assertThat(day0).contains("    management-instance;\n", "routing-instances {\n    mgmt_junos {\n",
                "root-authentication {\n        encrypted-password \"" + given + "\";");
        globals.put("root_password_hash", "secret-in-clear");
        assertThatThrownBy(() -> junos.day0Config(INVENTORY.byHostname("qfx1").orElseThrow(), context(Map.of(), globals, null)))
                .hasMessageContaining("root_password_hash for qfx1").hasMessageNotContaining("secret-in-clear");
    }

    @Test
    void theSharedConfigNameIsEachDevicesOwnDay0ByItsAddressAndNoOtherPlatformsDevice() throws Exception {
        PlatformContext context = context(Map.of(), GLOBALS, null);
        FileProvider files = junos.files(context);
        assertThat(read(files, "junos/ztp.conf", "198.51.100.42")).contains("host-name ex1;");
        assertThat(read(files, "junos/ztp.conf", "198.51.100.41")).contains("host-name qfx1;");
        assertThat(files.open(request("junos/ztp.conf", "198.51.100.11"))).as("an NX-OS device's lease").isEmpty();
        assertThat(files.open(request("junos/ztp.conf", "192.0.2.41"))).as("merely qfx1's future management address").isEmpty();
        assertThat(read(files, "junos/day0/WS3718350001.conf", "198.51.100.7")).contains("host-name qfx1;");
        assertThat(read(files, "junos/ztp.conf.md5", "198.51.100.41")).matches("[0-9a-f]{32}  ztp\\.conf\n");
        assertThat(junos.identify(request("junos/ztp.conf", "192.0.2.41"), context)).isEmpty();
        assertThat(junos.identify(request("junos/ztp.conf", "198.51.100.41"), context)).get()
                .extracting(d -> d.hostname()).isEqualTo("qfx1");
    }

    @Test
    void scriptModeNamesTheScriptWithoutTheImageAndNeedsAnHttpServer() throws Exception {
        Map<String, String> script = Map.of("junos.ztp-file", "script", "junos.image", "junos-arm-32-23.4R2.13.tgz");
        assertThat(junos.bootOffer(context(script, GLOBALS, "http://192.0.2.1:8080")).option(43).orElseThrow().toString())
                .as("sub-option 0 would have Junos install it unchecked").isEqualTo("option 43 sub-options 1=\"junos/ztp.sh\" 3=\"tftp\"");
        assertThatThrownBy(() -> junos.bootOffer(context(script, GLOBALS, null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("junos.ztp-file=script needs an HTTP server");
        assertThatThrownBy(() -> junos.bootOffer(context(Map.of("junos.ztp-file", "slax"), GLOBALS, null)))
                .hasMessageContaining("junos.ztp-file");
        assertThat(junos.httpPrefixes()).containsExactly(JunosZtpAdapter.REPORT_PREFIX);
    }

    @Test
    void scriptModeServesTheScriptAndTheDay0BySerialWithItsTokenLineFirst() throws Exception {
        PlatformContext context = context(Map.of("junos.ztp-file", "script", "junos.image", "junos-arm-32-23.4R2.13.tgz"), GLOBALS,
                "http://192.0.2.1:8080");
        FileProvider files = junos.files(context);
        String script = read(files, "junos/ztp.sh", "198.51.100.7");
        assertThat(script).startsWith("#!/bin/sh\n").contains("FILES=\"http://192.0.2.1:8080/\"\n",
                "REPORT=\"http://192.0.2.1:8080/junos/report\"\n", "IMAGE=\"junos-arm-32-23.4R2.13.tgz\"\n",
                "file checksum md5 $PACKAGE", "request system software add $PACKAGE no-validate",
                "load override $WORK/juniper.conf; commit and-quit").doesNotContain("{{");
        String token = context.access().tokens().tokenFor(INVENTORY.byHostname("qfx1").orElseThrow());
        String day0 = read(files, "junos/day0/WS3718350001.conf", "198.51.100.7");
        assertThat(day0).startsWith("# ztp4j-device-token " + token + "\n/* ztp4j reachability day-0 for qfx1")
                .isEqualTo("# ztp4j-device-token " + token + "\n" + junos.day0Config(INVENTORY.byHostname("qfx1").orElseThrow(), context));
        assertThat(read(files, "junos/ztp.conf", "198.51.100.41")).as("the shared name still serves the day-0 by address")
                .startsWith("/* ztp4j reachability day-0 for qfx1");
        assertThat(read(junos.files(context(Map.of(), GLOBALS, null)), "junos/day0/WS3718350001.conf", "198.51.100.7"))
                .as("config mode: the day-0 as it is").startsWith("/* ztp4j reachability day-0 for qfx1");
        assertThat(junos.identify(request("junos/day0/WS3718350001.conf", "198.51.100.7"), context)).get()
                .extracting(d -> d.hostname()).isEqualTo("qfx1");
    }

    static FileRequest request(String path, String from) throws Exception {
        return new FileRequest(path, new InetSocketAddress(InetAddress.getByName(from), 40000), Protocol.TFTP, null);
    }

    static String read(FileProvider files, String path, String from) throws Exception {
        FileResource r = files.open(request(path, from)).orElseThrow(() -> new AssertionError("no " + path + " for " + from));
        try (InputStream in = r.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String hex(String s) {
        return java.util.HexFormat.of().formatHex(s.getBytes(StandardCharsets.US_ASCII));
    }
}
