package org.ztp4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.BootOption.SubOption;

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

    @Test
    void refusesControlCharactersInEveryTextADhcpConfigurationLineCarries() {
        // a line break would end the class line of dhcpd.conf or dnsmasq.conf and start one of the text's choosing
        assertThatThrownBy(() -> new BootOffer("nxos", 77, "Cisco\nPOAP", "poap.py", true))
                .hasMessage("platform nxos: match prefix 'Cisco\\x0aPOAP': control character U+000A at position 6"
                        + " (one line of text, no control characters)");
        assertThatThrownBy(() -> BootOffer.builder("eos").matchVendorClass("Arista\t").build())
                .hasMessageStartingWith("platform eos: match prefix 'Arista\\x09': control character U+0009 at position 7");
        assertThatThrownBy(() -> new BootOffer("nxos", 77, "Cisco-POAP", "poap.py\r", true))
                .hasMessageStartingWith("platform nxos: boot file 'poap.py\\x0d': control character U+000D at position 8");
        assertThatThrownBy(() -> new BootOffer("nxos", 77, "Cisco-POAP", "poap.py", false, "http://a\u007f"))
                .hasMessageStartingWith("platform nxos: option 66 text 'http://a\\x7f': control character U+007F at position 9");
        assertThatThrownBy(() -> new BootOffer("nxos", 77, "Cisco\u0085", "poap.py", true))
                .hasMessageContaining("control character U+0085 at position 6");
        assertThatThrownBy(() -> BootOption.text(239, "http://x/\nztp.sh"))
                .hasMessageStartingWith("option 239: text 'http://x/\\x0aztp.sh': control character U+000A at position 10");
        assertThat(new BootOffer("nxos", 77, "Cisco POAP é", "poap.py", true).matchPrefix()).isEqualTo("Cisco POAP é");
    }

    @Test
    void theOldConstructorsMakeOffersWithoutFurtherOptions() {
        BootOffer five = new BootOffer("nxos", 77, "Cisco-POAP", "poap.py", true);
        assertThat(five.options()).isEmpty();
        assertThat(five).isEqualTo(new BootOffer("nxos", 77, "Cisco-POAP", "poap.py", true, null, List.of()));
        assertThat(five).isEqualTo(BootOffer.builder("nxos").matchUserClass("Cisco-POAP").bootfile("poap.py").tftpServer(true).build());
    }

    @Test
    void aBuilderMakesJunosAndCumulusOffers() {
        BootOffer junos = BootOffer.builder("junos").matchVendorClass("Juniper-").tftpServer(true)
                .option(BootOption.vendorSpecific(SubOption.text(1, "juniper.conf"), SubOption.text(3, "tftp")))
                .build();
        assertThat(junos.matchOption()).isEqualTo(BootOffer.VENDOR_CLASS);
        assertThat(junos.bootfile()).isNull();
        assertThat(junos.option(43)).isPresent();
        assertThat(junos.option(239)).isEmpty();
        BootOffer cumulus = BootOffer.builder("cumulus").matchVendorClass("cumulus-linux")
                .option(BootOption.text(239, "http://10.0.0.1/ztp.sh")).build();
        assertThat(cumulus.options()).containsExactly(BootOption.text(239, "http://10.0.0.1/ztp.sh"));
        assertThat(cumulus.toBuilder().matchAnyDevice().build().matchPrefix()).isNull();
    }

    @Test
    void furtherOptionsMayNotRepeatOrTakeCodesTheOfferWritesItself() {
        assertThatThrownBy(() -> BootOffer.builder("junos").option(BootOption.text(67, "x")).build())
                .hasMessage("platform junos: option 67 is the offer's boot file, not as a further option");
        assertThatThrownBy(() -> BootOffer.builder("junos").option(BootOption.text(66, "x")).build())
                .hasMessageStartingWith("platform junos: option 66 is written from the offer's TFTP server");
        assertThatThrownBy(() -> BootOffer.builder("junos").option(BootOption.uint32(51, 60)).build())
                .hasMessageStartingWith("platform junos: option 51 is written from the DHCP configuration's scope");
        assertThatThrownBy(() -> BootOffer.builder("cumulus").option(BootOption.text(239, "a")).option(BootOption.text(239, "b")).build())
                .hasMessage("platform cumulus: option 239 given twice");
    }
}
