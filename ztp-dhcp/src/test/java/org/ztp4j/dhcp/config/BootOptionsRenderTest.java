package org.ztp4j.dhcp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ztp4j.dhcp.config.Samples.CUMULUS;
import static org.ztp4j.dhcp.config.Samples.IOS;
import static org.ztp4j.dhcp.config.Samples.JUNOS;
import static org.ztp4j.dhcp.config.Samples.JUNOS_43_HEX;
import static org.ztp4j.dhcp.config.Samples.NXOS;
import static org.ztp4j.dhcp.config.Samples.ip;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.BootOption;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.MacAddress;
import org.ztp4j.dhcp.DhcpOption;

/**
 * An offer's further options, written by each renderer for its class, tag or pool: Junos's option
 * 43 sub-options and Cumulus's option 239 line by line, and the option 43 bytes against the
 * sub-options written out by hand ({@link Samples#JUNOS_43_HEX}). The real servers accept these
 * files in {@code BootOptionsServersIT} and send these bytes in {@code BootOptionsEndToEndIT}.
 */
class BootOptionsRenderTest {

    private static final String COLONS = JUNOS_43_HEX.replaceAll("(..)(?!$)", "$1:");

    private static String render(DhcpServerFormat format, List<BootOffer> offers) {
        return Samples.fragment(format, offers).build().render();
    }

    /** The one group of hex digits (with or without separators) a pattern captures from a rendered file, as plain hex. */
    private static String captured(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in%n%s", regex, text).isTrue();
        return m.group(1).replaceAll("[:.]", "");
    }

    @Test
    void theJunosOption43IsTheSubOptionsCodeLengthValue() {
        // 0 = 45 bytes of image name, 1 = 12 bytes of config name, 3 = 4 bytes of transfer mode: 67 bytes in all
        assertThat(JUNOS_43_HEX).hasSize(2 * (2 + 45 + 2 + 12 + 2 + 4));
        assertThat(JUNOS.option(43).orElseThrow().hex()).isEqualTo(JUNOS_43_HEX);
        assertThat(captured(render(DhcpServerFormat.ISC, List.of(JUNOS)), "option vendor-encapsulated-options ([0-9a-f:]+);"))
                .isEqualTo(JUNOS_43_HEX);
        assertThat(captured(render(DhcpServerFormat.KEA, List.of(JUNOS)),
                "\"name\": \"vendor-encapsulated-options\",\\s+\"code\": 43,\\s+\"space\": \"dhcp4\",\\s+\"csv-format\": false,\\s+\"data\": \"([0-9a-f]+)\""))
                .isEqualTo(JUNOS_43_HEX);
        assertThat(captured(render(DhcpServerFormat.DNSMASQ, List.of(JUNOS)), "dhcp-option-force=tag:ztp-junos,43,([0-9a-f:]+)\n"))
                .isEqualTo(JUNOS_43_HEX);
        assertThat(captured(render(DhcpServerFormat.IOS, List.of(JUNOS)), " option 43 hex ([0-9a-f.]+)\n")).isEqualTo(JUNOS_43_HEX);
    }

    @Test
    void iscDhcpdDeclares239AsTextAndSets43AsVendorEncapsulatedOptions() {
        assertThat(render(DhcpServerFormat.ISC, List.of(JUNOS, CUMULUS))).isEqualTo("""
                # ISC dhcpd configuration for ZTP, written by ztp4j (platforms: junos, cumulus)
                # RFC 5859: option 150 is a list of TFTP server addresses.
                option tftp-server-address code 150 = array of ip-address;
                # Further options the platforms' offers carry.
                option ztp-option-239 code 239 = text;

                # junos: devices whose vendor class (option 60) starts with "Juniper-"
                class "ztp-junos" {
                  match if substring(option vendor-class-identifier, 0, 8) = "Juniper-";
                  if exists dhcp-parameter-request-list {
                    option dhcp-parameter-request-list = concat(option dhcp-parameter-request-list, 42, 96, 2b);
                  }
                  next-server 10.0.0.1;
                  option tftp-server-address 10.0.0.1, 10.0.0.2;
                  option tftp-server-name "10.0.0.1";
                  option vendor-encapsulated-options %s;
                }

                # cumulus: devices whose vendor class (option 60) starts with "cumulus-linux"
                class "ztp-cumulus" {
                  match if substring(option vendor-class-identifier, 0, 13) = "cumulus-linux";
                  if exists dhcp-parameter-request-list {
                    option dhcp-parameter-request-list = concat(option dhcp-parameter-request-list, ef);
                  }
                  option ztp-option-239 "http://10.0.0.1:8080/cumulus/ztp.sh";
                }
                """.formatted(COLONS));
    }

