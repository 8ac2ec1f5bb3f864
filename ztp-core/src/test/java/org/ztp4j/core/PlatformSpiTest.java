package org.ztp4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.inventory.CsvInventory;

class PlatformSpiTest {

    /** Declared in src/test/resources/META-INF/services/org.ztp4j.core.PlatformAdapter. */
    public static final class TestAdapter implements PlatformAdapter {
        @Override
        public String id() {
            return "testos";
        }

        @Override
        public String displayName() {
            return "Test OS";
        }

        @Override
        public boolean recognises(DhcpFingerprint dhcp) {
            return dhcp.vendorClassStartsWith("TestOS");
        }

        @Override
        public BootOffer bootOffer(PlatformContext context) {
            return new BootOffer(id(), BootOffer.VENDOR_CLASS, "TestOS", context.servers().httpUrl("testos/boot"), false);
        }

        @Override
        public String day0Config(DeviceRecord device, PlatformContext context) {
            return "hostname " + device.hostname() + "\n";
        }

        @Override
        public FileProvider files(PlatformContext context) {
            return r -> Optional.empty();
        }
    }

    @Test
    void discoversAdaptersThroughServiceLoader() throws Exception {
        List<PlatformAdapter> found = PlatformAdapters.discover();
        assertThat(found).extracting(PlatformAdapter::id).contains("testos");
        PlatformAdapter a = PlatformAdapters.byId(found, "testos").orElseThrow();
        assertThat(a.recognises(new DhcpFingerprint("testos-1.0", null, null))).isTrue();
        assertThat(a.recognises(new DhcpFingerprint(null, "TestOS", null))).isFalse();
        BootServers servers = new BootServers(List.of(InetAddress.getByName("10.0.0.1")), 69, URI.create("http://10.0.0.1:8080/"), null);
        PlatformContext context = new PlatformContext(org.ztp4j.core.inventory.InMemoryInventory.of(List.of()), null, servers, null, null, null, null);
        assertThat(a.bootOffer(context).bootfile()).isEqualTo("http://10.0.0.1:8080/testos/boot");
        assertThat(a.bootOffer(context).bootfileIsUrl()).isTrue();
    }

    @Test
    void bootServersAndOffersRejectNonsense() throws Exception {
        assertThatThrownBy(() -> new BootServers(List.of(), 69, null, null)).hasMessageContaining("at least one TFTP server");
        InetAddress a = InetAddress.getByName("10.0.0.1");
        assertThatThrownBy(() -> new BootServers(List.of(a), 0, null, null)).hasMessageContaining("port 0");
        assertThatThrownBy(() -> new BootServers(List.of(a), 69, URI.create("ftp://x"), null)).hasMessageContaining("'ftp://x'");
        assertThatThrownBy(() -> BootServers.of(a, null).httpUrl("x")).hasMessageContaining("no HTTP base URL");
        assertThatThrownBy(() -> new BootOffer("NX OS", 0, null, null, true)).hasMessageContaining("platform: 'NX OS'");
        assertThatThrownBy(() -> new BootOffer("nxos", 61, "x", null, true)).hasMessageContaining("match option 61");
        assertThatThrownBy(() -> new BootOffer("nxos", 77, null, null, true)).hasMessageContaining("match prefix");
        assertThatThrownBy(() -> new BootOffer("nxos", 0, null, "a\"b", true)).hasMessageContaining("boot file");
    }

    @Test
    void contextSettingsAreNamedByPlatform() throws Exception {
        PlatformContext c = new PlatformContext(CsvInventory.parse("x", "hostname,serial\n"), null,
                BootServers.of(InetAddress.getByName("10.0.0.1"), null), null, null, null,
                Map.of("nxos.image", "nxos.bin", "ios.save", "true"));
        assertThat(c.setting(PlatformSetting.fileName("nxos", "image", "an image"))).isEqualTo("nxos.bin");
        assertThat(c.setting(PlatformSetting.fileName("iosxe", "image", "an image"))).isNull();
        assertThat(c.setting(PlatformSetting.flag("ios", "save", false, "save it"))).isTrue();
        assertThat(c.setting(PlatformSetting.flag("nxos", "save", false, "save it"))).isFalse();
        assertThat(c.leases().find(InetAddress.getByName("10.0.0.9"))).isEmpty();
    }
}
