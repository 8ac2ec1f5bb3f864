package org.ztp4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceRecordTest {

    static DeviceRecord leaf1() throws Exception {
        return new DeviceRecord("leaf1", SerialNumber.of("SAL1"), MacAddress.parse("00:11:22:33:44:55"), "nxos",
                InetAddress.getByName("10.0.0.11"), 24, InetAddress.getByName("10.0.0.1"), "management",
                Map.of("site", "fra1"));
    }

    @Test
    void templateScopeHasTheFixedNamesAndTheVariables() throws Exception {
        assertThat(leaf1().templateScope()).containsExactlyEntriesOf(new java.util.LinkedHashMap<>() {{
                put("hostname", "leaf1");
                put("serial", "SAL1");
                put("mac", "00:11:22:33:44:55");
                put("mac_hex", "001122334455");
                put("mac_dotted", "0011.2233.4455");
                put("platform", "nxos");
                put("mgmt_address", "10.0.0.11");
                put("mgmt_prefix", "24");
                put("mgmt_netmask", "255.255.255.0");
                put("mgmt_gateway", "10.0.0.1");
                put("mgmt_vrf", "management");
                put("site", "fra1");
            }});
    }

    @Test
    void variablesCannotShadowFixedFields() throws Exception {
        DeviceRecord d = new DeviceRecord("sw1", SerialNumber.of("X"), null, null, null, 0, null, null,
                Map.of("hostname", "evil"));
        assertThat(d.templateScope()).containsEntry("hostname", "sw1").doesNotContainKey("mgmt_address");
    }

    @Test
    void toStringNamesVariablesButNeverShowsTheirValues() throws Exception {
        DeviceRecord d = new DeviceRecord("leaf1", SerialNumber.of("SAL1"), null, "nxos", null, 0, null, null,
                Map.of("admin_password", "S3cret!"));
        var event = new ProvisioningEvent.DeviceIdentified(java.time.Instant.now(), d.identity(), d, "file name");
        assertThat(d.toString()).contains("leaf1").contains("admin_password").doesNotContain("S3cret!");
        assertThat(event.toString()).doesNotContain("S3cret!");
    }

    @Test
    void computesNetmasks() throws Exception {
        InetAddress a = InetAddress.getByName("192.0.2.5");
        assertThat(new DeviceRecord("a", SerialNumber.of("X"), null, null, a, 0, null, null, null).netmask()).isEqualTo("0.0.0.0");
        assertThat(new DeviceRecord("a", SerialNumber.of("X"), null, null, a, 30, null, null, null).netmask()).isEqualTo("255.255.255.252");
        assertThat(new DeviceRecord("a", SerialNumber.of("X"), null, null, a, 32, null, null, null).netmask()).isEqualTo("255.255.255.255");
    }

    @Test
    void rejectsRecordsThatCannotBeProvisioned() {
        assertThatThrownBy(() -> new DeviceRecord("sw1", null, null, null, null, 0, null, null, null))
                .hasMessage("device sw1: needs a serial number or a MAC address");
        assertThatThrownBy(() -> new DeviceRecord("bad host", SerialNumber.of("X"), null, null, null, 0, null, null, null))
                .hasMessageStartingWith("hostname: 'bad host'");
        assertThatThrownBy(() -> new DeviceRecord("sw1", SerialNumber.of("X"), null, null,
                InetAddress.getByName("10.0.0.1"), 33, null, null, null)).hasMessageContaining("prefix length 33 is not 0..32");
    }

    @Test
    void aBuilderMakesTheSameRecordAsTheConstructorAndNamesBadValues() throws Exception {
        DeviceRecord built = DeviceRecord.builder("leaf1").serial("SAL1234ABCD").mac("74:26:cc:5c:91:80").platform("nxos")
                .managementAddress("192.0.2.11/24").gateway("192.0.2.1").vrf("management").variable("site", "ams1").build();
        DeviceRecord direct = new DeviceRecord("leaf1", SerialNumber.of("SAL1234ABCD"), MacAddress.parse("74:26:cc:5c:91:80"),
                "nxos", InetAddress.getByName("192.0.2.11"), 24, InetAddress.getByName("192.0.2.1"),
                "management", Map.of("site", "ams1"));
        assertThat(built).isEqualTo(direct);
        assertThat(built.templateScope()).containsEntry("mgmt_netmask", "255.255.255.0").containsEntry("site", "ams1");
        assertThatThrownBy(() -> DeviceRecord.builder("leaf2").serial("SAL2").managementAddress("192.0.2.12"))
                .hasMessageContaining("device leaf2: management address '192.0.2.12' needs a prefix length");
        assertThatThrownBy(() -> DeviceRecord.builder("leaf3").build())
                .hasMessageContaining("device leaf3: needs a serial number or a MAC address");
        assertThatThrownBy(() -> DeviceRecord.builder("leaf4").serial("SAL4").gateway("gw.example"))
                .hasMessageContaining("mgmt_gateway: 'gw.example' is not an IP address");
    }
}
