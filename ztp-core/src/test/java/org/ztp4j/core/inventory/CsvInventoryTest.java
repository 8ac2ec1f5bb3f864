package org.ztp4j.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.DeviceIdentity;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.MacAddress;
import org.ztp4j.core.SerialNumber;

class CsvInventoryTest {

    @TempDir
    Path dir;

    static final String GOOD = """
            # site fra1
            Hostname,Serial,MAC,Platform,mgmt_address,mgmt_gateway,mgmt_vrf,Site,enable_secret
            leaf1, sal12345678 ,7426.cc5c.9180,NXOS,10.0.0.11/24,10.0.0.1,management,fra1,"s3cr,et ""x""\"

            rtr1,,00-11-22-33-44-55,ios,10.0.1.5/30,10.0.1.6,,fra1,
            """;

    @Test
    void readsColumnsByHeaderInAnyCaseAndKeepsExtrasAsVariables() throws Exception {
        CsvInventory inv = CsvInventory.parse("devices.csv", GOOD);
        assertThat(inv.devices()).hasSize(2);
        DeviceRecord leaf = inv.bySerial(SerialNumber.of("SAL12345678")).orElseThrow();
        assertThat(leaf.hostname()).isEqualTo("leaf1");
        assertThat(leaf.platform()).isEqualTo("nxos");
        assertThat(leaf.mac()).isEqualTo(MacAddress.parse("74:26:cc:5c:91:80"));
        assertThat(leaf.managementAddress()).isEqualTo(InetAddress.getByName("10.0.0.11"));
        assertThat(leaf.prefixLength()).isEqualTo(24);
        assertThat(leaf.vrf()).isEqualTo("management");
        assertThat(leaf.variables()).containsEntry("site", "fra1").containsEntry("enable_secret", "s3cr,et \"x\"");
        DeviceRecord rtr = inv.byMac(MacAddress.parse("0011.2233.4455")).orElseThrow();
        assertThat(rtr.serial()).isNull();
        assertThat(rtr.variables()).doesNotContainKey("enable_secret");
        assertThat(inv.byHostname("RTR1")).contains(rtr);
        assertThat(inv.find(DeviceIdentity.unknown().withMac(rtr.mac()))).contains(rtr);
        assertThat(inv.find(DeviceIdentity.unknown())).isEmpty();
    }

    @Test
    void acceptsAPrefixColumnAndAByteOrderMark() {
        CsvInventory inv = CsvInventory.parse("x.csv", "\uFEFFhostname,mac,mgmt_address,mgmt_prefix\r\nsw1,001122334455,192.0.2.1,28\r\n");
        assertThat(inv.devices().iterator().next().netmask()).isEqualTo("255.255.255.240");
    }

    @Test
    void reportsEveryMalformedRowWithFileAndLine() {
        String csv = """
                hostname,serial,mac,mgmt_address
                sw1,SAL1,zz:zz,10.0.0.1/24
                sw2,SAL2,,10.0.0.300/24
                sw3,SAL3,,10.0.0.3
                sw4,SAL4
                sw5,,,
                bad name,SAL6,,
                sw7,SAL7,,"10.0.0.7/24
                """;
        assertThatThrownBy(() -> CsvInventory.parse("devices.csv", csv))
                .isInstanceOfSatisfying(InventoryException.class, e -> assertThat(e.problems()).containsExactly(
                        "devices.csv:8: quoted field is never closed",
                        "devices.csv:2: MAC address: 'zz:zz' is not aa:bb:cc:dd:ee:ff, aa-bb-cc-dd-ee-ff, aabb.ccdd.eeff or aabbccddeeff",
                        "devices.csv:3: mgmt_address: '10.0.0.300' is not an IP address",
                        "devices.csv:4: mgmt_address: '10.0.0.3' needs a prefix length (10.0.0.11/24, or a mgmt_prefix column)",
                        "devices.csv:5: has 2 fields, the header has 4",
                        "devices.csv:6: device sw5: needs a serial number or a MAC address",
                        "devices.csv:7: hostname: 'bad name' must start with a letter or digit and hold only letters, digits, '.' and '-' (at most 63)"));
    }

    @Test
    void reportsDuplicatesWithBothLines() {
        String csv = "hostname,serial,mac\nsw1,SAL1,00:00:00:00:00:01\nsw2,sal1,00:00:00:00:00:02\nSW1,SAL3,0000.0000.0002\n";
        assertThatThrownBy(() -> CsvInventory.parse("d.csv", csv))
                .isInstanceOfSatisfying(InventoryException.class, e -> assertThat(e.problems()).containsExactly(
                        "d.csv:3: duplicate serial SAL1 (first on line 2)",
                        "d.csv:4: duplicate MAC 00:00:00:00:00:02 (first on line 3)",
                        "d.csv:4: duplicate hostname sw1 (first on line 2)"));
    }

    @Test
    void reportsBadHeaders() {
        assertThatThrownBy(() -> CsvInventory.parse("h.csv", "name,serial\n")).hasMessage("h.csv:1: no 'hostname' column");
        assertThatThrownBy(() -> CsvInventory.parse("h.csv", "hostname,platform\n")).hasMessage("h.csv:1: needs a 'serial' or a 'mac' column");
        assertThatThrownBy(() -> CsvInventory.parse("h.csv", "hostname,serial,serial\n")).hasMessageContaining("column 'serial' appears twice");
        assertThatThrownBy(() -> CsvInventory.parse("h.csv", "hostname,serial,my var\n")).hasMessageContaining("column 'my var' must be");
        assertThatThrownBy(() -> CsvInventory.parse("h.csv", "\n# only comments\n")).hasMessage("h.csv: no header row");
    }

