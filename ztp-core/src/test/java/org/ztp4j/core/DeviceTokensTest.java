package org.ztp4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.internal.LogText;

class DeviceTokensTest {

    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final DeviceRecord LEAF = DeviceRecord.builder("leaf1").serial("SAL1234ABCD").mac("00:00:5e:00:53:01")
            .platform("nxos").build();

    @Test
    void aTokenIsTheFirst16BytesOfTheHmacOfTheSerialInLowerCaseBase32() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        byte[] digest = mac.doFinal("ztp4j device token\nserial SAL1234ABCD".getBytes(StandardCharsets.UTF_8));
        // RFC 4648 base32 of 16 bytes: 26 characters without padding, here spelt out bit by bit
        StringBuilder bits = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            bits.append(String.format("%8s", Integer.toBinaryString(digest[i] & 0xFF)).replace(' ', '0'));
        }
        bits.append("00");
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < bits.length(); i += 5) {
            expected.append("abcdefghijklmnopqrstuvwxyz234567".charAt(Integer.parseInt(bits.substring(i, i + 5), 2)));
        }
        String token = DeviceTokens.hmac(KEY).tokenFor(LEAF);
        assertThat(token).isEqualTo(expected.toString()).hasSize(26).matches(DeviceTokens.SHAPE.pattern());
        assertThat(DeviceTokens.hmac(KEY).matches(LEAF, token)).isTrue();
        assertThat(DeviceTokens.hmac(KEY).matches(LEAF, token.substring(1) + "a")).isFalse();
        assertThat(DeviceTokens.hmac(KEY).matches(LEAF, null)).isFalse();
    }

    @Test
    void anotherKeyOrDeviceGivesAnotherTokenAndAShortKeyIsRefused() {
        DeviceRecord other = DeviceRecord.builder("leaf2").serial("SAL5678EFGH").platform("nxos").build();
        assertThat(DeviceTokens.hmac(KEY).tokenFor(other)).isNotEqualTo(DeviceTokens.hmac(KEY).tokenFor(LEAF));
        assertThat(DeviceTokens.random().tokenFor(LEAF)).isNotEqualTo(DeviceTokens.hmac(KEY).tokenFor(LEAF));
        assertThatThrownBy(() -> DeviceTokens.hmac(new byte[15])).hasMessage("device token key: 15 bytes, at least 16 needed");
        assertThatThrownBy(() -> ((DeviceTokens) d -> "short").pathPrefix(LEAF))
                .hasMessageContaining("leaf1").hasMessageNotContaining("short");
    }

    @Test
    void aDevicesBootFileCarriesItsTokenOnlyInTokenMode() {
        DeviceAccess token = new DeviceAccess(Day0Access.TOKEN, DeviceTokens.hmac(KEY));
        String t = DeviceTokens.hmac(KEY).tokenFor(LEAF);
        assertThat(token.bootfile("poap.py", LEAF)).isEqualTo("t/" + t + "/poap.py");
        assertThat(token.bootfile("http://10.0.0.1:8080/ztp/iosxe.py", LEAF)).isEqualTo("http://10.0.0.1:8080/t/" + t + "/ztp/iosxe.py");
        assertThat(token.bootfile(null, LEAF)).isNull();
        assertThat(new DeviceAccess(Day0Access.LEASE, DeviceTokens.hmac(KEY)).bootfile("poap.py", LEAF)).isEqualTo("poap.py");
        assertThat(Day0Access.parse("Token")).isEqualTo(Day0Access.TOKEN);
        assertThatThrownBy(() -> Day0Access.parse("mac")).hasMessage("day-0 access 'mac': expected any, lease or token");
    }

    @Test
    void aTokenNeverReachesALogOrAnEvent() {
        String t = DeviceTokens.hmac(KEY).tokenFor(LEAF);
        assertThat(LogText.of("/t/" + t + "/conf.SAL1234ABCD")).isEqualTo("/t/<token>/conf.SAL1234ABCD");
        assertThat(LogText.of("t/short/conf")).isEqualTo("t/short/conf");
        ProvisioningEvent.FileRequested e = new ProvisioningEvent.FileRequested(Instant.now(), DeviceIdentity.unknown(),
                "/t/" + t + "/conf.SAL1234ABCD", Protocol.HTTP, null);
        assertThat(e.path()).isEqualTo("conf.SAL1234ABCD");
    }
}
