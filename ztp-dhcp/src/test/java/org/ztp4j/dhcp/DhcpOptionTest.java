package org.ztp4j.dhcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.MacAddress;
import org.ztp4j.core.SerialNumber;

class DhcpOptionTest {

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void encodesOption150AsTheAddressListOfRfc5859() throws Exception {
        // RFC 5859 section 4: code 150, length 4n, n addresses. 150 = 0x96, 2 addresses = 8 bytes,
        // 10.0.0.1 = 0a000001, 10.0.0.2 = 0a000002
        assertThat(DhcpOption.tftpServerAddresses(List.of(ip("10.0.0.1"), ip("10.0.0.2"))).toHex())
                .isEqualTo("96080a0000010a000002");
    }

    @Test
    void encodesTextOptionsWithoutNulTerminator() {
        // 66 = 0x42, "10.0.0.1" = 8 ASCII bytes 31 30 2e 30 2e 30 2e 31
        assertThat(DhcpOption.tftpServerName("10.0.0.1").toHex()).isEqualTo("420831302e302e302e31");
        // 67 = 0x43, "poap.py" = 7 bytes 70 6f 61 70 2e 70 79
        assertThat(DhcpOption.bootfileName("poap.py").toHex()).isEqualTo("4307706f61702e7079");
        // 12 = 0x0c, "sw1"; 15 = 0x0f, "lab.example"
        assertThat(DhcpOption.hostName("sw1").toHex()).isEqualTo("0c03737731");
        assertThat(DhcpOption.domainName("lab.example").toHex()).isEqualTo("0f0b6c61622e6578616d706c65");
        // 60 = 0x3c, "ciscopnp" = 63 69 73 63 6f 70 6e 70
        assertThat(DhcpOption.vendorClass("ciscopnp").toHex()).isEqualTo("3c08636973636f706e70");
    }

    @Test
    void encodesAddressAndNumberOptionsOfRfc2132() throws Exception {
        // 1: /24 = ff.ff.ff.00
        assertThat(DhcpOption.subnetMask(24).toHex()).isEqualTo("0104ffffff00");
        assertThat(DhcpOption.subnetMask(ip("255.255.254.0")).toHex()).isEqualTo("0104fffffe00");
        // 3: 10.213.7.1 = 0a d5 07 01
        assertThat(DhcpOption.routers(List.of(ip("10.213.7.1"))).toHex()).isEqualTo("03040ad50701");
        // 6: two servers
        assertThat(DhcpOption.dnsServers(List.of(ip("192.0.2.53"), ip("198.51.100.53"))).toHex())
                .isEqualTo("0608c0000235c6336435");
        // 51: 3600 s = 0x00000e10; 33 = 0x21
        assertThat(DhcpOption.leaseTime(3600).toHex()).isEqualTo("330400000e10");
        assertThat(DhcpOption.leaseTime(0xFFFF_FFFFL).toHex()).isEqualTo("3304ffffffff");
    }

    @Test
    void encodesClientIdentifiersAsDevicesSendThem() {
        // 61 = 0x3d; POAP: type 0 + "SAL12345678" (53 41 4c 31 32 33 34 35 36 37 38): length 12
        assertThat(DhcpOption.clientIdentifier(SerialNumber.of("SAL12345678")).toHex())
                .isEqualTo("3d0c0053414c3132333435363738");
        // type 1 + MAC: length 7
        assertThat(DhcpOption.clientIdentifier(MacAddress.parse("7426.cc5c.9180")).toHex())
                .isEqualTo("3d07017426cc5c9180");
    }

    @Test
    void encodesUserClassWithTheLengthOctetOfRfc3004() {
        // 77 = 0x4d; RFC 3004: UC-Len (10) then "Cisco-POAP"; option length 11
        assertThat(DhcpOption.userClass("Cisco-POAP").toHex()).isEqualTo("4d0b0a436973636f2d504f4150");
    }