    @Test
    void keaDefines239AsAStringAndRedefines43AsBinary() {
        String kea = render(DhcpServerFormat.KEA, List.of(JUNOS, CUMULUS));
        assertThat(kea).contains("""
                      {
                        "name": "ztp-option-239",
                        "code": 239,
                        "space": "dhcp4",
                        "type": "string"
                      },
                      {
                        "name": "vendor-encapsulated-options",
                        "code": 43,
                        "space": "dhcp4",
                        "type": "binary"
                      }
                """);
        assertThat(kea).contains("""
                          {
                            "name": "vendor-encapsulated-options",
                            "code": 43,
                            "space": "dhcp4",
                            "csv-format": false,
                            "data": "%s",
                            "always-send": true
                          }
                """.formatted(JUNOS_43_HEX));
        assertThat(kea).contains("""
                        "name": "ztp-cumulus",
                        "comment": "cumulus: devices whose vendor class (option 60) starts with \\"cumulus-linux\\"",
                        "test": "substring(option[60].hex,0,13) == 'cumulus-linux'",
                        "option-data": [
                          {
                            "name": "ztp-option-239",
                            "code": 239,
                            "space": "dhcp4",
                            "data": "http://10.0.0.1:8080/cumulus/ztp.sh",
                            "always-send": true
                          }
                        ]
                """);
    }

    @Test
    void dnsmasqForcesTheOptionsForEachTag() {
        assertThat(render(DhcpServerFormat.DNSMASQ, List.of(JUNOS, CUMULUS))).isEqualTo("""
                # dnsmasq configuration for ZTP, written by ztp4j (platforms: junos, cumulus)

                # junos: devices whose vendor class (option 60) starts with "Juniper-"
                dhcp-vendorclass=set:ztp-junos,Juniper-
                dhcp-option-force=tag:ztp-junos,150,10.0.0.1,10.0.0.2
                dhcp-option-force=tag:ztp-junos,66,"10.0.0.1"
                dhcp-option-force=tag:ztp-junos,43,%s
                dhcp-boot=tag:ztp-junos,,,10.0.0.1

                # cumulus: devices whose vendor class (option 60) starts with "cumulus-linux"
                dhcp-vendorclass=set:ztp-cumulus,cumulus-linux
                dhcp-option-force=tag:ztp-cumulus,239,"http://10.0.0.1:8080/cumulus/ztp.sh"
                """.formatted(COLONS));
    }

