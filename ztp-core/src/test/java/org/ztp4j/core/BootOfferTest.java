package org.ztp4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BootOfferTest {

    @Test
    void option66IsTheTftpServerUnlessTheOfferHasItsOwnText() {
        assertThat(new BootOffer("nxos", 77, "Cisco-POAP", "poap.py", true).option66("10.0.0.1")).isEqualTo("10.0.0.1");
        assertThat(new BootOffer("iosxe", 60, "ciscopnp", "http://x/ztp.py", false).option66("10.0.0.1")).isNull();
        BootOffer http = new BootOffer("nxos", 77, "Cisco-POAP", "poap.py", false, "http://10.0.0.1:8080");
        assertThat(http.option66("10.0.0.1")).isEqualTo("http://10.0.0.1:8080");
        assertThat(http.serverName()).isEqualTo("http://10.0.0.1:8080");
    }

    @Test
    void refusesOption66TextThatNoServerSyntaxCanCarry() {
        assertThatThrownBy(() -> new BootOffer("nxos", 77, "Cisco-POAP", "poap.py", false, "a,b"))
                .hasMessage("platform nxos: option 66 text 'a,b' must be 1..255 characters without quotes, commas or NUL");
        assertThatThrownBy(() -> new BootOffer("nxos", 77, "Cisco-POAP", "poap.py", false, ""))
                .hasMessageContaining("option 66 text ''");
    }
}