    @Test
    void encodesRelayAgentSubOptionsOfRfc3046() {
        // 82 = 0x52; sub 1 len 7 "Gi1/0/1" (47 69 31 2f 30 2f 31), sub 2 len 4 "sw-a" (73 77 2d 61): 2+7+2+4 = 15
        DhcpOption o = DhcpOption.relayAgentInformation("Gi1/0/1".getBytes(), "sw-a".getBytes());
        assertThat(o.toHex()).isEqualTo("520f01074769312f302f31020473772d61");
        RelayAgentInformation back = RelayAgentInformation.decode(o.value());
        assertThat(back.circuitIdText()).contains("Gi1/0/1");
        assertThat(back.remoteIdText()).contains("sw-a");
    }

    @Test
    void writesTheCiscoPnpStringInOption43() {
        // "5A1N;B2;K4;I10.0.0.1;J80" is 24 ASCII characters: 43 = 0x2b, length 0x18
        DhcpOption o = DhcpOption.ciscoPnp("10.0.0.1", 80, false);
        assertThat(o.valueAsText()).isEqualTo("5A1N;B2;K4;I10.0.0.1;J80");
        assertThat(o.toHex()).isEqualTo("2b18" + "3541314e3b42323b4b343b4931302e302e302e313b4a3830");
        assertThat(DhcpOption.ciscoPnp("pnp.lab.example", 443, true).valueAsText()).isEqualTo("5A1N;B1;K5;Ipnp.lab.example;J443");
    }

    @Test
    void encodesVendorIdentifyingOption125OfRfc3925() {
        // 125 = 0x7d: enterprise 9 (00000009), data-len 2, data 01 02: option length 7
        assertThat(DhcpOption.vendorIdentifyingVendorSpecific(9, new byte[] {1, 2}).toHex()).isEqualTo("7d0700000009020102");
    }

