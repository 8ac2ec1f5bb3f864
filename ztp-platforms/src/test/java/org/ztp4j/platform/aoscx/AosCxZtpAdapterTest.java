package org.ztp4j.platform.aoscx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.BootServers;
import org.ztp4j.core.Day0Access;
import org.ztp4j.core.DeviceAccess;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.DeviceTokens;
import org.ztp4j.core.DhcpFingerprint;
import org.ztp4j.core.FileProvider;
import org.ztp4j.core.FileRequest;
import org.ztp4j.core.Inventory;
import org.ztp4j.core.Lease;
import org.ztp4j.core.LeaseLookup;
import org.ztp4j.core.MacAddress;
import org.ztp4j.core.PlatformContext;
import org.ztp4j.core.Protocol;
import org.ztp4j.core.ProvisioningListener;
import org.ztp4j.core.inventory.CsvInventory;

/** AOS-CX ZTP: recognition, options 66/67 and 43.145, the day-0 and the config by client address. */
class AosCxZtpAdapterTest {

    static final Inventory INVENTORY = CsvInventory.parse("aoscx.csv", """
            hostname,serial,mac,platform,mgmt_address,mgmt_gateway
            cx1,SG9ZKW1234,88:3a:30:00:00:01,aoscx,192.0.2.51/24,192.0.2.1
            """);

    final AosCxZtpAdapter aoscx = new AosCxZtpAdapter();

    static PlatformContext context(Map<String, String> settings, String password) throws Exception {
        BootServers servers = new BootServers(List.of(InetAddress.getByName("192.0.2.1")), 69, URI.create("http://192.0.2.1:8080"), null);
        LeaseLookup leases = address -> address.getHostAddress().equals("198.51.100.51")
                ? Optional.of(new Lease(address, MacAddress.parse("88:3a:30:00:00:01"), null, null, null)) : Optional.empty();
        return new PlatformContext(INVENTORY, null, servers, leases, ProvisioningListener.NONE,
                Map.of("admin_user", "admin", "admin_password", password), settings);
    }

    @Test
    void recognisesArubaSwitchesButNotArubaAccessPoints() {
        assertThat(aoscx.recognises(new DhcpFingerprint("Aruba JL658A 6300M", null, null))).isTrue();
        assertThat(aoscx.recognises(new DhcpFingerprint("ArubaAP", null, null))).isFalse();
        assertThat(aoscx.recognises(new DhcpFingerprint("ArubaInstantAP", null, null))).isFalse();
        assertThat(aoscx.recognises(new DhcpFingerprint("Juniper-ex2300", null, null))).isFalse();
    }

    @Test
    void options66And67NameTheTftpServerAndTheConfigAndAnImageGoesInSubOption145() throws Exception {
        BootOffer plain = aoscx.bootOffer(context(Map.of(), "Adm1n-Pass"));
        assertThat(plain).isEqualTo(BootOffer.builder("aoscx").matchVendorClass("Aruba").tftpServer(true).bootfile("aoscx/ztp.cfg").build());
        BootOffer image = aoscx.bootOffer(context(Map.of("aoscx.image", "ArubaOS-CX_6300_10_13_1000.swi",
                "aoscx.vendor-class", "Aruba JL"), "Adm1n-Pass"));
        assertThat(image.matchPrefix()).isEqualTo("Aruba JL");
        assertThat(image.option(43).orElseThrow().toString()).isEqualTo("option 43 sub-options 145=\"ArubaOS-CX_6300_10_13_1000.swi\"");
    }

    @Test
    void theDay0AddressesInterfaceMgmtBeforeItsGatewayAndRefusesAPasswordWithBlanks() throws Exception {
        String day0 = aoscx.day0Config(INVENTORY.byHostname("cx1").orElseThrow(), context(Map.of(), "Adm1n-Pass"));
        assertThat(day0).contains("hostname cx1\n", "user admin group administrators password plaintext Adm1n-Pass\n",
                "ssh server vrf mgmt\n", "interface mgmt\n    no shutdown\n    ip static 192.0.2.51/24\n    default-gateway 192.0.2.1\n");
        assertThatThrownBy(() -> aoscx.day0Config(INVENTORY.byHostname("cx1").orElseThrow(), context(Map.of(), "two words")))
                .hasMessageContaining("admin_password for cx1").hasMessageNotContaining("two words");
    }

