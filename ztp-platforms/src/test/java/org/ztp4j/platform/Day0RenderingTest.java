package org.ztp4j.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.LeaseLookup;
import org.ztp4j.core.PlatformContext;
import org.ztp4j.core.ProvisioningListener;
import org.ztp4j.core.template.TemplateException;
import org.ztp4j.core.template.TemplateSet;
import org.ztp4j.platform.ios.IosAutoInstallAdapter;
import org.ztp4j.platform.iosxe.IosXeZtpAdapter;
import org.ztp4j.platform.nxos.NxosPoapAdapter;

class Day0RenderingTest {

    @Test
    void nxosDay0IsTheReachabilityConfigExactly() {
        String config = new NxosPoapAdapter().day0Config(Fixtures.device("leaf1"), Fixtures.context(Map.of()));
        assertThat(config).isEqualTo("""
                ! ztp4j reachability day-0 for leaf1 (Cisco NX-OS POAP)
                hostname leaf1
                feature ssh
                username netops password Tq8-Lw3v-Zr5 role network-admin
                vrf context management
                  ip route 0.0.0.0/0 192.0.2.1
                interface mgmt0
                  vrf member management
                  ip address 192.0.2.11/24
                  no shutdown
                """);
    }

    @Test
    void iosDay0IsTheReachabilityConfigExactly() {
        String config = new IosAutoInstallAdapter().day0Config(Fixtures.device("Branch-Rtr1"), Fixtures.context(Map.of()));
        assertThat(config).isEqualTo("""
                ! ztp4j reachability day-0 for Branch-Rtr1 (Cisco IOS AutoInstall)
                hostname Branch-Rtr1
                ip domain name example.net
                username netops privilege 15 secret Tq8-Lw3v-Zr5
                ! AutoInstall's DHCP address goes first: IOS refuses a management address in an overlapping subnet.
                interface Vlan1
                 no ip address
                interface GigabitEthernet0/1
                 ip address 192.0.2.21 255.255.255.0
                 no shutdown
                ip route 0.0.0.0 0.0.0.0 192.0.2.1
                crypto key generate rsa general-keys modulus 2048
                ip ssh version 2
                line vty 0 4
                 login local
                 transport input ssh
                end
                """);
    }

    @Test
    void iosDay0LeavesTheAutoInstallInterfaceAloneWhenItIsTheManagementInterfaceOrNone() {
        DeviceRecord onVlan1 = DeviceRecord.builder("sw9").serial("FOC9999X9ZZ").platform("ios")
                .managementAddress("192.0.2.9/24").gateway("192.0.2.1").variable("mgmt_interface", "vlan 1").build();
        String inBand = new IosAutoInstallAdapter().day0Config(onVlan1, Fixtures.context(Map.of()));
        assertThat(inBand).doesNotContain("no ip address").contains("interface vlan 1\n ip address 192.0.2.9 255.255.255.0\n");

        String none = new IosAutoInstallAdapter().day0Config(Fixtures.device("Branch-Rtr1"),
                Fixtures.context(Map.of("ios.autoinstall-interface", "none")));
        assertThat(none).doesNotContain("Vlan1").doesNotContain("no ip address");

        DeviceRecord routed = DeviceRecord.builder("rtr9").serial("FGL9999X9ZZ").platform("ios")
                .managementAddress("192.0.2.8/24").gateway("192.0.2.1").variable("autoinstall_interface", "GigabitEthernet0/0/0")
                .build();
        assertThat(new IosAutoInstallAdapter().day0Config(routed, Fixtures.context(Map.of())))
                .contains("interface GigabitEthernet0/0/0\n no ip address\ninterface GigabitEthernet0/0\n ip address 192.0.2.8 ");
    }

    @Test
    void iosDay0SavesOnlyWhenAskedWithAnAppletThatRemovesItself() {
        String config = new IosAutoInstallAdapter().day0Config(Fixtures.device("Branch-Rtr1"),
                Fixtures.context(Map.of("ios.save", "true")));
        assertThat(config).endsWith("""
                 transport input ssh
                event manager applet ZTP4J-SAVE
                 event timer countdown time 60
                 action 1.0 cli command "enable"
                 action 2.0 cli command "configure terminal"
                 action 3.0 cli command "no event manager applet ZTP4J-SAVE"
                 action 4.0 cli command "end"
                 action 5.0 cli command "write memory"
                end
                """);
    }