    @Test
    void splitsValuesLongerThan255BytesIntoConsecutiveOptionsPerRfc3396() {
        byte[] value = new byte[300];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) i;
        }
        byte[] wire = new DhcpOption(43, value).toWire();
        // 2b ff <255 bytes> 2b 2d <45 bytes>
        assertThat(wire).hasSize(2 + 255 + 2 + 45);
        assertThat(HexFormat.of().formatHex(wire, 0, 2)).isEqualTo("2bff");
        assertThat(HexFormat.of().formatHex(wire, 257, 259)).isEqualTo("2b2d");
        assertThat(wire[259]).isEqualTo((byte) 255); // value[255]
        DhcpOptions back = DhcpOptions.decode(DhcpOptions.of(List.of(new DhcpOption(43, value))).encode());
        assertThat(back.get(43).orElseThrow().value()).isEqualTo(value);
    }

    @Test
    void joinsAllInstancesOfACodeInOrderWhenDecoding() {
        // 43 "aabb", pad, 3 (router), 43 "cc", end: RFC 3396 says 43 = aabbcc
        DhcpOptions o = DhcpOptions.decode(HexFormat.of().parseHex("2b02aabb0003040a0000012b01ccff2b01dd"));
        assertThat(o.get(43).orElseThrow().valueHex()).isEqualTo("aabbcc");
        assertThat(o.get(3).orElseThrow().valueHex()).isEqualTo("0a000001");
        assertThat(o.asList()).extracting(DhcpOption::code).containsExactly(43, 3);
    }

    @Test
    void encodesAnEmptyValueAsLengthZero() {
        assertThat(new DhcpOption(80, new byte[0]).toHex()).isEqualTo("5000");
    }

    @Test
    void printsTheLinesOfZtpDhcpOptionsInFlagOrder() throws Exception {
        DhcpOptions o = DhcpOptions.forBoot(List.of(ip("10.0.0.1"), ip("10.0.0.2")), "tftp.lab", "poap.py",
                List.of(DhcpOption.parse("43=0104c0a80001")));
        assertThat(o.toHexLines()).containsExactly(
                "150 96080a0000010a000002",
                "66 4208746674702e6c6162",
                "67 4307706f61702e7079",
                "43 2b060104c0a80001");
        assertThat(HexFormat.of().formatHex(o.encode())).isEqualTo(
                "96080a0000010a000002" + "4208746674702e6c6162" + "4307706f61702e7079" + "2b060104c0a80001" + "ff");
    }

    @Test
    void rejectsBadOptionsWithMessagesNamingTheOption() throws Exception {
        assertThatThrownBy(() -> new DhcpOption(0, new byte[1])).hasMessage("option 0: pad is a single octet and carries no value");
        assertThatThrownBy(() -> new DhcpOption(255, new byte[1])).hasMessage("option 255: end is a single octet and carries no value");
        assertThatThrownBy(() -> new DhcpOption(256, new byte[1])).hasMessage("option 256: code is not 1..254");
        assertThatThrownBy(() -> new DhcpOption(-1, new byte[1])).hasMessage("option -1: code is not 1..254");
        assertThatThrownBy(() -> DhcpOption.tftpServerAddresses(List.of()))
                .hasMessage("option 150: needs at least one IPv4 address");
        assertThatThrownBy(() -> DhcpOption.tftpServerAddresses(List.of(ip("2001:db8::1"))))
                .hasMessage("option 150: 2001:db8:0:0:0:0:0:1 is not an IPv4 address");
        assertThatThrownBy(() -> DhcpOption.bootfileName("poap\0.py")).hasMessage("option 67: text 'poap\\0.py' contains NUL");
        assertThatThrownBy(() -> DhcpOption.bootfileName("")).hasMessage("option 67: text is empty");
        assertThatThrownBy(() -> DhcpOption.bootfileName("x".repeat(256))).hasMessage("option 67: text of 256 bytes is longer than 255");
        List<InetAddress> many = new ArrayList<>(Collections.nCopies(64, ip("10.0.0.1")));
        assertThatThrownBy(() -> DhcpOption.routers(many)).hasMessage("option 3: 64 addresses do not fit in 255 bytes (at most 63)");
        assertThatThrownBy(() -> DhcpOption.subnetMask(ip("255.0.255.0"))).hasMessage("option 1: 255.0.255.0 is not a contiguous subnet mask");
        assertThatThrownBy(() -> DhcpOption.leaseTime(-1)).hasMessageStartingWith("option 51: lease time -1");
        assertThatThrownBy(() -> new DhcpOption(43, new byte[DhcpOption.MAX_VALUE_LENGTH + 1])).hasMessageStartingWith("option 43: value of 4097 bytes");
        assertThatThrownBy(() -> DhcpOption.parse("43")).hasMessageContaining("expected CODE=HEX");
        assertThatThrownBy(() -> DhcpOption.parse("x=00")).hasMessage("option 'x=00': code 'x' is not a number");
        assertThatThrownBy(() -> DhcpOption.parse("43=abc")).hasMessage("option 43: 'abc' is not an even number of hex digits");
        assertThatThrownBy(() -> DhcpOptions.builder().bootfile("a").bootfile("b")).hasMessage("option 67: given twice");
    }

    @Test
    void keepsItsBytesToItself() {
        byte[] v = {1, 2, 3};
        DhcpOption o = new DhcpOption(43, v);
        v[0] = 9;
        o.value()[1] = 9;
        assertThat(o.valueHex()).isEqualTo("010203");
        assertThat(o).isEqualTo(new DhcpOption(43, new byte[] {1, 2, 3})).hasSameHashCodeAs(new DhcpOption(43, new byte[] {1, 2, 3}));
    }

    @Test
    void reportsTruncatedOptionsAsFormatErrors() {
        assertThatThrownBy(() -> DhcpOptions.decode(HexFormat.of().parseHex("03040a00")))
                .isInstanceOf(DhcpFormatException.class)
                .hasMessage("options: option 3 at offset 0 claims 4 bytes but only 2 remain");
        assertThatThrownBy(() -> DhcpOptions.decode(HexFormat.of().parseHex("000003")))
                .isInstanceOf(DhcpFormatException.class)
                .hasMessage("options: option 3 at offset 2 has no length octet");
    }
}
