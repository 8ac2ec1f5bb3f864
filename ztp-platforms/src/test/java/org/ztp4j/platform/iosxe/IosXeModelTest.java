package org.ztp4j.platform.iosxe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.LeaseLookup;
import org.ztp4j.core.PlatformContext;
import org.ztp4j.core.ProvisioningListener;
import org.ztp4j.core.inventory.CsvInventory;
import org.ztp4j.platform.Fixtures;

/** The management port follows the model; a Catalyst 9200L is refused with the platform to use instead. */
class IosXeModelTest {

    private static final String CSV = """
            hostname,serial,platform,mgmt_address,mgmt_gateway,mgmt_vrf,mgmt_interface,model
            sw1,FOC1111X0AA,iosxe,192.0.2.31/24,192.0.2.1,,,C9300-24T
            rtr1,FOC2222X0BB,iosxe,192.0.2.32/24,192.0.2.1,,,ISR4431/K9
            rtr2,FOC3333X0CC,iosxe,192.0.2.33/24,192.0.2.1,,,ASR1001-X
            rtr3,FOC4444X0DD,iosxe,192.0.2.34/24,192.0.2.1,MGMT,GigabitEthernet0/0/2,isr4331
            rtr4,FGL6666X0FF,iosxe,192.0.2.36/24,192.0.2.1,,,C8300-1N1S-6T
            small1,JAE5555X0EE,iosxe,192.0.2.35/24,192.0.2.1,,,C9200L-24T-4G
            """;

    private final IosXeZtpAdapter adapter = new IosXeZtpAdapter();

    private static PlatformContext context(Map<String, String> globals, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(Fixtures.GLOBALS);
        all.putAll(globals);
        return new PlatformContext(CsvInventory.parse("models.csv", CSV), null, Fixtures.servers(), LeaseLookup.NONE,
                ProvisioningListener.NONE, all, settings);
    }

    private String day0(String hostname, PlatformContext context) {
        DeviceRecord device = context.inventory().byHostname(hostname).orElseThrow();
        return adapter.day0Config(device, context);
    }

    @Test
    void isrAsrAndCatalyst8000RoutersGetGigabitEthernet0InMgmtIntf() {
        PlatformContext context = context(Map.of(), Map.of());
        for (String router : new String[] {"rtr1", "rtr2", "rtr4"}) {
            assertThat(day0(router, context))
                    .contains("vrf definition Mgmt-intf\n")
                    .contains("interface GigabitEthernet0\n vrf forwarding Mgmt-intf\n")
                    .contains("ip route vrf Mgmt-intf 0.0.0.0 0.0.0.0 192.0.2.1\n")
                    .doesNotContain("Mgmt-vrf").doesNotContain("GigabitEthernet0/0");
        }
    }

    @Test
    void catalystSwitchesKeepTheSettingsEvenWhenTheSettingsChange() {
        assertThat(day0("sw1", context(Map.of(), Map.of())))
                .contains("interface GigabitEthernet0/0\n vrf forwarding Mgmt-vrf\n");
        assertThat(day0("sw1", context(Map.of(), Map.of("iosxe.mgmt-interface", "GigabitEthernet0/1", "iosxe.mgmt-vrf", "OOB"))))
                .contains("interface GigabitEthernet0/1\n vrf forwarding OOB\n");
    }

    @Test
    void aDevicesOwnInterfaceAndVrfWinOverItsModel() {
        assertThat(day0("rtr3", context(Map.of(), Map.of())))
                .contains("interface GigabitEthernet0/0/2\n vrf forwarding MGMT\n")
                .doesNotContain("Mgmt-intf");
    }

    @Test
    void globalsThatNameThePortWinOverTheModel() {
        assertThat(day0("rtr1", context(Map.of("mgmt_interface", "GigabitEthernet0/0/1", "mgmt_vrf", "OOB"), Map.of())))
                .contains("interface GigabitEthernet0/0/1\n vrf forwarding OOB\n");
    }

    @Test
    void aCatalyst9200LIsAnErrorThatSaysToUseAutoInstall() {
        PlatformContext context = context(Map.of(), Map.of());
        assertThatThrownBy(() -> day0("small1", context))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("model C9200L-24T-4G: a Catalyst 9200L has no IOS-XE ZTP; give it platform ios (AutoInstall)");
    }
}
