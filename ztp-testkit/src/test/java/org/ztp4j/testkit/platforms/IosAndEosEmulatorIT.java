package org.ztp4j.testkit.platforms;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.inventory.CsvInventory;
import org.ztp4j.testkit.DeviceHost;
import org.ztp4j.testkit.EmulatedDevice;
import org.ztp4j.testkit.ZtpServerExtension;

/**
 * The IOS AutoInstall and Arista EOS models against a whole server, run by the testkit's JUnit
 * fixture: the IOS device finds its host name in network-confg by its own address and applies its
 * host config line by line, as configuration mode does (an address whose subnet overlaps the DHCP
 * address AutoInstall got on Vlan1 is refused); the EOS switch runs the bootstrap, which asks
 * FastCli for its serial, fetches its day-0 over HTTP into /mnt/flash/startup-config and reboots into it.
 */
class IosAndEosEmulatorIT {

    @RegisterExtension
    static final ZtpServerExtension ZTP = ZtpServerExtension.builder()
            .inventory(CsvInventory.parse("emulated.csv", """
                    hostname,serial,mac,platform,mgmt_address,mgmt_gateway,autoinstall_interface
                    Branch-Rtr7,FTX7777A0AA,00:19:e8:a4:5a:07,ios,127.0.0.27/8,127.0.0.1,
                    Branch-Rtr8,FTX8888A0AA,00:19:e8:a4:5a:08,ios,127.0.0.28/8,127.0.0.1,none
                    spine7,JPE77777777,00:1c:73:00:00:07,eos,127.0.0.47/8,127.0.0.1,
                    """))
            .configure(b -> b.reachabilityProbe(false))
            .build();

    @TempDir
    Path tmp;

    @Test
    void anIosRouterLearnsItsNameFromNetworkConfgAndMergesItsHostConfig() {
        EmulatedDevice router = EmulatedDevice.create(tmp, EmulatedDevice.Kind.IOS);
        int port = ZTP.provisioning().tftpAddress().getPort();
        EmulatedDevice.Run run = router.autoInstall("127.0.0.1", port, null, DeviceHost.loopback("127.0.0.27"));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(router.commands()).startsWith("ios tftp network-confg: read", "ios tftp branch-rtr7-confg: read")
                .noneMatch(c -> c.startsWith("ios refused"));
        assertThat(router.file("running-config")).contains("hostname Branch-Rtr7\n")
                .contains("interface GigabitEthernet0/0\n ip address 127.0.0.27 255.0.0.0\n");
        // AutoInstall's DHCP address went first, so the management address in its subnet was taken
        assertThat(router.file("ip-interfaces")).isEqualTo("Vlan1 unassigned\nGigabitEthernet0/0 127.0.0.27 255.0.0.0\n");
    }

    @Test
    void iosRefusesAManagementAddressOverlappingTheDhcpAddressAutoInstallGotOnVlan1() {
        // Branch-Rtr8 keeps the DHCP address (autoinstall_interface=none): the day-0 without the fix.
        EmulatedDevice router = EmulatedDevice.create(tmp, EmulatedDevice.Kind.IOS)
                .withInterpreter(EmulatedDevice.Interpreter.JYTHON);
        int port = ZTP.provisioning().tftpAddress().getPort();
        EmulatedDevice.Run run = router.autoInstall("127.0.0.1", port, null, DeviceHost.loopback("127.0.0.28"),
                Map.of("EMULATOR_DHCP_MASK", "255.255.255.0"));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("% 127.0.0.0 overlaps with Vlan1");
        assertThat(router.commands()).contains("ios tftp branch-rtr8-confg: read",
                "ios refused 'ip address 127.0.0.28 255.0.0.0': % 127.0.0.0 overlaps with Vlan1");
        assertThat(router.file("running-config")).contains("hostname Branch-Rtr8\n", "ip route 0.0.0.0 0.0.0.0 127.0.0.1\n")
                .doesNotContain("ip address 127.0.0.28");
        assertThat(router.file("ip-interfaces")).isEqualTo("Vlan1 127.0.0.28 255.255.255.0\nGigabitEthernet0/0 unassigned\n");
    }