    @Test
    void iosXeDay0PutsTheManagementPortInMgmtVrfExactly() {
        String config = new IosXeZtpAdapter().day0Config(Fixtures.device("access1"), Fixtures.context(Map.of()));
        assertThat(config).isEqualTo("""
                ! ztp4j reachability day-0 for access1 (Cisco IOS-XE)
                hostname access1
                ip domain name example.net
                username netops privilege 15 secret Tq8-Lw3v-Zr5
                vrf definition Mgmt-vrf
                 address-family ipv4
                 exit-address-family
                interface GigabitEthernet0/0
                 vrf forwarding Mgmt-vrf
                 ip address 192.0.2.31 255.255.255.0
                 no shutdown
                ip route vrf Mgmt-vrf 0.0.0.0 0.0.0.0 192.0.2.1
                crypto key generate rsa general-keys modulus 2048
                ip ssh version 2
                line vty 0 4
                 login local
                 transport input ssh
                """);
    }

    @Test
    void iosXeWithoutAManagementVrfUsesTheGlobalTable() {
        String config = new IosXeZtpAdapter().day0Config(Fixtures.device("access1"),
                Fixtures.context(Map.of("iosxe.mgmt-vrf", "none", "iosxe.netconf", "true")));
        assertThat(config).contains("interface GigabitEthernet0/0\n ip address 192.0.2.31 255.255.255.0\n")
                .contains("ip route 0.0.0.0 0.0.0.0 192.0.2.1\n")
                .doesNotContain("vrf")
                .endsWith(" transport input ssh\nnetconf-yang\n");
    }

    @Test
    void aMissingGlobalIsATemplateExceptionNamingDeviceAndVariable() {
        Map<String, String> globals = new HashMap<>(Fixtures.GLOBALS);
        globals.remove("admin_password");
        PlatformContext context = new PlatformContext(Fixtures.inventory(), null, Fixtures.servers(), LeaseLookup.NONE,
                ProvisioningListener.NONE, globals, Map.of());
        assertThatThrownBy(() -> new NxosPoapAdapter().day0Config(Fixtures.device("leaf1"), context))
                .isInstanceOfSatisfying(TemplateException.class, e -> {
                    assertThat(e.variable()).isEqualTo("admin_password");
                    assertThat(e.device()).isEqualTo("leaf1");
                    assertThat(e.template()).isEqualTo("nxos/day0.cfg");
                })
                .hasMessageContaining("leaf1").hasMessageContaining("admin_password");
    }

    @Test
    void aDeviceWithoutAGatewayIsATemplateExceptionNamingIt() {
        PlatformContext context = new PlatformContext(org.ztp4j.core.inventory.CsvInventory.parse("x.csv", """
                hostname,serial,mgmt_address
                lonely,FOC9999Z0ZZ,192.0.2.99/24
                """), null, Fixtures.servers(), null, null, Fixtures.GLOBALS, Map.of());
        assertThatThrownBy(() -> new IosXeZtpAdapter().day0Config(context.inventory().byHostname("lonely").orElseThrow(), context))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("lonely").hasMessageContaining("mgmt_gateway");
    }

    @Test
    void theUsersTemplateReplacesTheBundledOneForAFullConfig() {
        TemplateSet mine = TemplateSet.of(Map.of("nxos/day0.cfg", "hostname {{hostname}}\nfeature bgp\n"));
        PlatformContext context = new PlatformContext(Fixtures.inventory(), mine, Fixtures.servers(), null, null,
                Fixtures.GLOBALS, Map.of());
        assertThat(new NxosPoapAdapter().day0Config(Fixtures.device("leaf1"), context)).isEqualTo("hostname leaf1\nfeature bgp\n");
    }

    @Test
    void aDeviceVariableWinsOverAGlobalAndASetting() {
        PlatformContext context = new PlatformContext(org.ztp4j.core.inventory.CsvInventory.parse("x.csv", """
                hostname,serial,mgmt_address,mgmt_gateway,admin_user,mgmt_interface
                r2,FTX2222B0BB,192.0.2.22/24,192.0.2.1,breakglass,FastEthernet0/0
                """), null, Fixtures.servers(), null, null, Fixtures.GLOBALS, Map.of("ios.mgmt-interface", "Vlan1"));
        String config = new IosAutoInstallAdapter().day0Config(context.inventory().byHostname("r2").orElseThrow(), context);
        assertThat(config).contains("username breakglass privilege 15").contains("interface FastEthernet0/0\n");
    }
}
