package org.ztp4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformSettingsTest {

    /** A stand-in adapter: an id and its declared settings. */
    private static PlatformAdapter adapter(String id, PlatformSetting<?>... settings) {
        return new PlatformAdapter() {
            public String id() {
                return id;
            }

            public String displayName() {
                return id;
            }

            public boolean recognises(DhcpFingerprint dhcp) {
                return false;
            }

            public BootOffer bootOffer(PlatformContext context) {
                return new BootOffer(id, BootOffer.ANY_DEVICE, null, null, true);
            }

            public FileProvider files(PlatformContext context) {
                return request -> java.util.Optional.empty();
            }

            public String day0Config(DeviceRecord device, PlatformContext context) {
                return "";
            }

            public List<PlatformSetting<?>> settings() {
                return List.of(settings);
            }
        };
    }

    private static final List<PlatformAdapter> ADAPTERS = List.of(
            adapter("nxos", PlatformSettingTest.TRANSFER, PlatformSettingTest.IMAGE, PlatformSettingTest.VRF,
                    PlatformSetting.oneOf("nxos", "mode", "serial", "which file", "serial", "mac", "hostname")),
            adapter("ios", PlatformSettingTest.SAVE, PlatformSettingTest.INTERFACE),
            adapter("eos"));

    @Test
    void acceptsDeclaredSettingsWithGoodValues() {
        assertThatCode(() -> PlatformSettings.check(ADAPTERS, Map.of("nxos.transfer", "http", "ios.save", "TRUE", "nxos.image", "")))
                .doesNotThrowAnyException();
        assertThatCode(() -> PlatformSettings.check(ADAPTERS, Map.of())).doesNotThrowAnyException();
    }

    @Test
    void aMisspeltSettingNamesItAndTheNearestKnownOne() {
        assertThatThrownBy(() -> PlatformSettings.check(ADAPTERS, Map.of("nxos.tranfser", "http")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown setting nxos.tranfser (did you mean nxos.transfer?)");
        assertThatThrownBy(() -> PlatformSettings.check(ADAPTERS, Map.of("ios.mgmt-interfce", "Gi0/0")))
                .hasMessage("unknown setting ios.mgmt-interfce (did you mean ios.mgmt-interface?)");
        assertThatThrownBy(() -> PlatformSettings.check(ADAPTERS, Map.of("NXOS.Image", "x.bin")))
                .hasMessageContaining("did you mean nxos.image?");
    }

    @Test
    void anUnknownPlatformOrAPlatformWithoutSettingsIsSaidSo() {
        assertThatThrownBy(() -> PlatformSettings.check(ADAPTERS, Map.of("nxso.transfer", "http")))
                .hasMessage("unknown setting nxso.transfer: no installed platform is nxso (installed: nxos, ios, eos)"
                        + " (did you mean nxos.transfer?)");
        assertThatThrownBy(() -> PlatformSettings.check(ADAPTERS, Map.of("eos.save", "true")))
                .hasMessage("unknown setting eos.save: platform eos declares no settings (did you mean ios.save?)");
        assertThatThrownBy(() -> PlatformSettings.check(ADAPTERS, Map.of("transfer", "http")))
                .hasMessage("unknown setting transfer: settings are named PLATFORM.SETTING (did you mean nxos.transfer?)");
        assertThatThrownBy(() -> PlatformSettings.check(List.of(adapter("eos")), Map.of("eos.x", "1")))
                .hasMessage("unknown setting eos.x: platform eos declares no settings (no installed platform declares any settings)");
    }

    @Test
    void aBadValueNamesTheSettingAndTheValue() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("nxos.transfer", "http");
        settings.put("nxos.mode", "location");
        assertThatThrownBy(() -> PlatformSettings.check(ADAPTERS, settings))
                .hasMessage("setting nxos.mode=location: must be one of serial, mac, hostname");
    }

    @Test
    void declarationsMustBelongToTheirAdapterAndBeUnique() {
        assertThatThrownBy(() -> PlatformSettings.declared(List.of(adapter("ios", PlatformSettingTest.TRANSFER))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ios declares nxos.transfer");
        assertThatThrownBy(() -> PlatformSettings.declared(List.of(adapter("ios", PlatformSettingTest.SAVE, PlatformSettingTest.SAVE))))
                .hasMessage("setting ios.save is declared twice");
    }

    @Test
    void editDistanceCountsASwapOfNeighboursAsOne() {
        assertThat(org.ztp4j.core.internal.EditDistance.between("tranfser", "transfer")).isEqualTo(1);
        assertThat(org.ztp4j.core.internal.EditDistance.between("transfer", "transfer")).isZero();
        assertThat(org.ztp4j.core.internal.EditDistance.between("", "abc")).isEqualTo(3);
        assertThat(org.ztp4j.core.internal.EditDistance.between("kitten", "sitting")).isEqualTo(3);
        assertThat(PlatformSettings.nearest("x", List.of())).isEmpty();
    }
}