    @Test
    void twoRoutersWhoseNamesCutTo8CharactersAreTheSameEachGetTheirOwnConfigByTheirFullNames() {
        assertThat(ZTP.provisioning().warnings()).anySatisfy(w -> assertThat(w)
                .startsWith("devices Branch-Rtr7, Branch-Rtr8 (ios): all would ask for branch-r.cfg"));
        int port = ZTP.provisioning().tftpAddress().getPort();
        for (String[] r : new String[][] {{"127.0.0.27", "Branch-Rtr7"}, {"127.0.0.28", "Branch-Rtr8"}}) {
            EmulatedDevice router = EmulatedDevice.create(tmp, EmulatedDevice.Kind.IOS);
            router.autoInstall("127.0.0.1", port, null, DeviceHost.loopback(r[0]));
            assertThat(router.file("running-config")).contains("hostname " + r[1] + "\n");
        }
    }

    @Test
    void aRouterThatLearnsItsNameFromCisconetCfgIsRefusedTheShortNameItSharesAndNeverGetsTheOtherRoutersConfig() {
        int port = ZTP.provisioning().tftpAddress().getPort();
        EmulatedDevice router = EmulatedDevice.create(tmp, EmulatedDevice.Kind.IOS);
        // network-confg is lost on the way, so IOS reads cisconet.cfg and asks for its name cut to 8 characters
        EmulatedDevice.Run run = router.autoInstall("127.0.0.1", port, null, DeviceHost.loopback("127.0.0.28"),
                Map.of("EMULATOR_TFTP_LOST", "network-confg"));

        assertThat(router.commands()).containsSubsequence("ios tftp network-confg: no answer", "ios tftp cisconet.cfg: read",
                "ios tftp router-confg: read");
        assertThat(router.commands()).anySatisfy(c -> assertThat(c).startsWith("ios tftp branch-r.cfg: TFTP error 1"));
        assertThat(router.file("running-config")).as("Branch-Rtr7 asks for branch-r.cfg too: its config is not this router's")
                .doesNotContain("Branch-Rtr7").doesNotContain("127.0.0.27");
        assertThat(run.output()).endsWith("autoinstall: router-confg\n");
    }

    @Test
    void anIosRouterWhoseAddressIsNotInNetworkConfgFallsBackToRouterConfg() {
        EmulatedDevice router = EmulatedDevice.create(tmp, EmulatedDevice.Kind.IOS);
        int port = ZTP.provisioning().tftpAddress().getPort();
        EmulatedDevice.Run run = router.autoInstall("127.0.0.1", port, null, DeviceHost.loopback("127.0.0.99"));

        // no ip host line has its address: it takes its default name, Switch, then falls back
        assertThat(router.commands()).hasSize(4);
        assertThat(router.commands().get(0)).isEqualTo("ios tftp network-confg: read");
        assertThat(router.commands().get(1)).startsWith("ios tftp switch-confg: TFTP error 1");
        assertThat(router.commands().get(2)).isEqualTo("ios tftp router-confg: read");
        assertThat(router.file("running-config")).doesNotContain("Branch-Rtr7");
        assertThat(run.output()).isEqualTo("autoinstall: router-confg\n");
    }

    @Test
    void anEosSwitchRunsTheBootstrapAndRebootsIntoItsDay0() {
        EmulatedDevice spine = EmulatedDevice.create(tmp, EmulatedDevice.Kind.EOS);
        Path script = tmp.resolve("bootstrap");
        EmulatedDevice.Run fetch = spine.fetch(ZTP.httpUrl("eos/bootstrap").toString(), script, DeviceHost.loopback("127.0.0.47"));
        assertThat(fetch.exitCode()).as(fetch.output()).isZero();

        EmulatedDevice.Run run = spine.run(script, Map.of("EMULATOR_SERIAL", "JPE77777777"), DeviceHost.loopback("127.0.0.47"));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(spine.commands()).contains("eos show version");
        assertThat(spine.flash().resolve("startup-config")).exists();
        assertThat(spine.file("running-config")).contains("hostname spine7\n", "interface Management1\n",
                "ip address 127.0.0.47/8");
        assertThat(ZTP.events().of(ProvisioningEvent.DeviceIdentified.class))
                .anySatisfy(e -> assertThat(e.record().hostname()).isEqualTo("spine7"));
    }
}
