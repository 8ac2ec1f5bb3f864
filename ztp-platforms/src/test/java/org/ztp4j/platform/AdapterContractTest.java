package org.ztp4j.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.BootServers;
import org.ztp4j.core.DhcpFingerprint;
import org.ztp4j.core.PlatformAdapter;
import org.ztp4j.core.PlatformAdapters;
import org.ztp4j.platform.ios.IosAutoInstallAdapter;
import org.ztp4j.platform.iosxe.IosXeZtpAdapter;
import org.ztp4j.platform.nxos.NxosPoapAdapter;

/** Recognition, DHCP offers per setting, settings errors and discovery of the three adapters. */
class AdapterContractTest {

    private static byte[] clientId(String text) {
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        byte[] id = new byte[t.length + 1];
        System.arraycopy(t, 0, id, 1, t.length);
        return id;
    }

    private final NxosPoapAdapter nxos = new NxosPoapAdapter();
    private final IosAutoInstallAdapter ios = new IosAutoInstallAdapter();
    private final IosXeZtpAdapter iosxe = new IosXeZtpAdapter();

    @Test
    void serviceLoaderFindsTheShippedAdapters() {
        assertThat(PlatformAdapters.discover()).extracting(PlatformAdapter::id).containsExactly("nxos", "ios", "iosxe", "eos", "junos", "aoscx", "pnp", "sonic", "cumulus", "srlinux");
    }

    @Test
    void nxosIsRecognisedByUserClassOrBySerialClientIdButNotWhenItIsIosXe() {
        assertThat(nxos.recognises(new DhcpFingerprint(null, "Cisco-POAP", null))).isTrue();
        assertThat(nxos.recognises(new DhcpFingerprint("Cisco N9K-NXOSV", null, clientId("SAL12345678")))).isTrue();
        assertThat(nxos.recognises(new DhcpFingerprint("ciscopnp", null, clientId("FJC27271B8C")))).isFalse();
        assertThat(nxos.recognises(new DhcpFingerprint(null, null, new byte[] {1, 0x74, 0x26, (byte) 0xcc, 0x5c, (byte) 0x91, (byte) 0x80}))).isFalse();
        assertThat(nxos.recognises(new DhcpFingerprint(null, null, null))).isFalse();
    }

    @Test
    void iosXeIsRecognisedByCiscopnpAndIosByItsCiscoClientId() {
        assertThat(iosxe.recognises(new DhcpFingerprint("ciscopnp", null, clientId("cisco-701f.5300.0001-Gi0/0")))).isTrue();
        assertThat(iosxe.recognises(new DhcpFingerprint(null, "Cisco-POAP", null))).isFalse();
        assertThat(ios.recognises(new DhcpFingerprint(null, null, clientId("cisco-0019.e8a4.5a01-Fa0/0")))).isTrue();
        assertThat(ios.recognises(new DhcpFingerprint("ciscopnp", null, clientId("cisco-0019.e8a4.5a01-Fa0/0")))).isFalse();
        assertThat(ios.recognises(new DhcpFingerprint(null, "Cisco-POAP", clientId("SAL12345678")))).isFalse();
    }

    @Test
    void nxosOffersPoapPyOverTftpMatchedOnOption77() {
        assertThat(nxos.bootOffer(Fixtures.context(Map.of())))
                .isEqualTo(new BootOffer("nxos", BootOffer.USER_CLASS, "Cisco-POAP", "poap.py", true));
        assertThat(nxos.bootOffer(Fixtures.context(Map.of("nxos.transfer", "https"))))
                .isEqualTo(new BootOffer("nxos", BootOffer.USER_CLASS, "Cisco-POAP", "poap.py", true));
    }

    @Test
    void nxosOverHttpPutsTheServerUrlInOption66AndThePathIn67() {
        assertThat(nxos.bootOffer(Fixtures.context(Map.of("nxos.transfer", "http"))))
                .isEqualTo(new BootOffer("nxos", BootOffer.USER_CLASS, "Cisco-POAP", "poap.py", false, "http://192.0.2.1:8080"));
    }

    @Test
    void iosOffersNoBootFileToEveryClientAndNamesTheTftpServer() {
        BootOffer offer = ios.bootOffer(Fixtures.context(Map.of()));
        assertThat(offer.matchOption()).isEqualTo(BootOffer.ANY_DEVICE);
        assertThat(offer.bootfile()).isNull();
        assertThat(offer.tftpServer()).isTrue();
    }

    @Test
    void iosXeOffersTheScriptUrlOrWithTftpAFileName() {
        assertThat(iosxe.bootOffer(Fixtures.context(Map.of())))
                .isEqualTo(new BootOffer("iosxe", BootOffer.VENDOR_CLASS, "ciscopnp", "http://192.0.2.1:8080/ztp/iosxe.py", false));
        assertThat(iosxe.bootOffer(Fixtures.context(Map.of("iosxe.transfer", "tftp"))))
                .isEqualTo(new BootOffer("iosxe", BootOffer.VENDOR_CLASS, "ciscopnp", "ztp/iosxe.py", true));
        BootServers tftpOnly = new BootServers(Fixtures.servers().tftpServers(), 69, null, null);
        var tftpOnlyContext = new org.ztp4j.core.PlatformContext(Fixtures.inventory(), null, tftpOnly, null, null, Fixtures.GLOBALS, Map.of());
        assertThat(iosxe.bootOffer(tftpOnlyContext).bootfile()).isEqualTo("ztp/iosxe.py");
    }

    @Test
    void badSettingsAreRefusedNamingTheSettingAndValue() {
        assertThatThrownBy(() -> nxos.files(Fixtures.context(Map.of("nxos.mode", "location"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setting nxos.mode=location: must be one of serial, mac, hostname");
        assertThatThrownBy(() -> nxos.files(Fixtures.context(Map.of("nxos.image", "../etc/passwd"))))
                .hasMessageContaining("nxos.image=../etc/passwd");
        assertThatThrownBy(() -> nxos.files(Fixtures.context(Map.of("nxos.transfer", "scp"))))
                .hasMessageContaining("nxos.transfer-user");
        assertThatThrownBy(() -> ios.files(Fixtures.context(Map.of("ios.default-config", "maybe"))))
                .hasMessageContaining("ios.default-config=maybe");
        assertThatThrownBy(() -> iosxe.files(Fixtures.context(Map.of("iosxe.transfer", "ftp"))))
                .hasMessageContaining("iosxe.transfer=ftp");
        BootServers tftpOnly = new BootServers(Fixtures.servers().tftpServers(), 69, null, null);
        var context = new org.ztp4j.core.PlatformContext(Fixtures.inventory(), null, tftpOnly, null, null, Fixtures.GLOBALS,
                Map.of("nxos.transfer", "http"));
        assertThatThrownBy(() -> nxos.files(context)).hasMessageContaining("needs an HTTP server");
    }
}
