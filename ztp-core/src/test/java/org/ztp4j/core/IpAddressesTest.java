package org.ztp4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IpAddressesTest {

    @Test
    void parsesLiteralsOfBothFamilies() {
        assertThat(IpAddresses.parseIpv4("x", " 10.0.0.1 ").getHostAddress()).isEqualTo("10.0.0.1");
        assertThat(IpAddresses.parse("x", "2001:db8::1").getHostAddress()).isEqualTo("2001:db8:0:0:0:0:0:1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.net", "10.0.0.256", "10.0.0", "", "1.2.3.4.5"})
    void refusesNamesAndMalformedAddressesWithoutALookup(String text) {
        assertThatThrownBy(() -> IpAddresses.parse("--tftp-server", text))
                .hasMessage("--tftp-server: '" + text + "' is not an IP address");
    }

    @Test
    void refusesIpv6WhereIpv4IsNeeded() {
        assertThatThrownBy(() -> IpAddresses.parseIpv4("--router", "::1")).hasMessageContaining("is IPv6");
    }
}
