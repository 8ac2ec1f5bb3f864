package org.ztp4j.dhcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.DeviceIdentity;
import org.ztp4j.core.MacAddress;
import org.ztp4j.core.SerialNumber;

class DhcpPacketTest {

    /** A DISCOVER captured from busybox udhcpc 1.35 playing an NX-OS POAP switch (see captures/README). */
    static byte[] capture(String name) throws IOException {
        try (InputStream in = DhcpPacketTest.class.getResourceAsStream("/captures/" + name)) {
            return HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
        }
    }

    @Test
    void readsAPoapStyleDiscoverCapturedFromUdhcpc() throws Exception {
        DhcpPacket p = DhcpPacket.parse(capture("udhcpc-discover-poap.hex"));
        assertThat(p.op()).isEqualTo(1);
        assertThat(p.xid()).isEqualTo(0x4f9f4b17L);
        assertThat(p.messageType()).contains(DhcpMessageType.DISCOVER);
        assertThat(p.mac()).contains(MacAddress.parse("74:26:cc:5c:91:80"));
        assertThat(p.hostName()).contains("sw1");
        assertThat(p.vendorClass()).contains("Cisco-N9K");
        // udhcpc's -x 0x4d:... sends bare text, not RFC 3004 framing
        assertThat(p.userClasses()).containsExactly("Cisco-POAP");
        ClientIdentifier id = p.clientIdentifier().orElseThrow();
        assertThat(id.type()).isZero();
        assertThat(id.serial()).contains(SerialNumber.of("SAL12345678"));
        assertThat(p.relayAddress()).isEmpty();
        assertThat(p.relayAgentInformation()).isEmpty();
        assertThat(p.identity()).isEqualTo(new DeviceIdentity(SerialNumber.of("SAL12345678"),
                MacAddress.parse("7426.cc5c.9180"), null, "Cisco-N9K", null));
        // option 55 as udhcpc sent it: 1 3 6 12 15 28 42
        assertThat(p.options().get(55).orElseThrow().valueHex()).isEqualTo("0103060c0f1c2a");
    }

    @Test
    void readsAnIosXeStyleDiscoverCapturedFromDhclient() throws Exception {
        DhcpPacket p = DhcpPacket.parse(capture("dhclient-discover-pnp.hex"));
        assertThat(p.xid()).isEqualTo(0x17e24102L);
        assertThat(p.messageType()).contains(DhcpMessageType.DISCOVER);
        assertThat(p.vendorClass()).contains("ciscopnp");
        assertThat(p.hostName()).contains("sw2");
        ClientIdentifier id = p.clientIdentifier().orElseThrow();
        assertThat(id.serial()).isEmpty();
        assertThat(id.mac()).contains(MacAddress.parse("7426.cc5c.9180"));
        assertThat(id.interfaceName()).contains("Gi0/0");
        assertThat(p.userClasses()).isEmpty();
    }

    @Test
    void findsTheOfferAServerWouldGiveEachCapturedRequest() throws Exception {
        BootOffer nxos = new BootOffer("nxos", BootOffer.USER_CLASS, "Cisco-POAP", "poap.py", true);
        BootOffer ios = new BootOffer("ios", BootOffer.ANY_DEVICE, null, null, true);
        BootOffer iosxe = new BootOffer("iosxe", BootOffer.VENDOR_CLASS, "ciscopnp", "http://10.0.0.1:8080/ztp/iosxe.py", false);
        List<BootOffer> offers = List.of(ios, nxos, iosxe);
        assertThat(DhcpPacket.parse(capture("udhcpc-discover-poap.hex")).matchingOffer(offers)).contains(nxos);
        assertThat(DhcpPacket.parse(capture("dhclient-discover-pnp.hex")).matchingOffer(offers)).contains(iosxe);
        DhcpPacket plain = DhcpPacket.request(1, MacAddress.parse("02:00:00:00:00:01"), DhcpOptions.builder().vendorClass("udhcp 1.35.0").build());
        assertThat(plain.matchingOffer(offers)).contains(ios);
        assertThat(plain.matchingOffer(List.of(nxos, iosxe))).isEmpty();
        assertThat(plain.matches(ios)).isTrue();
    }

    @Test
    void encodesTheBootpHeaderFieldByField() throws Exception {
        DhcpPacket p = new DhcpPacket(1, 1, 6, 1, 0x2a, 3, 0x8000, null, null, null,
                (java.net.Inet4Address) InetAddress.getByName("10.1.2.3"), MacAddress.parse("02:00:00:00:00:01").toBytes(),
                "", "", DhcpOptions.builder().option(new DhcpOption(53, new byte[] {3})).build());
        byte[] b = p.encode();
        // op htype hlen hops | xid | secs flags | ciaddr | yiaddr | siaddr | giaddr | chaddr (16)
        assertThat(HexFormat.of().formatHex(b, 0, 44)).isEqualTo(
                "01010601" + "0000002a" + "00038000" + "00000000" + "00000000" + "00000000" + "0a010203"
                        + "020000000001" + "00000000000000000000");
        // sname (64) and file (128) zero, then the cookie 99.130.83.99, option 53 = 3 (REQUEST), end
        assertThat(HexFormat.of().formatHex(b, 236, 244)).isEqualTo("63825363" + "350103" + "ff");
        assertThat(b).hasSize(300);
        DhcpPacket back = DhcpPacket.parse(b);
        assertThat(back).isEqualTo(p);
        assertThat(back.relayAddress()).contains((java.net.Inet4Address) InetAddress.getByName("10.1.2.3"));
        assertThat(back.messageType()).contains(DhcpMessageType.REQUEST);
    }

