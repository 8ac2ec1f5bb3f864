package org.ztp4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformSettingTest {

    static final PlatformSetting<String> TRANSFER = PlatformSetting.oneOf("nxos", "transfer", "tftp", "how files come",
            "tftp", "http", "https", "scp");
    static final PlatformSetting<Boolean> SAVE = PlatformSetting.flag("ios", "save", false, "save once");
    static final PlatformSetting<String> IMAGE = PlatformSetting.fileName("nxos", "image", "an image");
    static final PlatformSetting<String> INTERFACE = PlatformSetting.interfaceName("ios", "mgmt-interface", "GigabitEthernet0/0", "mgmt");
    static final PlatformSetting<String> VRF = PlatformSetting.text("nxos", "vrf", null, "the VRF", "[A-Za-z0-9_.:-]{1,32}", "a VRF name");
    static final PlatformSetting<Integer> PORT = PlatformSetting.integer("junos", "http-port", 80, 1, 65535, "the port");

    @Test
    void parsesTypedValuesAndFallsBackToTheDefaultWhenNotGivenOrBlank() {
        assertThat(TRANSFER.parse("HTTP ")).isEqualTo("http");
        assertThat(TRANSFER.parse(null)).isEqualTo("tftp");
        assertThat(TRANSFER.parse("  ")).isEqualTo("tftp");
        assertThat(SAVE.parse("True")).isTrue();
        assertThat(SAVE.parse(null)).isFalse();
        assertThat(IMAGE.parse(null)).isNull();
        assertThat(IMAGE.parse("nxos64-cs.10.4.3.F.bin")).isEqualTo("nxos64-cs.10.4.3.F.bin");
        assertThat(INTERFACE.parse("mgmt0")).isEqualTo("mgmt0");
        assertThat(PORT.parse("8080")).isEqualTo(8080);
        assertThat(VRF.parse("management")).isEqualTo("management");
    }

    @Test
    void badValuesNameTheSettingAndTheValue() {
        assertThatThrownBy(() -> TRANSFER.parse("location")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setting nxos.transfer=location: must be one of tftp, http, https, scp");
        assertThatThrownBy(() -> SAVE.parse("yes")).hasMessage("setting ios.save=yes: must be true or false");
        assertThatThrownBy(() -> IMAGE.parse("../etc/passwd"))
                .hasMessage("setting nxos.image=../etc/passwd: must be a plain file name (letters, digits, '.', '_', '+', '-')");
        assertThatThrownBy(() -> IMAGE.parse(".hidden")).hasMessageStartingWith("setting nxos.image=.hidden: must be a plain file name");
        assertThatThrownBy(() -> INTERFACE.parse("Gi 0/0")).hasMessage("setting ios.mgmt-interface=Gi 0/0: not an interface name");
        assertThatThrownBy(() -> VRF.parse("a b")).hasMessage("setting nxos.vrf=a b: not a VRF name");
        assertThatThrownBy(() -> PORT.parse("http")).hasMessage("setting junos.http-port=http: must be a whole number 1..65535");
        assertThatThrownBy(() -> PORT.parse("0")).hasMessage("setting junos.http-port=0: must be a whole number 1..65535");
    }

    @Test
    void describesItselfForListings() {
        assertThat(TRANSFER.key()).isEqualTo("nxos.transfer");
        assertThat(TRANSFER.type()).isEqualTo("one of tftp|http|https|scp");
        assertThat(TRANSFER.choices()).containsExactly("tftp", "http", "https", "scp");
        assertThat(TRANSFER.defaultText()).isEqualTo("tftp");
        assertThat(IMAGE.defaultText()).isEqualTo("none");
        assertThat(SAVE.type()).isEqualTo("boolean");
        assertThat(SAVE.defaultText()).isEqualTo("false");
        assertThat(VRF.type()).isEqualTo("text (a VRF name)");
        assertThat(PORT.type()).isEqualTo("integer 1..65535");
        assertThat(SAVE.description()).isEqualTo("save once");
    }

    @Test
    void refusesBadDeclarations() {
        assertThatThrownBy(() -> PlatformSetting.oneOf("nxos", "mode", "location", "x", "serial", "mac"))
                .hasMessage("setting nxos.mode: default 'location' is not one of serial, mac");
        assertThatThrownBy(() -> PlatformSetting.flag("NX", "save", false, "x")).hasMessageContaining("platform 'NX'");
        assertThatThrownBy(() -> PlatformSetting.flag("nxos", "Save", false, "x")).hasMessageContaining("name 'Save'");
    }

    @Test
    void theContextReadsADeclaredSettingTyped() {
        PlatformContext context = new PlatformContext(org.ztp4j.core.inventory.InMemoryInventory.of(List.of()), null,
                new BootServers(List.of(IpAddresses.parseIpv4("t", "192.0.2.1")), 69, null, null), null, null, null,
                Map.of("nxos.transfer", "SCP", "ios.save", "true"));
        assertThat(context.setting(TRANSFER)).isEqualTo("scp");
        assertThat(context.setting(SAVE)).isTrue();
        assertThat(context.setting(IMAGE)).isNull();
    }
}
