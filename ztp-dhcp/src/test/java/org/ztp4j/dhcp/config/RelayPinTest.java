package org.ztp4j.dhcp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ztp4j.dhcp.config.Samples.IOS;
import static org.ztp4j.dhcp.config.Samples.IOSXE;
import static org.ztp4j.dhcp.config.Samples.NXOS;
import static org.ztp4j.dhcp.config.Samples.ip;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.MacAddress;
import org.ztp4j.core.SerialNumber;
import org.ztp4j.dhcp.RelayAgentInformation;

/**
 * Option 82 pins: reading them from inventory variables, and what each renderer writes for a pinned
 * device (accepted by the real servers in {@code DhcpConfigServersIT}, and obeyed by them in
 * {@code RelayPinEndToEndIT}).
 */
class RelayPinTest {

    private static final HexFormat HEX = HexFormat.of();

    private static String render(DhcpServerFormat format, List<org.ztp4j.core.BootOffer> offers) {
        return Samples.complete(format, offers).devices(Samples.pinnedDevices()).build().render();
    }

    @Test
    void readsTextAndHexValues() {
        RelayPin text = RelayPin.parse("Gi1/0/7", null);
        assertThat(text.circuitId()).isEqualTo("Gi1/0/7".getBytes(StandardCharsets.US_ASCII));
        assertThat(text.remoteId()).isNull();
        assertThat(text.circuitIdText()).contains("Gi1/0/7");
        RelayPin hex = RelayPin.parse(" ", "0x00:04:0A:01");
        assertThat(hex.circuitId()).isNull();
        assertThat(hex.remoteId()).isEqualTo(new byte[] {0, 4, 10, 1});
        assertThat(hex.remoteIdText()).isEmpty();
        assertThat(RelayPin.parse("0X6869", null)).isEqualTo(RelayPin.parse("hi", null))
                .hasSameHashCodeAs(RelayPin.parse("hi", null)).isNotEqualTo(RelayPin.parse(null, "hi"));
        assertThat(RelayPin.parse("Gi1/0/7", "0x0102")).hasToString("circuit-id \"Gi1/0/7\" remote-id 0x0102");
    }

    @Test
    void refusesValuesThatCannotBeAPin() {
        assertThatThrownBy(() -> RelayPin.parse("0x123", null))
                .hasMessage("relay_circuit_id: '0x123' is not 0x followed by pairs of hex digits");
        assertThatThrownBy(() -> RelayPin.parse(null, "0xzz"))
                .hasMessage("relay_remote_id: '0xzz' is not 0x followed by pairs of hex digits");
        assertThatThrownBy(() -> RelayPin.parse("0x", null))
                .hasMessage("relay_circuit_id: '0x' is not 0x followed by pairs of hex digits");
        assertThatThrownBy(() -> RelayPin.parse("Gi1/0/7\n", null))
                .hasMessage("relay_circuit_id: 'Gi1/0/7?' holds characters other than printable ASCII; write such values as 0x and hex digits");
        assertThatThrownBy(() -> RelayPin.parse("Gi1/0/7é", null)).hasMessageStartingWith("relay_circuit_id: 'Gi1/0/7é' holds characters");
        assertThatThrownBy(() -> RelayPin.parse(null, "")).hasMessage("relay pin: needs relay_circuit_id, relay_remote_id or both");
        assertThatThrownBy(() -> new RelayPin(null, null)).hasMessage("relay pin: needs a circuit-id, a remote-id or both");
        assertThatThrownBy(() -> new RelayPin(new byte[0], null)).hasMessage("relay pin: the circuit-id is empty");
        assertThatThrownBy(() -> new RelayPin(new byte[200], new byte[60]))
                .hasMessage("relay pin: circuit-id and remote-id take 264 octets of option 82, which holds at most 255");
        assertThat(new RelayPin(new byte[200], new byte[51]).remoteId()).hasSize(51);
    }

