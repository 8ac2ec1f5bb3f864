package org.ztp4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MacAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"74:26:cc:5c:91:80", "74-26-CC-5C-91-80", "7426.cc5c.9180", "7426CC5C9180", " 7426cc5c9180 "})
    void parsesEveryCommonSpellingToTheSameAddress(String text) {
        MacAddress mac = MacAddress.parse(text);
        assertThat(mac.toString()).isEqualTo("74:26:cc:5c:91:80");
        assertThat(mac.toHex12()).isEqualTo("7426CC5C9180");
        assertThat(mac.toCiscoDotted()).isEqualTo("7426.cc5c.9180");
        assertThat(mac).isEqualTo(MacAddress.parse("74:26:cc:5c:91:80"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "74:26:cc:5c:91", "74:26:cc:5c:91:80:00", "74:26-cc:5c:91:80", "zz:26:cc:5c:91:80",
            "7426.cc5c.918", "7426cc5c918", "74:26:cc:5c:91:8g"})
    void rejectsGarbageWithAMessageNamingIt(String text) {
        assertThatThrownBy(() -> MacAddress.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("MAC address: '" + text + "'");
    }

    @Test
    void roundTripsThroughBytes() {
        byte[] b = {0x00, 0x1b, (byte) 0xd4, 0x12, 0x34, (byte) 0xff};
        assertThat(MacAddress.ofBytes(b).toBytes()).containsExactly(b);
        assertThat(MacAddress.ofBytes(b).toString()).isEqualTo("00:1b:d4:12:34:ff");
    }

    @Test
    void rejectsNullAndShortByteArrays() {
        assertThatThrownBy(() -> MacAddress.parse(null)).hasMessage("MAC address: missing");
        assertThatThrownBy(() -> MacAddress.ofBytes(new byte[5])).hasMessageContaining("need 6 bytes, got 5");
    }
}
