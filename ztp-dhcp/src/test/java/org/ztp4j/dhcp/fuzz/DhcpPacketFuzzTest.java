package org.ztp4j.dhcp.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ztp4j.core.fuzz.Fuzzer;
import org.ztp4j.dhcp.ClientIdentifier;
import org.ztp4j.dhcp.DhcpFormatException;
import org.ztp4j.dhcp.DhcpOption;
import org.ztp4j.dhcp.DhcpOptions;
import org.ztp4j.dhcp.DhcpPacket;

class DhcpPacketFuzzTest {

    private static final String[] OPTION_TOKENS = {"\u0035\u0001\u0001", "\u0034\u0001\u0003", "\u0034\u0001\u0001",
        "\u0052\u0004\u0001\u0002ab", "\u004d\u000bCisco-POAP", "\u003d\u0001\u0000", "\u00ff", "\u0000\u0000",
        "cisco-7426.cc5c.9180-Gi0/0", "Cisco-POAP", "\u0063\u0082\u0053\u0063"};

    @Test
    void packetsParseOrFailWithAFormatExceptionAndParsedPacketsReencodeToThemselves() {
        long ran = Fuzzer.target("dhcp-packet")
                .allow(DhcpFormatException.class)
                .dictionary(OPTION_TOKENS)
                .maxLength(1500)
                .run(input -> {
                    DhcpPacket p = DhcpPacket.parse(input);
                    exerciseAccessors(p);
                    assertThat(DhcpPacket.parse(p.encode())).as("parse(encode(p))").isEqualTo(p);
                });
        assertThat(ran).isGreaterThan(1000);
    }

    @Test
    void optionFieldsDecodeOrFailWithAFormatExceptionAndReencodeToThemselves() {
        long ran = Fuzzer.target("dhcp-options")
                .allow(DhcpFormatException.class)
                .dictionary(OPTION_TOKENS)
                .maxLength(1500)
                .run(input -> {
                    DhcpOptions options = DhcpOptions.decode(input);
                    for (DhcpOption o : options.asList()) {
                        assertThat(o.code()).isBetween(1, 254);
                        o.toHex();
                    }
                    options.toHexLines();
                    assertThat(DhcpOptions.decode(options.encode())).as("decode(encode(o))").isEqualTo(options);
                });
        assertThat(ran).isGreaterThan(1000);
    }

    /** Everything a server reads off a packet it received; only option 82 may be malformed. */
    private static void exerciseAccessors(DhcpPacket p) {
        p.messageType();
        p.vendorClass();
        p.userClasses();
        p.hostName();
        p.relayAddress();
        p.mac();
        p.identity();
        assertThat(p.toString()).isNotEmpty();
        p.clientIdentifier().ifPresent(DhcpPacketFuzzTest::exerciseClientIdentifier);
        try {
            p.relayAgentInformation().ifPresent(r -> {
                r.circuitIdText();
                r.remoteIdText();
            });
        } catch (DhcpFormatException documented) {
            // relayAgentInformation() documents this for malformed sub-options
        }
    }

    private static void exerciseClientIdentifier(ClientIdentifier id) {
        id.serial();
        id.mac();
        id.interfaceName();
        id.toHex();
    }
}