    @Test
    void matchesTheRelayAgentInformationOfARequest() {
        RelayPin both = RelayPin.parse("Gi1/0/7", "sw12");
        byte[] gi = "Gi1/0/7".getBytes(StandardCharsets.US_ASCII);
        byte[] sw = "sw12".getBytes(StandardCharsets.US_ASCII);
        assertThat(both.matches(new RelayAgentInformation(gi, sw))).isTrue();
        assertThat(both.matches(new RelayAgentInformation(gi, null))).isFalse();
        assertThat(both.matches(new RelayAgentInformation("Gi1/0/8".getBytes(StandardCharsets.US_ASCII), sw))).isFalse();
        assertThat(both.matches(null)).isFalse();
        // RFC 3046 sub-options 1 and 2 as a relay encodes them
        assertThat(RelayPin.parse("Gi1/0/7", null).matches(RelayAgentInformation.decode(HEX.parseHex("01074769312f302f370204" + HEX.formatHex(sw)))))
                .isTrue();
    }

    @Test
    void takesPinsFromInventoryVariablesOrFromTheApplication() {
        DhcpConfig fromInventory = Samples.complete(DhcpServerFormat.ISC, List.of(IOS)).devices(Samples.pinnedDevices()).build();
        List<DeviceRecord> d = fromInventory.devices();
        assertThat(fromInventory.relayPin(d.get(0))).contains(new RelayPin(new byte[] {0, 4, 0, 1, 0, 7}, null));
        assertThat(fromInventory.relayPin(d.get(1))).contains(RelayPin.parse("Gi1/0/7", "access-sw-12"));
        assertThat(fromInventory.relayPin(d.get(2))).isEmpty();

        Map<String, RelayPin> ports = Map.of("rtr2", RelayPin.parse("Gi2/0/1", null));
        DhcpConfig fromApp = Samples.complete(DhcpServerFormat.ISC, List.of(IOS)).devices(Samples.pinnedDevices())
                .relayPins(dev -> Optional.ofNullable(ports.get(dev.hostname()))).build();
        assertThat(fromApp.relayPin(d.get(1))).isEmpty();
        assertThat(fromApp.relayPin(d.get(2))).contains(RelayPin.parse("Gi2/0/1", null));
        assertThat(fromApp.render()).contains("host rtr2 {\n  hardware ethernet 02:00:00:00:00:02;\n  fixed-address 10.213.7.13;\n"
                + "  option host-name \"rtr2\";\n  # option 82 pin: no answer at all unless the relay reports circuit-id \"Gi2/0/1\"\n"
                + "  if not (option agent.circuit-id = \"Gi2/0/1\") {\n    ignore booting;\n  }\n}\n");

        DeviceRecord bad = new DeviceRecord("rtr9", null, MacAddress.parse("02:00:00:00:00:09"), "ios", null, 0, null, null,
                Map.of(RelayPin.REMOTE_ID_VARIABLE, "0xabc"));
        assertThatThrownBy(() -> Samples.fragment(DhcpServerFormat.KEA, List.of(IOS)).devices(List.of(bad)).build())
                .hasMessage("DHCP config: device rtr9: relay_remote_id: '0xabc' is not 0x followed by pairs of hex digits");
        assertThatThrownBy(() -> Samples.fragment(DhcpServerFormat.KEA, List.of(IOS)).devices(List.of(bad)).relayPins(dev -> null).build())
                .hasMessage("DHCP config: the relay pin lookup returned null for device rtr9");
    }

