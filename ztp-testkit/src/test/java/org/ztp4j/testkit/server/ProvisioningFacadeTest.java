package org.ztp4j.testkit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.BootOffer;
import org.ztp4j.server.Provisioning;
import org.ztp4j.testkit.SampleInventory;
import org.ztp4j.platform.ios.IosAutoInstallAdapter;
import org.ztp4j.platform.iosxe.IosXeZtpAdapter;
import org.ztp4j.platform.nxos.NxosPoapAdapter;

/** The facade over the adapters, before it starts anything. */
class ProvisioningFacadeTest {

    private final NxosPoapAdapter nxos = new NxosPoapAdapter();
    private final IosAutoInstallAdapter ios = new IosAutoInstallAdapter();
    private final IosXeZtpAdapter iosxe = new IosXeZtpAdapter();

    @Test
    void theProvisioningFacadeListsOffersInAdapterOrderBeforeStarting() {
        try (Provisioning ztp = Provisioning.builder().inventory(SampleInventory.inventory()).adapters(List.of(nxos, ios, iosxe))
                .setting("iosxe.transfer", "tftp").build()) {
            assertThat(ztp.bootOffers()).extracting(BootOffer::platform).containsExactly("nxos", "ios", "iosxe");
            assertThat(ztp.bootOffer("iosxe").bootfile()).isEqualTo("ztp/iosxe.py");
            assertThat(ztp.bootServers().httpBase()).isEqualTo(URI.create("http://127.0.0.1:8080"));
            assertThatThrownBy(() -> ztp.adapter("junos")).hasMessageContaining("no platform 'junos'");
        }
    }

    @Test
    void theFacadeNamesDevicesThatCannotBeServedBeforeAnyAsks() {
        var inventory = org.ztp4j.core.inventory.CsvInventory.parse("p.csv", """
                hostname,serial,platform,mgmt_address,mgmt_gateway
                good,SAL1111AAAA,nxos,192.0.2.5/24,192.0.2.1
                nogw,SAL2222BBBB,nxos,192.0.2.6/24,
                alien,JPE3333CCCC,junos,192.0.2.7/24,192.0.2.1
                """);
        try (Provisioning ztp = Provisioning.builder().inventory(inventory).globals(SampleInventory.GLOBALS)
                .adapters(List.of(nxos, ios, iosxe)).build()) {
            assertThat(ztp.problems()).containsExactly(
                    "device nogw (nxos): template nxos/day0.cfg for device nogw: variable 'mgmt_gateway' has no value (line 9)",
                    "device alien: platform 'junos' has no adapter (known: [nxos, ios, iosxe])");
        }
    }

    @Test
    void theFacadeWarnsAboutDevicesItWillNotServeAsTheInventoryMayMean() {
        var inventory = org.ztp4j.core.inventory.CsvInventory.parse("w.csv", """
                hostname,serial,platform,mgmt_address,mgmt_gateway
                branch-rtr1,FTX1111AAAA,ios,192.0.2.5/24,192.0.2.1
                branch-rtr2,FTX2222BBBB,ios,192.0.2.6/24,192.0.2.1
                stray,SAL3333CCCC,,192.0.2.7/24,192.0.2.1
                """);
        try (Provisioning ztp = Provisioning.builder().inventory(inventory).globals(SampleInventory.GLOBALS)
                .adapters(List.of(nxos, ios, iosxe)).build()) {
            assertThat(ztp.problems()).isEmpty();
            assertThat(ztp.warnings()).hasSize(2);
            assertThat(ztp.warnings().get(0)).isEqualTo("device stray: no platform, so no adapter serves it (give it one of [nxos, ios, iosxe])");
            assertThat(ztp.warnings().get(1)).startsWith("devices branch-rtr1, branch-rtr2 (ios): all would ask for branch-r.cfg");
            assertThat(ztp.warnings(SampleInventory.inventory())).isEmpty();
        }
    }

