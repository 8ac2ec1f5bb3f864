package org.ztp4j.dhcp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ztp4j.dhcp.config.Samples.IOS;
import static org.ztp4j.dhcp.config.Samples.IOSXE;
import static org.ztp4j.dhcp.config.Samples.NXOS;
import static org.ztp4j.dhcp.config.Samples.PNP;
import static org.ztp4j.dhcp.config.Samples.ip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ztp4j.testing.Processes;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.MacAddress;
import org.ztp4j.dhcp.DhcpOption;
import org.ztp4j.testing.ExternalTool;

/**
 * Every platform (alone and all three together) x ISC dhcpd, Kea and dnsmasq x with and without an
 * inventory x with and without a subnet: the real server's syntax check accepts the output, and
 * the output says what it must (option 150 with both addresses, the class match, the reservation).
 */
class DhcpConfigServersIT {

    @TempDir
    Path dir;

    static Stream<Arguments> matrix() {
        List<List<BootOffer>> platforms = List.of(List.of(NXOS), List.of(IOS), List.of(IOSXE), List.of(NXOS, IOS, IOSXE),
                List.of(PNP), List.of(NXOS, IOS, PNP));
        List<Arguments> all = new ArrayList<>();
        for (DhcpServerFormat format : List.of(DhcpServerFormat.ISC, DhcpServerFormat.KEA, DhcpServerFormat.DNSMASQ)) {
            for (List<BootOffer> offers : platforms) {
                for (boolean inventory : List.of(false, true)) {
                    for (boolean subnet : List.of(false, true)) {
                        all.add(Arguments.of(format, offers, inventory, subnet));
                    }
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1} inventory={2} subnet={3}")
    @MethodSource("matrix")
    void theRealServerAcceptsTheRenderedConfiguration(DhcpServerFormat format, List<BootOffer> offers, boolean inventory,
                                                      boolean subnet) throws IOException {
        DhcpConfig.Builder b = subnet ? Samples.complete(format, offers).dns(List.of(ip("10.213.7.1"))).domain("lab.example")
                .leaseTime(7200L) : Samples.fragment(format, offers);
        if (inventory) {
            // with the inventory also Cisco PnP's option 43, for users who run PnP and ZTP side by side
            b.devices(Samples.devices());
            if (!offers.contains(PNP)) {
                b.options(List.of(DhcpOption.ciscoPnp("10.0.0.1", 80, false)));
            }
        }
        // "5A1N;B2;K4;I10.0.0.1;J80"
        String pnpHex = "3541314e3b42323b4b343b4931302e302e302e313b4a3830";
        String pnpColons = pnpHex.replaceAll("(..)(?!$)", "$1:");
        String text = b.build().render();
        check(format, text);

        boolean tftp = offers.stream().anyMatch(BootOffer::tftpServer);
        if (offers.contains(PNP)) {
            // Cisco PnP: option 43 names the PnP server, for devices whose option 60 is ciscopnp
            assertThat(text).contains(switch (format) {
                case ISC -> "match if substring(option vendor-class-identifier, 0, 8) = \"ciscopnp\";\n";
                case KEA -> "\"test\": \"substring(option[60].hex,0,8) == 'ciscopnp'\"";
                default -> "\ndhcp-vendorclass=set:ztp-pnp,ciscopnp\n";
            }, switch (format) {
                case ISC -> "  option vendor-encapsulated-options " + pnpColons + ";\n";
                case KEA -> "\"data\": \"" + pnpHex + "\"";
                default -> "\ndhcp-option-force=tag:ztp-pnp,43,\"5A1N;B2;K4;I10.0.0.1;J80\"\n";
            });
        }
        switch (format) {
            case ISC:
                if (tftp) {
                    assertThat(text).contains("option tftp-server-address code 150 = array of ip-address;\n",
                            "option tftp-server-address 10.0.0.1, 10.0.0.2;\n", "next-server 10.0.0.1;\n");
                }
                if (offers.contains(NXOS)) {
                    assertThat(text).contains("match if substring(option user-class, 0, 10) = \"Cisco-POAP\"",
                            "option bootfile-name \"poap.py\";\n");
                }
                if (offers.contains(IOSXE)) {
                    assertThat(text).contains("match if substring(option vendor-class-identifier, 0, 8) = \"ciscopnp\";\n",
                            "option bootfile-name \"http://10.0.0.1:8080/ztp/iosxe.py\";\n");
                }
                if (inventory) {
                    assertThat(text).contains("host rtr1 {\n  hardware ethernet 02:00:00:00:00:01;\n"
                            + (subnet ? "  fixed-address 10.213.7.12;\n" : "") + "  option host-name \"rtr1\";\n}\n");
                    assertThat(text).contains("option dhcp-client-identifier 00:53:41:4c:31:32:33:34:35:36:37:38;\n");
                    if (!offers.contains(PNP)) {
                        assertThat(text).contains("option ztp-option-43 code 43 = string;\n", "option ztp-option-43 " + pnpColons + ";\n");
                    }
                }
                break;
            case KEA:
                if (tftp) {
                    assertThat(text).contains("\"name\": \"tftp-server-address\",\n", "\"type\": \"ipv4-address\",\n",
                            "\"data\": \"10.0.0.1, 10.0.0.2\",\n", "\"next-server\": \"10.0.0.1\"");
                }
                if (offers.contains(NXOS)) {
                    assertThat(text).contains("\"test\": \"substring(option[77].hex,0,10) == 'Cisco-POAP'");
                }
                if (offers.contains(IOSXE)) {
                    assertThat(text).contains("\"test\": \"substring(option[60].hex,0,8) == 'ciscopnp'\"");
                }
                if (inventory) {
                    assertThat(text).contains("\"hw-address\": \"02:00:00:00:00:01\",\n"
                            + (subnet ? "            \"ip-address\": \"10.213.7.12\",\n            \"hostname\": \"rtr1\"" : "        \"hostname\": \"rtr1\""));
                    assertThat(text).contains("\"client-id\": \"00:53:41:4c:31:32:33:34:35:36:37:38\"",
                            "\"code\": 43,\n", "\"csv-format\": false,\n", "\"data\": \"" + pnpHex + "\",\n");
                }
                break;
            default:
                String tag = offers.size() == 1 ? "" : offers.stream().filter(o -> o != IOS)
                        .map(o -> "tag:!ztp-" + o.platform() + ",").collect(java.util.stream.Collectors.joining());
                if (offers.contains(IOS)) {
                    assertThat(text).contains("\ndhcp-option-force=" + tag + "150,10.0.0.1,10.0.0.2\n",
                            "\ndhcp-boot=" + tag + ",,10.0.0.1\n");
                }
                if (offers.contains(NXOS)) {
                    assertThat(text).contains("\ndhcp-userclass=set:ztp-nxos,Cisco-POAP\n",
                            "\ndhcp-option-force=tag:ztp-nxos,150,10.0.0.1,10.0.0.2\n",
                            "\ndhcp-option-force=tag:ztp-nxos,67,\"poap.py\"\n");
                }
                if (offers.contains(IOSXE)) {
                    assertThat(text).contains("\ndhcp-vendorclass=set:ztp-iosxe,ciscopnp\n");
                }
                if (inventory) {
                    assertThat(text).contains("\ndhcp-host=02:00:00:00:00:01," + (subnet ? "10.213.7.12," : "") + "rtr1\n",
                            "\ndhcp-host=id:00:53:41:4c:31:32:33:34:35:36:37:38,");
                    if (!offers.contains(PNP)) {
                        assertThat(text).contains("\ndhcp-option-force=43," + pnpColons + "\n");
                    }
                }
                break;
        }
    }

    /** dnsmasq answers the names devices look up; the others carry a comment their syntax check skips. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void theRealServerAcceptsTheNamesDevicesLookUp(DhcpServerFormat format) throws IOException {
        String text = Samples.complete(format, List.of(PNP)).domain("lab.example").hostRecord("pnpserver.lab.example", ip("10.213.7.1"))
                .build().render();
        check(format, text);
        assertThat(text).contains("pnpserver.lab.example");
        if (format == DhcpServerFormat.DNSMASQ) {
            assertThat(text).contains("\nlocal-service\n");
        }
        // with a DNS server of the network's own, which the devices then ask
        String withDns = Samples.complete(format, List.of(PNP)).domain("lab.example").hostRecord("pnpserver.lab.example", ip("10.213.7.1"))
                .dns(List.of(ip("10.213.7.53"))).build().render();
        check(format, withDns);
        assertThat(withDns).contains("look up pnpserver.lab.example: your DNS server (option 6) must answer it").doesNotContain("host-record");
    }

    static Stream<DhcpServerFormat> formats() {
        return Stream.of(DhcpServerFormat.ISC, DhcpServerFormat.KEA, DhcpServerFormat.DNSMASQ);
    }

    /**
     * Pins of every shape each server must accept: text and hex circuit-ids, circuit-id with
     * remote-id, remote-id alone, one octet, quotes and backslashes in text, the longest value
     * option 82 can hold, for a device known by MAC and one known by serial, with and without a subnet.
     */
    @ParameterizedTest(name = "{0} subnet={1}")
    @MethodSource("pinMatrix")
    void theRealServerAcceptsPinnedReservations(DhcpServerFormat format, boolean subnet) throws IOException {
        List<DeviceRecord> devices = new ArrayList<>(Samples.pinnedDevices());
        devices.add(pinned("rtr3", "02:00:00:00:00:03", Map.of(RelayPin.REMOTE_ID_VARIABLE, "0x01")));
        devices.add(pinned("rtr4", "02:00:00:00:00:04", Map.of(RelayPin.CIRCUIT_ID_VARIABLE, "port \"7\" \\ a,b;c#d")));
        devices.add(pinned("rtr5", "02:00:00:00:00:05", Map.of(RelayPin.CIRCUIT_ID_VARIABLE, "0x" + "ab".repeat(200),
                RelayPin.REMOTE_ID_VARIABLE, "x".repeat(51))));
        List<BootOffer> offers = List.of(NXOS, IOS, IOSXE);
        DhcpConfig.Builder b = subnet ? Samples.complete(format, offers) : Samples.fragment(format, offers);
        String text = b.devices(devices).build().render();
        check(format, text);
        assertThat(text).contains(pinWritten(format));
    }

    static Stream<Arguments> pinMatrix() {
        List<Arguments> all = new ArrayList<>();
        for (DhcpServerFormat format : List.of(DhcpServerFormat.ISC, DhcpServerFormat.KEA, DhcpServerFormat.DNSMASQ)) {
            all.add(Arguments.of(format, true));
            all.add(Arguments.of(format, false));
        }
        return all.stream();
    }

    /** What proves the pins were written at all: one line per server. */
    private static String pinWritten(DhcpServerFormat format) {
        if (format == DhcpServerFormat.ISC) {
            return "  if not (option agent.remote-id = 01) {\n    ignore booting;\n  }\n";
        }
        if (format == DhcpServerFormat.KEA) {
            return "(pkt4.mac == 0x020000000003 and not (relay4[2].hex == 0x01))";
        }
        return "dhcp-remoteid=set:ztp-pin-rtr3-remote,01\ndhcp-host=02:00:00:00:00:03,tag:ztp-pin-rtr3-remote,rtr3\n"
                + "dhcp-host=02:00:00:00:00:03,ignore\n";
    }

    private static DeviceRecord pinned(String name, String mac, Map<String, String> variables) {
        return new DeviceRecord(name, null, MacAddress.parse(mac), "ios", null, 0, null, null, variables);
    }

    private void check(DhcpServerFormat format, String text) throws IOException {
        Path file = dir.resolve("config-" + format.id());
        Files.writeString(file, text);
        Processes.Result r;
        switch (format) {
            case ISC: {
                Path dhcpd = ExternalTool.require("dhcpd", "isc-dhcp-server");
                Path leases = dir.resolve("dhcpd.leases");
                Files.deleteIfExists(leases);
                Files.createFile(leases);
                r = Processes.runAllowingFailure(List.of(dhcpd.toString(), "-4", "-t", "-cf", file.toString(), "-lf", leases.toString()), 60);
                break;
            }
            case KEA: {
                Path kea = ExternalTool.require("kea-dhcp4", "kea-dhcp4-server");
                r = Processes.runAllowingFailure(List.of(kea.toString(), "-t", file.toString()), 60);
                break;
            }
            default: {
                Path dnsmasq = ExternalTool.require("dnsmasq", "dnsmasq");
                r = Processes.runAllowingFailure(List.of(dnsmasq.toString(), "--test", "--conf-file=" + file), 60);
                break;
            }
        }
        assertThat(r.exitCode()).as("%s rejected:%n%s%n--- output ---%n%s", format, text, r.output()).isZero();
    }
}