    @Test
    void iscIgnoresAPinnedHostUnlessItsRelayPortMatches() {
        String isc = render(DhcpServerFormat.ISC, List.of(NXOS, IOS));
        assertThat(isc).contains("""

                host sw1 {
                  # known by serial only: NX-OS POAP sends option 61 = 0x00 + serial
                  option dhcp-client-identifier 00:53:41:4c:31:32:33:34:35:36:37:38;
                  fixed-address 10.213.7.11;
                  option host-name "sw1";
                  # option 82 pin: no answer at all unless the relay reports circuit-id 0x000400010007
                  if not (option agent.circuit-id = 00:04:00:01:00:07) {
                    ignore booting;
                  }
                }

                host rtr1 {
                  hardware ethernet 02:00:00:00:00:01;
                  fixed-address 10.213.7.12;
                  option host-name "rtr1";
                  # option 82 pin: no answer at all unless the relay reports circuit-id "Gi1/0/7" remote-id "access-sw-12"
                  if not (option agent.circuit-id = "Gi1/0/7" and option agent.remote-id = "access-sw-12") {
                    ignore booting;
                  }
                }

                host rtr2 {
                  hardware ethernet 02:00:00:00:00:02;
                  fixed-address 10.213.7.13;
                  option host-name "rtr2";
                }
                """);
        // quotes and backslashes in a text pin are escaped, not ended
        DeviceRecord odd = new DeviceRecord("rtr5", null, MacAddress.parse("02:00:00:00:00:05"), "ios", null, 0, null, null,
                Map.of(RelayPin.CIRCUIT_ID_VARIABLE, "port \"7\" \\ a"));
        assertThat(Samples.fragment(DhcpServerFormat.ISC, List.of(IOS)).devices(List.of(odd)).build().render())
                .contains("  if not (option agent.circuit-id = \"port \\\"7\\\" \\\\ a\") {\n");
    }

    @Test
    void keaDropsRequestsFromAPinnedDeviceThroughAnyOtherPort() {
        String kea = render(DhcpServerFormat.KEA, List.of(NXOS, IOS));
        assertThat(kea).contains("""
                    "client-classes": [
                      {
                        "name": "DROP",
                        "comment": "option 82 pins: requests from these devices through any other relay port are dropped: \
                sw1 (circuit-id 0x000400010007), rtr1 (circuit-id \\"Gi1/0/7\\" remote-id \\"access-sw-12\\")",
                        "test": "(option[61].hex == 0x0053414c3132333435363738 and not (relay4[1].hex == 0x000400010007)) \
                or (pkt4.mac == 0x020000000001 and not (relay4[1].hex == 0x4769312f302f37 and relay4[2].hex == 0x6163636573732d73772d3132))"
                      },
                      {
                        "name": "ztp-nxos",
                """);
        // the reservations are the same as without pins
        assertThat(kea).contains("""
                          {
                            "hw-address": "02:00:00:00:00:01",
                            "ip-address": "10.213.7.12",
                            "hostname": "rtr1"
                          },
                """);
        String unpinned = Samples.complete(DhcpServerFormat.KEA, List.of(IOS)).devices(Samples.devices()).build().render();
        assertThat(unpinned).doesNotContain("DROP", "relay4");
    }

    @Test
    void dnsmasqTagsTheRelayPortAndIgnoresThePinnedDeviceWithoutIt() {
        String dnsmasq = render(DhcpServerFormat.DNSMASQ, List.of(NXOS, IOS));
        assertThat(dnsmasq).endsWith("""

                # sw1: option 82 pin, no answer unless the relay reports circuit-id 0x000400010007
                dhcp-circuitid=set:ztp-pin-sw1-circuit,00:04:00:01:00:07
                dhcp-host=id:00:53:41:4c:31:32:33:34:35:36:37:38,tag:ztp-pin-sw1-circuit,10.213.7.11,sw1
                dhcp-host=id:00:53:41:4c:31:32:33:34:35:36:37:38,ignore
                # rtr1: option 82 pin, no answer unless the relay reports circuit-id "Gi1/0/7" remote-id "access-sw-12"
                dhcp-circuitid=set:ztp-pin-rtr1-circuit,47:69:31:2f:30:2f:37
                dhcp-remoteid=set:ztp-pin-rtr1-remote,61:63:63:65:73:73:2d:73:77:2d:31:32
                dhcp-host=02:00:00:00:00:01,tag:ztp-pin-rtr1-circuit,tag:ztp-pin-rtr1-remote,10.213.7.12,rtr1
                dhcp-host=02:00:00:00:00:01,ignore
                dhcp-host=02:00:00:00:00:02,10.213.7.13,rtr2
                """);
    }