    @Test
    void iosPutsSharedOptionsInTheNetworkPoolAndTheOthersInHostPools() {
        assertThat(Samples.complete(DhcpServerFormat.IOS, List.of(CUMULUS)).build().render())
                .contains(" default-router 10.213.7.1\n option 239 ascii http://10.0.0.1:8080/cumulus/ztp.sh\n!\n");
        assertThat(render(DhcpServerFormat.IOS, List.of(JUNOS))).contains(" option 66 ascii 10.0.0.1\n option 43 hex "
                + "002d.6a69.6e73.7461.6c6c.2d65.782d.3432.3030.2d31.332e.3252.312e.312d.646f.6d65.7374.6963.2d73.6967.6e65.642e"
                + ".7467.7a01.0c6a.756e.6970.6572.2e63.6f6e.6603.0474.6674.70\n");
        List<DeviceRecord> devices = List.of(
                new DeviceRecord("ex1", null, MacAddress.parse("02:00:00:00:00:31"), "junos", ip("10.213.7.31"), 24, null, null, null),
                new DeviceRecord("cl1", null, MacAddress.parse("02:00:00:00:00:32"), "cumulus", ip("10.213.7.32"), 24, null, null, null));
        String ios = Samples.complete(DhcpServerFormat.IOS, List.of(JUNOS, CUMULUS)).devices(devices).build().render();
        assertThat(ios).contains("! The platforms need different options (43, 239): only the host pools below carry them.\n")
                .contains(" option 66 ascii 10.0.0.1\n!\nip dhcp pool ex1\n")
                .contains("ip dhcp pool cl1\n host 10.213.7.32 255.255.255.0\n client-identifier 0102.0000.0000.32\n"
                        + " client-name cl1\n option 239 ascii http://10.0.0.1:8080/cumulus/ztp.sh\n!\n");
        assertThat(captured(ios, "ip dhcp pool ex1\n(?:.*\n){3} option 43 hex ([0-9a-f.]+)\n")).isEqualTo(JUNOS_43_HEX);
    }

    @Test
    void everyValueTypeIsSpeltSoTheServerReadsBackTheSameBytes() {
        BootOffer lab = BootOptionsServersIT.LAB;
        String isc = render(DhcpServerFormat.ISC, List.of(lab));
        assertThat(isc).contains("option ztp-option-224 code 224 = unsigned integer 16;\n",
                "option ztp-option-225 code 225 = array of ip-address;\n", "option ztp-option-226 code 226 = unsigned integer 8;\n",
                "option ztp-option-227 code 227 = string;\n", "option ztp-option-228 code 228 = unsigned integer 32;\n",
                "option ztp-option-143 code 143 = string;\n",
                "concat(option dhcp-parameter-request-list, 8f, 2a, e0, e1, e2, e3, e4, e5, ef);\n",
                "  option ztp-option-224 8080;\n", "  option ztp-option-225 10.0.0.5, 10.0.0.6;\n", "  option ztp-option-226 7;\n",
                "  option ztp-option-227 2a;\n", "  option ztp-option-228 86400;\n", "  option ztp-option-229 \"a,b c;d#e\";\n",
                "  option ztp-option-143 00:15:68:74:74:70:73:3a:2f:2f:31:30:2e:30:2e:30:2e:31:3a:38:34:34:33;\n");
        String dnsmasq = render(DhcpServerFormat.DNSMASQ, List.of(lab));
        assertThat(dnsmasq).contains("dhcp-option-force=tag:ztp-lab,224,1f:90\n", "dhcp-option-force=tag:ztp-lab,225,10.0.0.5,10.0.0.6\n",
                "dhcp-option-force=tag:ztp-lab,226,7b\n", "dhcp-option-force=tag:ztp-lab,227,42b\n",
                "dhcp-option-force=tag:ztp-lab,228,00:01:51:80\n", "dhcp-option-force=tag:ztp-lab,229,\"a,b c;d#e\"\n",
                "dhcp-option-force=tag:ztp-lab,42,10.0.0.5\n");
        String kea = render(DhcpServerFormat.KEA, List.of(lab));
        // Kea knows 42 and 143 itself: raw bytes, no definition
        assertThat(kea).contains("\"type\": \"uint16\"", "\"type\": \"uint8\"", "\"type\": \"uint32\"", "\"data\": \"a\\\\,b c;d#e\"",
                "\"code\": 42,\n            \"space\": \"dhcp4\",\n            \"csv-format\": false,\n            \"data\": \"0a000005\"",
                "\"code\": 227,\n            \"space\": \"dhcp4\",\n            \"csv-format\": false,\n            \"data\": \"2a\"")
                .doesNotContain("\"name\": \"ztp-option-42\"", "\"name\": \"ztp-option-143\"", "\"name\": \"ztp-option-227\"");
        String ios = render(DhcpServerFormat.IOS, List.of(lab));
        assertThat(ios).contains(" option 224 hex 1f90\n", " option 225 ip 10.0.0.5 10.0.0.6\n", " option 226 hex 07\n",
                " option 228 hex 0001.5180\n", " option 229 hex 612c.6220.633b.6423.65\n", " option 239 ascii tftp://10.0.0.1/lab.sh\n");
    }

