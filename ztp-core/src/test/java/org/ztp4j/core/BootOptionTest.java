package org.ztp4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.BootOption.SubOption;

class BootOptionTest {

    @Test
    void encodesEachTypeAsItGoesOnTheWire() throws Exception {
        assertThat(BootOption.text(239, "http://10.0.0.1/z.sh").hex()).isEqualTo("687474703a2f2f31302e302e302e312f7a2e7368");
        assertThat(BootOption.ipv4(150, List.of(InetAddress.getByName("10.0.0.1"), InetAddress.getByName("10.0.0.2"))).hex())
                .isEqualTo("0a0000010a000002");
        assertThat(BootOption.uint8(224, 5).hex()).isEqualTo("05");
        assertThat(BootOption.uint16(225, 8080).hex()).isEqualTo("1f90");
        assertThat(BootOption.uint32(226, 4294967295L).hex()).isEqualTo("ffffffff");
        assertThat(BootOption.hex(143, "00:15:68").hex()).isEqualTo("001568");
        assertThat(BootOption.bytes(143, new byte[] {1, 2}).type()).isEqualTo(BootOption.Type.HEX);
    }

    @Test
    void vendorSpecificSubOptionsAreCodeLengthValue() {
        // Junos ZTP: sub-option 1 config file name "juniper.conf", 3 transfer mode "ftp"
        BootOption o = BootOption.vendorSpecific(SubOption.text(1, "juniper.conf"), SubOption.text(3, "ftp"));
        assertThat(o.code()).isEqualTo(43);
        assertThat(o.hex()).isEqualTo("01" + "0c" + "6a756e697065722e636f6e66" + "03" + "03" + "667470");
        assertThat(o.type()).isEqualTo(BootOption.Type.VENDOR_SPECIFIC);
        assertThat(o).hasToString("option 43 sub-options 1=\"juniper.conf\" 3=\"ftp\"");
        assertThat(new SubOption(0, new byte[0])).isEqualTo(new SubOption(0, new byte[0]));
    }

    @Test
    void badCodesAndValuesAreRefusedNamingTheOption() throws Exception {
        assertThatThrownBy(() -> BootOption.text(0, "x")).hasMessage("option 0: code is not 1..254 (0 is pad, 255 is end)");
        assertThatThrownBy(() -> BootOption.text(255, "x")).hasMessageStartingWith("option 255: code is not 1..254");
        assertThatThrownBy(() -> BootOption.text(239, "say \"hi\""))
                .hasMessageStartingWith("option 239: text 'say \"hi\"' must be 1..255 bytes without quotes");
        assertThatThrownBy(() -> BootOption.text(239, "")).hasMessageStartingWith("option 239: text ''");
        assertThatThrownBy(() -> BootOption.text(239, "a\nb")).hasMessageStartingWith("option 239: text 'a\\x0ab'");
        assertThatThrownBy(() -> BootOption.text(239, "x".repeat(256))).hasMessageStartingWith("option 239: text 'xxx");
        assertThatThrownBy(() -> BootOption.uint8(224, 256)).hasMessage("option 224: uint8 256 is not 0..255");
        assertThatThrownBy(() -> BootOption.uint16(224, -1)).hasMessage("option 224: uint16 -1 is not 0..65535");
        assertThatThrownBy(() -> BootOption.hex(143, "abc")).hasMessage("option 143: 'abc' is not an even number of hex digits");
        assertThatThrownBy(() -> BootOption.hex(143, "")).hasMessage("option 143: 0 bytes: needs 1..255");
        assertThatThrownBy(() -> BootOption.ipv4(150, List.of(InetAddress.getByName("::1"))))
                .hasMessage("option 150: 0:0:0:0:0:0:0:1 is not an IPv4 address");
        assertThatThrownBy(() -> BootOption.vendorSpecific()).hasMessage("option 43: needs at least one sub-option");
        assertThatThrownBy(() -> BootOption.vendorSpecific(SubOption.text(1, "a"), SubOption.text(1, "b")))
                .hasMessage("option 43: sub-option 1 given twice");
        assertThatThrownBy(() -> BootOption.vendorSpecific(SubOption.text(0, "x".repeat(200)), SubOption.text(1, "y".repeat(60))))
                .hasMessage("option 43: sub-options take 264 bytes, more than 255");
        assertThatThrownBy(() -> new SubOption(256, new byte[0])).hasMessage("sub-option 256: code is not 0..255");
    }
}