    @Test
    void aWildcardBindNeedsTheAdvertisedAddress() throws Exception {
        var any = java.net.InetAddress.getByName("0.0.0.0");
        assertThatThrownBy(() -> Provisioning.builder().inventory(SampleInventory.inventory()).bind(any).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("advertise");
    }

    @Test
    void aMisspeltSettingIsAnErrorNamingTheNearestKnownOne() {
        assertThatThrownBy(() -> Provisioning.builder().inventory(SampleInventory.inventory()).setting("nxos.tranfser", "http").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nxos.tranfser").hasMessageContaining("nxos.transfer");
    }

    @Test
    void startRefusesAnInventoryWithADeviceThatCannotBeServedNamingDeviceTemplateAndVariable() {
        var inventory = org.ztp4j.core.inventory.CsvInventory.parse("p.csv", """
                hostname,serial,platform,mgmt_address,mgmt_gateway
                good,SAL1111AAAA,nxos,192.0.2.5/24,192.0.2.1
                """);
        try (Provisioning ztp = Provisioning.builder().inventory(inventory).global("admin_user", "netops")
                .global("domain_name", "example.net").tftpPort(0).httpPort(0).build()) {
            assertThatThrownBy(ztp::start).isInstanceOf(org.ztp4j.core.inventory.InventoryException.class)
                    .hasMessageContaining("device good (nxos)").hasMessageContaining("nxos/day0.cfg")
                    .hasMessageContaining("'admin_password'");
        }
    }

    @Test
    void anInventoryValueWithALineBreakIsAnInventoryErrorNamingDeviceAndVariableNotTheValue() {
        var inventory = org.ztp4j.core.inventory.CsvInventory.parse("p.csv", """
                hostname,serial,platform,mgmt_address,mgmt_gateway,admin_password
                good,FTX1111AAAA,ios,192.0.2.5/24,192.0.2.1,Tq8-Lw3v-Zr5
                evil,FTX2222BBBB,ios,192.0.2.6/24,192.0.2.1,"x
                username evil privilege 15 secret y"
                """);
        try (Provisioning ztp = Provisioning.builder().inventory(inventory).globals(SampleInventory.GLOBALS)
                .adapters(List.of(nxos, ios, iosxe)).tftpPort(0).httpPort(0).build()) {
            assertThat(ztp.problems()).singleElement().asString()
                    .startsWith("device evil (ios): template ios/day0.cfg for device evil: variable 'admin_password' holds a line feed")
                    .doesNotContain("username evil");
            assertThatThrownBy(ztp::start).isInstanceOf(org.ztp4j.core.inventory.InventoryException.class)
                    .hasMessageContaining("device evil (ios)");
        }
    }

    @Test
    void tokenAccessRefusesAtLoadADeviceWhosePlatformCannotCarryAToken() {
        var inventory = org.ztp4j.core.inventory.CsvInventory.parse("t.csv", """
                hostname,serial,mac,platform,mgmt_address,mgmt_gateway
                leaf1,SAL1111AAAA,00:00:5e:00:53:11,nxos,192.0.2.11/24,192.0.2.1
                sw9,FOC1111X0AA,00:00:5e:00:53:19,pnp,192.0.2.41/24,192.0.2.1
                """);
        List<org.ztp4j.core.PlatformAdapter> adapters = List.of(nxos, new org.ztp4j.platform.pnp.PnpAdapter());
        try (Provisioning ztp = Provisioning.builder().inventory(inventory).globals(SampleInventory.GLOBALS).adapters(adapters)
                .day0Access(org.ztp4j.core.Day0Access.TOKEN).tftpPort(0).httpPort(0).build()) {
            assertThat(ztp.problems()).containsExactly("device sw9 (pnp): day-0 access 'token' is not possible on this"
                    + " platform: its devices fetch their own files under names that cannot carry a token; use 'lease'");
            assertThatThrownBy(ztp::start).isInstanceOf(org.ztp4j.core.inventory.InventoryException.class)
                    .hasMessageContaining("device sw9 (pnp)");
        }
        try (Provisioning lease = Provisioning.builder().inventory(inventory).globals(SampleInventory.GLOBALS).adapters(adapters)
                .day0Access(org.ztp4j.core.Day0Access.LEASE).tftpPort(0).httpPort(0).build()) {
            assertThat(lease.problems()).isEmpty();
        }
    }

    @Test
    void tokenAccessRefusesAtLoadAosCxAndJunosWithoutASerialAndSonicOnOption239Alone() {
        var inventory = org.ztp4j.core.inventory.CsvInventory.parse("t.csv", """
                hostname,serial,mac,platform,mgmt_address,mgmt_gateway
                cx1,SG9ZKW0001,88:3a:30:00:00:01,aoscx,192.0.2.51/24,192.0.2.1
                cx2,,88:3a:30:00:00:02,aoscx,192.0.2.52/24,192.0.2.1
                leaf9,SNC0001A,0c:42:a1:00:00:09,sonic,192.0.2.91/24,192.0.2.1
                qfx2,,2c:6b:f5:00:00:02,junos,192.0.2.42/24,192.0.2.1
                """);
        List<org.ztp4j.core.PlatformAdapter> adapters = List.of(new org.ztp4j.platform.aoscx.AosCxZtpAdapter(),
                new org.ztp4j.platform.sonic.SonicZtpAdapter(), new org.ztp4j.platform.junos.JunosZtpAdapter());
        try (Provisioning ztp = Provisioning.builder().inventory(inventory).globals(SampleInventory.GLOBALS).adapters(adapters)
                .settings(java.util.Map.of("sonic.boot", "provisioning-script"))
                .day0Access(org.ztp4j.core.Day0Access.TOKEN).tftpPort(0).httpPort(0).build()) {
            assertThat(ztp.problems()).containsExactly(
                    "device cx2 (aoscx): day-0 access token needs its serial (its reservation names aoscx/day0/<SERIAL>.cfg)",
                    "device leaf9 (sonic): day-0 access token needs sonic.boot=ztp-json (option 239 is the same for every"
                            + " switch and cannot carry its token)",
                    "device qfx2 (junos): day-0 access token needs its serial (its reservation names junos/day0/<SERIAL>.conf)");
        }
        try (Provisioning ztp = Provisioning.builder().inventory(inventory).globals(SampleInventory.GLOBALS).adapters(adapters)
                .day0Access(org.ztp4j.core.Day0Access.LEASE).tftpPort(0).httpPort(0).build()) {
            assertThat(ztp.problems()).isEmpty();
        }
    }
}