    @Test
    void oneCodeWithValuesOfTwoTypesIsDeclaredAsBytes() {
        BootOffer a = BootOffer.builder("a").matchVendorClass("A").option(BootOption.text(230, "hi")).build();
        BootOffer b = BootOffer.builder("b").matchVendorClass("B").option(BootOption.uint16(230, 1)).build();
        String isc = render(DhcpServerFormat.ISC, List.of(a, b));
        assertThat(isc).contains("option ztp-option-230 code 230 = string;\n", "  option ztp-option-230 68:69;\n",
                "  option ztp-option-230 00:01;\n");
        assertThat(render(DhcpServerFormat.KEA, List.of(a, b))).doesNotContain("ztp-option-230").contains("\"data\": \"6869\"", "\"data\": \"0001\"");
    }

    @Test
    void whatAServerCannotExpressFailsNamingTheServerAndTheOption() {
        DeviceRecord pinned = new DeviceRecord("ex1", null, MacAddress.parse("02:00:00:00:00:31"), "junos", ip("10.213.7.31"), 24,
                null, null, Map.of(RelayPin.CIRCUIT_ID_VARIABLE, "Gi1/0/7"));
        DhcpConfig config = Samples.complete(DhcpServerFormat.IOS, List.of(JUNOS, CUMULUS)).devices(List.of(pinned)).build();
        assertThatThrownBy(config::render).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Cisco IOS: cannot pin device ex1 to option 82 ")
                .hasMessageEndingWith("its platform's offer needs option 43 of its own, and an ip dhcp class cannot carry options");
        assertThatThrownBy(() -> Samples.fragment(DhcpServerFormat.ISC, List.of(NXOS, JUNOS))
                .options(List.of(DhcpOption.ciscoPnp("10.0.0.1", 80, false))).build())
                .hasMessage("DHCP config: option 43 is both an extra option for every device and in platform junos's offer");
    }

    @Test
    void offersWithoutFurtherOptionsRenderAsBefore() {
        for (DhcpServerFormat f : DhcpServerFormat.values()) {
            assertThat(render(f, List.of(NXOS, IOS))).doesNotContain("ztp-option-", "vendor-encapsulated", "Further options");
        }
    }

    @Test
    void ciscoPnpOption43IsWrittenAsCiscoWritesItForIosAndAsItsBytesElsewhere() {
        // "5A1N;B2;K4;I10.0.0.1;J80": Cisco's PnP guides give the IOS command with the string quoted
        assertThat(render(DhcpServerFormat.IOS, List.of(Samples.PNP))).contains("\n option 43 ascii \"5A1N;B2;K4;I10.0.0.1;J80\"\n");
        assertThat(render(DhcpServerFormat.DNSMASQ, List.of(Samples.PNP))).contains("\ndhcp-vendorclass=set:ztp-pnp,ciscopnp\n",
                "\ndhcp-option-force=tag:ztp-pnp,43,\"5A1N;B2;K4;I10.0.0.1;J80\"\n");
        assertThat(captured(render(DhcpServerFormat.ISC, List.of(Samples.PNP)), "option vendor-encapsulated-options ([0-9a-f:]+);"))
                .isEqualTo("3541314e3b42323b4b343b4931302e302e302e313b4a3830");
        assertThat(BootOption.ciscoPnp("pnp.lab.example", 8443, true).hex()).isEqualTo(
                java.util.HexFormat.of().formatHex("5A1N;B1;K5;Ipnp.lab.example;J8443".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertThatThrownBy(() -> BootOption.ciscoPnp("10.0.0.1;J1", 80, false)).hasMessage(
                "option 43: PnP server '10.0.0.1;J1' must be an IPv4 address or host name");
    }
}