    @Test
    void readsRelayAgentInformationAndRfc3004UserClasses() {
        DhcpOptions options = DhcpOptions.builder()
                .option(new DhcpOption(53, new byte[] {1}))
                .userClass("Cisco-POAP")
                .option(DhcpOption.relayAgentInformation("Gi1/0/7".getBytes(StandardCharsets.US_ASCII), new byte[] {0, 6, 1, 2, 3, 4, 5, 6}))
                .build();
        DhcpPacket p = DhcpPacket.parse(DhcpPacket.request(7, MacAddress.parse("02:00:00:00:00:02"), options).encode());
        assertThat(p.userClasses()).containsExactly("Cisco-POAP");
        RelayAgentInformation relay = p.relayAgentInformation().orElseThrow();
        assertThat(relay.circuitIdText()).contains("Gi1/0/7");
        assertThat(relay.remoteId()).containsExactly(0, 6, 1, 2, 3, 4, 5, 6);
    }

    @Test
    void continuesOptionsInFileAndSnameWhenOverloaded() {
        byte[] b = new byte[300];
        b[0] = 1;
        b[1] = 1;
        b[2] = 6;
        // RFC 2131 4.1 / RFC 3396 6: options field, then file (108..235), then sname (44..107)
        byte[] cookieAndOptions = HexFormat.of().parseHex("63825363" + "350101" + "340103" + "2b02aabb" + "ff");
        System.arraycopy(cookieAndOptions, 0, b, 236, cookieAndOptions.length);
        System.arraycopy(HexFormat.of().parseHex("2b01cc" + "4307706f61702e7079" + "ff"), 0, b, 108, 13);
        System.arraycopy(HexFormat.of().parseHex("2b01dd" + "ff"), 0, b, 44, 4);
        DhcpPacket p = DhcpPacket.parse(b);
        assertThat(p.options().get(43).orElseThrow().valueHex()).isEqualTo("aabbccdd");
        assertThat(p.options().get(67).orElseThrow().valueAsText()).isEqualTo("poap.py");
        assertThat(p.file()).isEmpty();
        assertThat(p.sname()).isEmpty();
    }

    @Test
    void readsSnameAndFileAsTextWhenNotOverloaded() {
        DhcpPacket p = new DhcpPacket(2, 1, 6, 0, 1, 0, 0, null, null, null, null, new byte[6], "tftp.lab", "network-confg", null);
        DhcpPacket back = DhcpPacket.parse(p.encode());
        assertThat(back.sname()).isEqualTo("tftp.lab");
        assertThat(back.file()).isEqualTo("network-confg");
    }

    @Test
    void rejectsMalformedPacketsWithFormatExceptionsThatSayWhy() throws Exception {
        byte[] good = capture("udhcpc-discover-poap.hex");
        assertThatThrownBy(() -> DhcpPacket.parse(new byte[100]))
                .isInstanceOf(DhcpFormatException.class)
                .hasMessage("DHCP packet: 100 bytes is shorter than the 240 of a BOOTP header and magic cookie");
        byte[] badCookie = good.clone();
        badCookie[239] = 0x64;
        assertThatThrownBy(() -> DhcpPacket.parse(badCookie))
                .isInstanceOf(DhcpFormatException.class)
                .hasMessage("DHCP packet: magic cookie 63825364 at offset 236 is not 63825363 (99.130.83.99)");
        byte[] badOp = good.clone();
        badOp[0] = 3;
        assertThatThrownBy(() -> DhcpPacket.parse(badOp)).isInstanceOf(DhcpFormatException.class)
                .hasMessage("DHCP packet: op 3 is neither 1 (BOOTREQUEST) nor 2 (BOOTREPLY)");
        byte[] badHlen = good.clone();
        badHlen[2] = 17;
        assertThatThrownBy(() -> DhcpPacket.parse(badHlen)).isInstanceOf(DhcpFormatException.class)
                .hasMessage("DHCP packet: hlen 17 is longer than the 16-byte chaddr field");
        // cut inside option 61 (it starts at 240 + 3 + 4 + 9 + 5 + 11 = 272 and is 14 bytes long)
        byte[] truncated = Arrays.copyOf(good, 280);
        assertThatThrownBy(() -> DhcpPacket.parse(truncated)).isInstanceOf(DhcpFormatException.class)
                .hasMessage("options: option 61 at offset 32 claims 12 bytes but only 6 remain");
        assertThatThrownBy(() -> DhcpPacket.parse(good, 10, good.length)).isInstanceOf(DhcpFormatException.class);
    }

    @Test
    void neverFailsWithAnythingButAFormatExceptionOnCorruptedCaptures() throws Exception {
        List<byte[]> seeds = List.of(capture("udhcpc-discover-poap.hex"), capture("dhclient-discover-pnp.hex"));
        Random random = new Random(42);
        for (int round = 0; round < 5000; round++) {
            byte[] seed = seeds.get(round % 2);
            byte[] b = Arrays.copyOf(seed, 201 + random.nextInt(seed.length - 200));
            for (int k = 0; k < 1 + random.nextInt(6); k++) {
                // corrupt the header's tail, the cookie and the options
                b[200 + random.nextInt(b.length - 200)] = (byte) random.nextInt(256);
            }
            try {
                DhcpPacket p = DhcpPacket.parse(b);
                p.identity();
                p.userClasses();
                p.relayAgentInformation();
                p.toString();
            } catch (DhcpFormatException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }
}
