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
 * fixture: the IOS router finds its host name in network-confg by its own address and merges its
 * host config; the EOS switch runs the bootstrap, which asks FastCli for its serial, fetches its
 * day-0 over HTTP into /mnt/flash/startup-config and reboots into it.
 */
class IosAndEosEmulatorIT {

    @RegisterExtension
    static final ZtpServerExtension ZTP = ZtpServerExtension.builder()
            .inventory(CsvInventory.parse("emulated.csv", """
                    hostname,serial,mac,platform,mgmt_address,mgmt_gateway
                    Branch-Rtr7,FTX7777A0AA,00:19:e8:a4:5a:07,ios,127.0.0.27/8,127.0.0.1
                    spine7,JPE77777777,00:1c:73:00:00:07,eos,127.0.0.47/8,127.0.0.1
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
        assertThat(router.commands()).startsWith("ios tftp network-confg: read", "ios tftp branch-rtr7-confg: read");
        assertThat(router.file("running-config")).contains("hostname Branch-Rtr7\n")
                .contains("ip address 127.0.0.27 255.0.0.0");
    }

    @Test
    void anIosRouterWhoseAddressIsNotInNetworkConfgFallsBackToRouterConfg() {
        EmulatedDevice router = EmulatedDevice.create(tmp, EmulatedDevice.Kind.IOS);
        int port = ZTP.provisioning().tftpAddress().getPort();
        EmulatedDevice.Run run = router.autoInstall("127.0.0.1", port, null, DeviceHost.loopback("127.0.0.99"));

        assertThat(router.commands()).first().isEqualTo("ios tftp network-confg: read");
        assertThat(router.commands()).anySatisfy(c -> assertThat(c).startsWith("ios tftp router-confg"));
        assertThat(router.file("running-config")).doesNotContain("Branch-Rtr7");
        assertThat(run.output()).isNotEmpty();
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
