package org.ztp4j.core.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ztp4j.core.files.DirectoryFileProviderTest.read;
import static org.ztp4j.core.files.DirectoryFileProviderTest.request;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.DeviceIdentity;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.SerialNumber;
import org.ztp4j.core.inventory.CsvInventory;
import org.ztp4j.core.template.TemplateSet;

class TemplateFileProviderTest {

    final CsvInventory inventory = CsvInventory.parse("test.csv", """
            hostname,serial,mac,platform,mgmt_address,mgmt_gateway
            leaf1,SAL1,00:11:22:33:44:55,nxos,10.0.0.11/24,10.0.0.1
            Branch-Router-1,FTX1,0011.2233.4466,ios,10.0.1.5/24,10.0.1.1
            nomgmt,SAL2,,nxos,,
            """);
    final TemplateSet templates = TemplateSet.of(Map.of(
            "day0", "hostname {{hostname}}\nip address {{mgmt_address}}/{{mgmt_prefix}}\n! {{domain}}\n",
            "network", "{{#devices}}{{#mgmt_address}}ip host {{hostname}} {{mgmt_address}}\n{{/mgmt_address}}{{/devices}}"));
    final List<ProvisioningEvent> events = new ArrayList<>();

    TemplateFileProvider provider() {
        return TemplateFileProvider.builder().templates(templates).inventory(inventory).listener(events::add)
                .globals(Map.of("domain", "example.net"))
                .file("conf.{serial}", "day0")
                .file("conf_{mac_hex}.cfg", "day0")
                .file("{hostname}-confg", "day0")
                .file("{hostname8}.cfg", "day0")
                .file("network-confg", "network", b -> (new String(b, StandardCharsets.UTF_8) + "end\n").getBytes(StandardCharsets.UTF_8))
                .build();
    }

    @Test
    void rendersPerDeviceFilesNamedBySerialMacOrHostname() throws Exception {
        String leaf1 = "hostname leaf1\nip address 10.0.0.11/24\n! example.net\n";
        assertThat(read(provider().open(request("conf.SAL1")))).isEqualTo(leaf1);
        assertThat(read(provider().open(request("conf.sal1")))).isEqualTo(leaf1);
        assertThat(read(provider().open(request("conf_001122334455.cfg")))).isEqualTo(leaf1);
        assertThat(read(provider().open(request("leaf1-confg")))).isEqualTo(leaf1);
        assertThat(read(provider().open(request("branch-router-1-confg")))).startsWith("hostname Branch-Router-1\n");
        assertThat(read(provider().open(request("branch-r.cfg")))).startsWith("hostname Branch-Router-1\n");
    }

    @Test
    void unknownDevicesAreNotServed() throws Exception {
        assertThat(provider().open(request("conf.NOPE"))).isEmpty();
        assertThat(provider().open(request("conf.bad serial"))).isEmpty();
        assertThat(provider().open(request("other.txt"))).isEmpty();
    }

    @Test
    void sharedFilesSeeEveryDeviceAndAreTransformed() throws Exception {
        assertThat(read(provider().open(request("network-confg"))))
                .isEqualTo("ip host leaf1 10.0.0.11\nip host Branch-Router-1 10.0.1.5\nend\n");
    }

    @Test
    void emitsIdentifiedAndRenderedEvents() throws Exception {
        provider().open(request("conf.SAL1"));
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isInstanceOfSatisfying(ProvisioningEvent.DeviceIdentified.class, e -> {
            assertThat(e.record().hostname()).isEqualTo("leaf1");
            assertThat(e.device().serial()).isEqualTo(SerialNumber.of("SAL1"));
            assertThat(e.device().clientAddress()).isNotNull();
        });
        assertThat(events.get(1)).isInstanceOfSatisfying(ProvisioningEvent.ConfigRendered.class, e -> {
            assertThat(e.template()).isEqualTo("day0");
            assertThat(e.bytes()).isEqualTo(53);
            assertThat(e.device().platform()).isEqualTo("nxos");
        });
    }

    @Test
    void aMissingVariableFailsTheRequestNamingTemplateVariableAndDevice() {
        assertThatThrownBy(() -> provider().open(request("conf.SAL2")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("template day0 for device nomgmt")
                .hasMessageContaining("variable 'mgmt_address'");
    }

    @Test
    void sharedFilesKnowTheRequesterWhenItsIdentityIsKnown() throws Exception {
        TemplateFileProvider p = TemplateFileProvider.builder().templates(TemplateSet.of(Map.of("s", "{{hostname}}")))
                .inventory(inventory).file("script.py", "s").build();
        var req = request("script.py").withIdentity(DeviceIdentity.unknown().withSerial(SerialNumber.of("SAL1")));
        assertThat(read(p.open(req))).isEqualTo("leaf1");
        assertThatThrownBy(() -> p.open(request("script.py"))).hasMessageContaining("variable 'hostname'");
    }

    @Test
    void withAPlatformOnlyThatPlatformsDevicesAreServedAndListed() throws Exception {
        TemplateFileProvider ios = TemplateFileProvider.builder().templates(templates).inventory(inventory)
                .globals(Map.of("domain", "example.net")).platform("ios")
                .file("conf.{serial}", "day0")
                .file("{hostname}-confg", "day0")
                .file("network-confg", "network")
                .build();
        assertThat(ios.open(request("leaf1-confg"))).isEmpty();
        assertThat(ios.open(request("conf.SAL1"))).isEmpty();
        assertThat(ios.device("leaf1-confg")).isEmpty();
        assertThat(read(ios.open(request("branch-router-1-confg")))).startsWith("hostname Branch-Router-1\n");
        assertThat(ios.device("conf.FTX1")).hasValueSatisfying(d -> assertThat(d.hostname()).isEqualTo("Branch-Router-1"));
        assertThat(read(ios.open(request("network-confg")))).isEqualTo("ip host Branch-Router-1 10.0.1.5\n");
    }

    @Test
    void aShortNameTwoDevicesShareNamesNeither() throws Exception {
        CsvInventory twins = CsvInventory.parse("twins.csv", """
                hostname,serial,platform,mgmt_address
                branch-rtr1,FTX1,ios,10.0.1.5/24
                branch-rtr2,FTX2,ios,10.0.1.6/24
                core1,FTX3,ios,10.0.1.7/24
                """);
        TemplateFileProvider p = TemplateFileProvider.builder().templates(templates).inventory(twins).listener(events::add)
                .globals(Map.of("domain", "example.net"))
                .file("{hostname8}.cfg", "day0").file("{hostname}-confg", "day0").build();
        assertThat(p.open(request("branch-r.cfg"))).isEmpty();
        assertThat(p.device("branch-r.cfg")).isEmpty();
        assertThat(events).isEmpty();
        assertThat(read(p.open(request("branch-rtr2-confg")))).startsWith("hostname branch-rtr2\n");
        assertThat(read(p.open(request("core1.cfg")))).startsWith("hostname core1\n");
        assertThat(TemplateFileProvider.hostname8("Branch-Rtr1")).isEqualTo("branch-r");
        assertThat(TemplateFileProvider.hostname8("core1")).isEqualTo("core1");
    }

    @Test
    void rejectsBadPatterns() {
        assertThatThrownBy(() -> TemplateFileProvider.builder().file("{serial}-{mac}", "t"))
                .hasMessageContaining("more than one placeholder");
        assertThatThrownBy(() -> TemplateFileProvider.builder().file("conf.{sn}", "t"))
                .hasMessageContaining("unknown placeholder");
    }
}