    @Test
    void reloadSwapsAtOnceAndKeepsTheLastGoodDataWhenTheNewFileIsBad() throws Exception {
        Path f = dir.resolve("devices.csv");
        Files.writeString(f, "hostname,serial\nsw1,SAL1\n");
        CsvInventory inv = CsvInventory.load(f);
        assertThat(inv.reloadIfChanged()).isFalse();

        Files.writeString(f, "hostname,serial\nsw1,SAL1\nsw2,SAL2\n");
        Files.setLastModifiedTime(f, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(inv.reloadIfChanged()).isTrue();
        assertThat(inv.devices()).hasSize(2);

        Files.writeString(f, "hostname,serial\nsw1,SAL1\nsw1,SAL2\n");
        Files.setLastModifiedTime(f, FileTime.from(Instant.now().plusSeconds(10)));
        assertThatThrownBy(inv::reloadIfChanged).isInstanceOf(InventoryException.class)
                .hasMessageContaining(f + ":3: duplicate hostname sw1");
        assertThat(inv.devices()).extracting(DeviceRecord::hostname).containsExactly("sw1", "sw2");
        assertThat(inv.bySerial(SerialNumber.of("SAL2"))).isPresent();
    }

    @Test
    void readersNeverSeeHalfAReload() throws Exception {
        Path f = dir.resolve("devices.csv");
        String a = "hostname,serial\n" + rows("a", 500);
        String b = "hostname,serial\n" + rows("b", 500);
        Files.writeString(f, a);
        CsvInventory inv = CsvInventory.load(f);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> torn = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            while (!stop.get()) {
                var devices = inv.devices();
                String first = devices.iterator().next().hostname().substring(0, 1);
                if (devices.size() != 500 || devices.stream().anyMatch(d -> !d.hostname().startsWith(first))) {
                    torn.set("mixed inventory seen");
                }
            }
        });
        reader.start();
        for (int i = 0; i < 40; i++) {
            Files.writeString(f, i % 2 == 0 ? b : a);
            inv.reload();
        }
        stop.set(true);
        reader.join();
        assertThat(torn.get()).isNull();
    }

    @Test
    void refusesFilesThatAreNotUtf8() throws Exception {
        Path f = dir.resolve("latin1.csv");
        Files.write(f, new byte[] {'h', 'o', 's', 't', 'n', 'a', 'm', 'e', ',', 's', 'e', 'r', 'i', 'a', 'l', '\n', (byte) 0xE9, ',', 'X', '\n'});
        assertThatThrownBy(() -> CsvInventory.load(f)).hasMessage(f + ": not UTF-8 text");
    }

    private static String rows(String prefix, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(prefix).append(i).append(",S").append(prefix).append(i).append('\n');
        }
        return b.toString();
    }

    @Test
    void aColumnCloseToAKnownOneIsAnErrorNamingTheNearest() {
        assertThatThrownBy(() -> CsvInventory.parse("inv.csv", "hostname,serial,mgmt_ip\nleaf1,SAL1,10.0.0.1/24\n"))
                .isInstanceOf(InventoryException.class)
                .hasMessageContaining("inv.csv:1: column 'mgmt_ip' is not a known column; did you mean 'mgmt_address'?");
        assertThatThrownBy(() -> CsvInventory.parse("inv.csv", "hostname,serial,mgmt_gatway\nleaf1,SAL1,10.0.0.1\n"))
                .hasMessageContaining("did you mean 'mgmt_gateway'?");
        assertThatThrownBy(() -> CsvInventory.parse("inv.csv", "hostname,seriall\nleaf1,SAL1\n"))
                .hasMessageContaining("did you mean 'serial'?");
    }

    @Test
    void columnsFarFromEveryKnownOneStayTemplateVariables() {
        var inv = CsvInventory.parse("inv.csv", "hostname,serial,site,snmp_location\nleaf1,SAL1,ams1,rack 4\n");
        assertThat(inv.byHostname("leaf1").orElseThrow().templateScope()).containsEntry("site", "ams1")
                .containsEntry("snmp_location", "rack 4");
    }

    @Test
    void replaceWithTakesANewerLoadOfTheSameFileOnly(@TempDir Path tmp) throws Exception {
        Path csv = tmp.resolve("devices.csv");
        Files.writeString(csv, "hostname,serial\nleaf1,SAL1\n");
        CsvInventory served = CsvInventory.load(csv);
        Files.writeString(csv, "hostname,serial\nleaf1,SAL1\nleaf2,SAL2\n");
        CsvInventory checked = CsvInventory.load(csv);
        Files.writeString(csv, "hostname,serial\nother,SAL9\n"); // written after the check: not taken
        served.replaceWith(checked);
        assertThat(served.devices()).extracting(DeviceRecord::hostname).containsExactly("leaf1", "leaf2");
        Path elsewhere = tmp.resolve("other.csv");
        Files.writeString(elsewhere, "hostname,serial\nx,SALX\n");
        assertThatThrownBy(() -> served.replaceWith(CsvInventory.load(elsewhere))).hasMessageContaining("not a load of");
    }
}