    @Test
    void theSharedConfigNameIsTheSwitchsOwnDay0ByItsAddress() throws Exception {
        FileProvider files = aoscx.files(context(Map.of(), "Adm1n-Pass"));
        FileRequest own = new FileRequest("aoscx/ztp.cfg", new InetSocketAddress(InetAddress.getByName("198.51.100.51"), 4000), Protocol.TFTP, null);
        try (InputStream in = files.open(own).orElseThrow().openStream()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("hostname cx1\n");
        }
        FileRequest other = new FileRequest("aoscx/ztp.cfg", new InetSocketAddress(InetAddress.getByName("192.0.2.99"), 4000), Protocol.TFTP, null);
        assertThat(files.open(other)).isEmpty();
        FileRequest future = new FileRequest("aoscx/ztp.cfg", new InetSocketAddress(InetAddress.getByName("192.0.2.51"), 4000), Protocol.TFTP, null);
        assertThat(files.open(future)).as("merely cx1's future management address").isEmpty();
    }

    static PlatformContext tokenContext(Inventory inventory) throws Exception {
        BootServers servers = new BootServers(List.of(InetAddress.getByName("192.0.2.1")), 69, URI.create("http://192.0.2.1:8080"), null);
        return new PlatformContext(inventory, null, servers, LeaseLookup.NONE, ProvisioningListener.NONE,
                Map.of("admin_user", "admin", "admin_password", "Adm1n-Pass"), Map.of(),
                new DeviceAccess(Day0Access.TOKEN, DeviceTokens.random()));
    }

    @Test
    void underTokenAccessTheReservationNamesTheSwitchsOwnDay0WithItsTokenAndTheFileIsItsDay0() throws Exception {
        PlatformContext context = tokenContext(INVENTORY);
        DeviceRecord cx1 = INVENTORY.byHostname("cx1").orElseThrow();
        String token = context.access().tokens().tokenFor(cx1);
        assertThat(aoscx.carriesDeviceTokens()).isTrue();
        assertThat(aoscx.deviceBootfile(cx1, context)).contains("t/" + token + "/aoscx/day0/SG9ZKW1234.cfg");
        assertThat(aoscx.deviceBootfile(cx1, context(Map.of(), "Adm1n-Pass"))).as("no token, no own boot file").isEmpty();
        // What the reservation names, once the server has taken the token off, is the switch's day-0.
        FileRequest own = new FileRequest("aoscx/day0/SG9ZKW1234.cfg", new InetSocketAddress("192.0.2.77", 40000), Protocol.TFTP, null);
        try (InputStream in = aoscx.files(context).open(own).orElseThrow().openStream()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(aoscx.day0Config(cx1, context));
        }
    }

    @Test
    void underTokenAccessASwitchWithoutASerialIsRefusedNamingIt() throws Exception {
        Inventory noSerial = CsvInventory.parse("aoscx.csv", """
                hostname,serial,mac,platform,mgmt_address,mgmt_gateway
                cx2,,88:3a:30:00:00:02,aoscx,192.0.2.52/24,192.0.2.1
                """);
        PlatformContext context = tokenContext(noSerial);
        DeviceRecord cx2 = noSerial.byHostname("cx2").orElseThrow();
        String why = "day-0 access token needs its serial (its reservation names aoscx/day0/<SERIAL>.cfg)";
        assertThatThrownBy(() -> aoscx.deviceBootfile(cx2, context)).hasMessage("device cx2 (aoscx): " + why);
        assertThatThrownBy(() -> aoscx.day0Config(cx2, context)).hasMessage(why);
    }
}