    @Test
    void iosMovesAPinnedDeviceIntoARelayInformationClass() {
        String ios = render(DhcpServerFormat.IOS, List.of(IOS));
        assertThat(ios).isEqualTo("""
                ! Cisco IOS DHCP server configuration for ZTP, written by ztp4j (platforms: ios)
                ! IOS pools cannot select options by option 60/77: this pool serves every device.
                ip dhcp excluded-address 10.213.7.1 10.213.7.10
                ip dhcp excluded-address 10.213.7.13 10.213.7.99
                ip dhcp excluded-address 10.213.7.201 10.213.7.254
                ! sw1: option 82 pin, its address only through circuit-id 0x000400010007
                ip dhcp class ztp-pin-sw1
                 relay agent information
                  relay-information hex 0106000400010007*
                ! rtr1: option 82 pin, its address only through circuit-id "Gi1/0/7" remote-id "access-sw-12"
                ip dhcp class ztp-pin-rtr1
                 relay agent information
                  relay-information hex 01074769312f302f37020c6163636573732d73772d3132*
                ! no pattern: every other request
                ip dhcp class ztp-any
                !
                ip dhcp pool ztp
                 network 10.213.7.0 255.255.255.0
                 default-router 10.213.7.1
                 next-server 10.0.0.1
                 option 150 ip 10.0.0.1 10.0.0.2
                 option 66 ascii 10.0.0.1
                 class ztp-pin-sw1
                  address range 10.213.7.11 10.213.7.11
                 class ztp-pin-rtr1
                  address range 10.213.7.12 10.213.7.12
                 class ztp-any
                  address range 10.213.7.100 10.213.7.200
                ! sw1: pinned, so no host pool; IOS classes carry no client-name
                ! rtr1: pinned, so no host pool; IOS classes carry no client-name
                !
                ip dhcp pool rtr2
                 host 10.213.7.13 255.255.255.0
                 client-identifier 0102.0000.0000.02
                 client-name rtr2
                !
                """);
    }

    @Test
    void iosRefusesPinsItCannotExpress() {
        // sw1 is NX-OS, whose poap.py differs from IOS-XE's boot file: a class cannot carry it
        assertThatThrownBy(() -> render(DhcpServerFormat.IOS, List.of(NXOS, IOSXE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cisco IOS: cannot pin device sw1 to option 82 circuit-id 0x000400010007: the platforms need different "
                        + "boot files, and an ip dhcp class cannot carry the device's own option 67");
        DeviceRecord remoteOnly = new DeviceRecord("rtr3", null, MacAddress.parse("02:00:00:00:00:03"), "ios", ip("10.213.7.14"), 24,
                null, null, Map.of(RelayPin.REMOTE_ID_VARIABLE, "access-sw-12"));
        assertThatThrownBy(() -> Samples.complete(DhcpServerFormat.IOS, List.of(IOS)).devices(List.of(remoteOnly)).build().render())
                .hasMessage("Cisco IOS: cannot pin device rtr3 to option 82 remote-id \"access-sw-12\": relay-information hex matches "
                        + "option 82 from its first octet, and where the remote-id sits depends on the circuit-id before it; pin a circuit-id too");
        // the other servers express both
        for (DhcpServerFormat f : List.of(DhcpServerFormat.ISC, DhcpServerFormat.KEA, DhcpServerFormat.DNSMASQ)) {
            assertThat(Samples.complete(f, List.of(IOS)).devices(List.of(remoteOnly)).build().render()).contains("rtr3");
            assertThat(render(f, List.of(NXOS, IOSXE))).contains("sw1");
        }
    }

    @Test
    void iosWithoutARangeServesOnlyThePinnedDevicesFromTheNetworkPool() {
        String ios = Samples.fragment(DhcpServerFormat.IOS, List.of(IOS)).subnet(Ipv4Subnet.parse("10.213.7.0/24"))
                .devices(Samples.pinnedDevices()).build().render();
        assertThat(ios).contains("! no dynamic range: with classes the pool serves only the pinned devices below\n")
                .contains(" class ztp-pin-sw1\n  address range 10.213.7.11 10.213.7.11\n")
                .contains("  relay-information hex 0106000400010007*\n")
                .doesNotContain("ztp-any", "excluded-address");
    }
}
