package org.ztp4j.dhcp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ztp4j.dhcp.config.Samples.IOS;
import static org.ztp4j.dhcp.config.Samples.IOSXE;
import static org.ztp4j.dhcp.config.Samples.NXOS;
import static org.ztp4j.dhcp.config.Samples.PNP;
import static org.ztp4j.dhcp.config.Samples.ip;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.BootOption;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.inventory.CsvInventory;
import org.ztp4j.dhcp.DhcpOption;

/**
 * The renderers' whole output for the three shipped platforms with a scope and an inventory, read
 * line by line against the servers' documented syntax (and accepted by the real servers in
 * {@code DhcpConfigServersIT}).
 */
class DhcpConfigTest {

    private static DhcpConfig threePlatforms(DhcpServerFormat format) {
        return Samples.complete(format, List.of(NXOS, IOS, IOSXE))
                .dns(List.of(ip("10.213.7.1"))).domain("lab.example").leaseTime(3600L)
                .devices(Samples.devices()).build();
    }

    @Test
    void writesIscDhcpdClassesScopeAndHosts() {
        assertThat(threePlatforms(DhcpServerFormat.ISC).render()).isEqualTo(ISC);
    }

    @Test
    void writesKeaClientClassesOptionDefinitionAndReservations() {
        assertThat(threePlatforms(DhcpServerFormat.KEA).render()).isEqualTo(KEA);
    }

    @Test
    void writesDnsmasqTagsForcedOptionsAndHosts() {
        assertThat(threePlatforms(DhcpServerFormat.DNSMASQ).render()).isEqualTo(DNSMASQ);
    }

    @Test
    void writesIosPoolsWithExcludedAddressesAndHostPools() {
        assertThat(threePlatforms(DhcpServerFormat.IOS).render()).isEqualTo(IOS_POOLS);
    }

    @Test
    void putsTheOnlyPlatformsOptionsIntoTheScopeWithoutAClass() {
        String kea = Samples.complete(DhcpServerFormat.KEA, List.of(IOS)).build().render();
        assertThat(kea).doesNotContain("client-classes").contains("\"next-server\": \"10.0.0.1\"")
                .contains("\"data\": \"10.0.0.1, 10.0.0.2\"");
        String dnsmasq = Samples.complete(DhcpServerFormat.DNSMASQ, List.of(IOS)).build().render();
        assertThat(dnsmasq).contains("\ndhcp-option-force=150,10.0.0.1,10.0.0.2\n", "\ndhcp-boot=,,10.0.0.1\n")
                .doesNotContain("tag:");
        String isc = Samples.complete(DhcpServerFormat.ISC, List.of(IOS)).build().render();
        assertThat(isc).doesNotContain("class ").contains("  option routers 10.213.7.1;\n"
                + "  # ios: every device that matches no other platform\n"
                + "  if exists dhcp-parameter-request-list {\n"
                + "    option dhcp-parameter-request-list = concat(option dhcp-parameter-request-list, 42, 96);\n"
                + "  }\n"
                + "  next-server 10.0.0.1;\n");
        String ios = Samples.complete(DhcpServerFormat.IOS, List.of(NXOS)).build().render();
        assertThat(ios).contains(" option 67 ascii poap.py\n").doesNotContain("different boot files");
    }

    @Test
    void writesAFragmentWithoutScopeWhenNoSubnetIsGiven() {
        String isc = Samples.fragment(DhcpServerFormat.ISC, List.of(NXOS, IOS)).devices(Samples.devices()).build().render();
        assertThat(isc).doesNotContain("subnet ", "fixed-address", "authoritative")
                .contains("\n# ios: every device that matches no other platform\nclass \"ztp-ios\" {\n  match if not (substring(option user-class, 0, 10)")
                .contains("host rtr1 {\n  hardware ethernet 02:00:00:00:00:01;\n  option host-name \"rtr1\";\n}\n");
        String dnsmasq = Samples.fragment(DhcpServerFormat.DNSMASQ, List.of(NXOS)).devices(Samples.devices()).build().render();
        assertThat(dnsmasq).doesNotContain("dhcp-range", "port=0").contains("dhcp-host=02:00:00:00:00:01,rtr1\n");
        String kea = Samples.fragment(DhcpServerFormat.KEA, List.of(NXOS)).devices(Samples.devices()).build().render();
        assertThat(kea).doesNotContain("subnet4", "ip-address").contains("\"reservations\": [");
        String ios = Samples.fragment(DhcpServerFormat.IOS, List.of(NXOS)).devices(Samples.devices()).build().render();
        assertThat(ios).doesNotContain(" network ", "excluded-address", "\n host ")
                .contains("! sw1: no management address inside the subnet, no host pool\n");
    }

    @Test
    void writesExtraOptionsAsRawBytesInEachServersSyntax() {
        List<DhcpOption> pnp = List.of(DhcpOption.ciscoPnp("10.0.0.1", 80, false));
        // "5A1N;B2;K4;I10.0.0.1;J80" = 35 41 31 4e 3b 42 32 3b 4b 34 3b 49 31 30 2e 30 2e 30 2e 31 3b 4a 38 30
        assertThat(Samples.complete(DhcpServerFormat.IOS, List.of(IOSXE)).options(pnp).build().render())
                .contains(" option 43 hex 3541.314e.3b42.323b.4b34.3b49.3130.2e30.2e30.2e31.3b4a.3830\n");
        assertThat(Samples.complete(DhcpServerFormat.DNSMASQ, List.of(IOSXE)).options(pnp).build().render())
                .contains("\ndhcp-option-force=43,35:41:31:4e:3b:42:32:3b:4b:34:3b:49:31:30:2e:30:2e:30:2e:31:3b:4a:38:30\n");
        assertThat(Samples.complete(DhcpServerFormat.ISC, List.of(IOSXE)).options(pnp).build().render())
                .contains("option ztp-option-43 code 43 = string;\n")
                .contains("  if exists dhcp-parameter-request-list {\n"
                        + "    option dhcp-parameter-request-list = concat(option dhcp-parameter-request-list, 2b);\n  }\n"
                        + "  option ztp-option-43 35:41:31:4e:3b:42:32:3b:4b:34:3b:49:31:30:2e:30:2e:30:2e:31:3b:4a:38:30;\n");
        assertThatThrownBy(() -> DhcpConfig.builder().options(List.of(DhcpOption.bootfileName("x"))))
                .hasMessage("option 67: written from the configuration's own settings, not as an extra option");
        assertThatThrownBy(() -> DhcpConfig.builder().options(List.of(new DhcpOption(200, new byte[0]))))
                .hasMessage("option 200: an extra option needs a value");
        assertThatThrownBy(() -> DhcpConfig.builder().options(List.of(pnp.get(0), pnp.get(0))))
                .hasMessage("option 43: given twice");
    }

    @Test
    void writesReservationsOnlyRangeWithoutRange() {
        String dnsmasq = Samples.fragment(DhcpServerFormat.DNSMASQ, List.of(NXOS)).subnet(Ipv4Subnet.parse("10.213.7.0/24"))
                .build().render();
        assertThat(dnsmasq).contains("dhcp-range=10.213.7.0,static,255.255.255.0\n");
    }

    @Test
    void answersTheNamesDevicesLookUpWithDnsmasqAndNamesThemForTheOtherServers() {
        DhcpConfig.Builder b = Samples.complete(DhcpServerFormat.DNSMASQ, List.of(PNP)).domain("lab.example")
                .hostRecord("pnpserver.lab.example", ip("10.213.7.1"));
        String dnsmasq = b.build().render();
        assertThat(dnsmasq).contains("host-record=pnpserver.lab.example,10.213.7.1\n", "dhcp-option=15,lab.example\n")
                .as("dnsmasq's DNS server stays on to answer it").doesNotContain("port=0")
                .as("it offers itself: no option 6 of ours").doesNotContain("dhcp-option=6,")
                .as("but answers no one beyond its own subnets").contains("\nlocal-service\n");
        assertThat(b.interfaceName("eth1").build().render()).as("an interface restricts it already")
                .contains("host-record=pnpserver.lab.example,", "interface=eth1\n").doesNotContain("local-service");
        b.interfaceName(null);
        // DNS servers given: the devices ask them, not dnsmasq, so the record belongs there
        String withDns = Samples.complete(DhcpServerFormat.DNSMASQ, List.of(PNP)).domain("lab.example")
                .hostRecord("pnpserver.lab.example", ip("10.213.7.1")).dns(List.of(ip("10.213.7.53"))).build().render();
        assertThat(withDns).contains("# DNS: the devices look up pnpserver.lab.example: your DNS server (option 6) must answer it "
                + "with 10.213.7.1\n", "dhcp-option=6,10.213.7.53\n", "\nport=0\n").doesNotContain("host-record", "local-service");
        assertThat(b.format(DhcpServerFormat.ISC).build().render())
                .startsWith("# DNS: the devices look up pnpserver.lab.example: your DNS server (option 6) must answer it with 10.213.7.1\n");
        assertThat(b.format(DhcpServerFormat.KEA).build().render()).startsWith("// DNS: the devices look up pnpserver.lab.example:");
        assertThat(b.format(DhcpServerFormat.IOS).build().render()).startsWith("! DNS: the devices look up pnpserver.lab.example:");
        assertThat(Samples.complete(DhcpServerFormat.DNSMASQ, List.of(IOSXE)).build().render()).contains("port=0\n");
        assertThatThrownBy(() -> DhcpConfig.builder().hostRecord("pnp server.lab", ip("10.213.7.1")))
                .hasMessage("host record: 'pnp server.lab' is not a host name");
        assertThatThrownBy(() -> DhcpConfig.builder().hostRecord("pnpserver.lab", ip("2001:db8::1")))
                .hasMessage("host record pnpserver.lab: 2001:db8:0:0:0:0:0:1 is not an IPv4 address");
    }

    @Test
    void refusesControlCharactersInTextThatReachesTheConfiguration() {
        assertThatThrownBy(() -> DhcpConfig.builder().leaseFile("/var/lib/misc/ztp.leases\ndhcp-range=0.0.0.0"))
                .hasMessageStartingWith("lease file '/var/lib/misc/ztp.leases\\x0adhcp-range=0.0.0.0': control character U+000A at position 25");
        assertThatThrownBy(() -> DhcpConfig.builder().domain("lab\n.example"))
                .hasMessageStartingWith("domain 'lab\\x0a.example': control character U+000A at position 4");
        assertThatThrownBy(() -> DhcpConfig.builder().hostRecord("pnpserver.lab\r", ip("10.213.7.1")))
                .hasMessageStartingWith("host record 'pnpserver.lab\\x0d': control character U+000D at position 14");
        assertThatThrownBy(() -> DeviceRecord.builder("sw\n1").serial("X").build())
                .hasMessageStartingWith("hostname 'sw\\x0a1': control character U+000A at position 3");
        var devices = CsvInventory.parse("own.csv", """
                hostname,serial,mac,platform
                spine6,MT6,00:00:5e:00:53:16,cumulus
                """).devices();
        // a device's own option is text the configuration writes in quotes, on one line
        assertThatThrownBy(() -> DhcpConfig.builder().format(DhcpServerFormat.DNSMASQ).offers(List.of(Samples.CUMULUS)).devices(devices)
                .deviceOptions(d -> List.of(BootOption.text(239, "http://10.0.0.1/ztp.sh\u001b[2J"))).build())
                .hasMessageContaining("option 239: text 'http://10.0.0.1/ztp.sh\\x1b[2J': control character U+001B at position 23");
    }

    @Test
    void rejectsConfigurationsThatCannotWork() {
        assertThatThrownBy(() -> DhcpConfig.builder().offers(List.of(NXOS)).build())
                .hasMessage("DHCP config: format missing (isc, kea, dnsmasq or ios)");
        assertThatThrownBy(() -> DhcpConfig.builder().format(DhcpServerFormat.ISC).build())
                .hasMessage("DHCP config: no platform offers given");
        assertThatThrownBy(() -> DhcpConfig.builder().format(DhcpServerFormat.ISC).offers(List.of(NXOS)).build())
                .hasMessage("DHCP config: platform nxos needs a TFTP server address");
        assertThatThrownBy(() -> Samples.fragment(DhcpServerFormat.ISC, List.of(NXOS, NXOS)).build())
                .hasMessage("DHCP config: platform nxos given twice");
        assertThatThrownBy(() -> Samples.fragment(DhcpServerFormat.ISC, List.of(IOS,
                new BootOffer("other", 0, null, null, false))).build())
                .hasMessage("DHCP config: only one platform may match any device, got 2");
        assertThatThrownBy(() -> Samples.complete(DhcpServerFormat.ISC, List.of(NXOS)).range(Ipv4Range.parse("10.213.7.100-10.213.8.1")).build())
                .hasMessage("DHCP config: range 10.213.7.100-10.213.8.1 is not inside subnet 10.213.7.0/24");
        assertThatThrownBy(() -> Samples.complete(DhcpServerFormat.ISC, List.of(NXOS)).router(ip("10.9.9.9")).build())
                .hasMessage("DHCP config: router 10.9.9.9 is not inside subnet 10.213.7.0/24");
        assertThatThrownBy(() -> Samples.fragment(DhcpServerFormat.ISC, List.of(NXOS)).router(ip("10.9.9.9")).build())
                .hasMessage("DHCP config: a range or router needs a subnet");
        assertThatThrownBy(() -> DhcpConfig.builder().tftpServers(List.of(ip("2001:db8::1"))))
                .hasMessage("TFTP server: 2001:db8:0:0:0:0:0:1 is not an IPv4 address");
        assertThatThrownBy(() -> Ipv4Subnet.parse("10.213.7.1/24"))
                .hasMessage("subnet: 10.213.7.1/24 has host bits set (network is 10.213.7.0)");
        assertThatThrownBy(() -> Ipv4Subnet.parse("fe80::/64")).hasMessage("subnet: 'fe80::/64' is not IPv4 CIDR like 10.213.7.0/24");
        assertThatThrownBy(() -> Ipv4Range.parse("10.0.0.9-10.0.0.1")).hasMessage("range: 10.0.0.1 is below 10.0.0.9");
        assertThatThrownBy(() -> Ipv4Addresses.parseList("--tftp-server", "10.0.0.1,tftp.lab"))
                .hasMessage("--tftp-server: 'tftp.lab' is not an IPv4 address");
        assertThatThrownBy(() -> Ipv4Addresses.parseList("--tftp-server", "10.0.0.1,")).hasMessage("--tftp-server: '' is not an IPv4 address");
        assertThatThrownBy(() -> Ipv4Addresses.parseList("--dns", " ")).hasMessage("--dns: no address given");
        assertThat(Ipv4Addresses.parseList("--tftp-server", "10.0.0.1, 10.0.0.2")).containsExactly(
                (java.net.Inet4Address) ip("10.0.0.1"), (java.net.Inet4Address) ip("10.0.0.2"));
        assertThatThrownBy(() -> DhcpServerFormat.parse("windows")).hasMessage("DHCP server format: 'windows' is not isc, kea, dnsmasq or ios");
    }

    private static final String ISC = """
# ISC dhcpd configuration for ZTP, written by ztp4j (platforms: nxos, ios, iosxe)
# RFC 5859: option 150 is a list of TFTP server addresses.
option tftp-server-address code 150 = array of ip-address;
default-lease-time 3600;
max-lease-time 3600;
authoritative;

# nxos: devices whose user class (option 77) starts with "Cisco-POAP"
class "ztp-nxos" {
  match if substring(option user-class, 0, 10) = "Cisco-POAP" or substring(option user-class, 1, 10) = "Cisco-POAP";
  if exists dhcp-parameter-request-list {
    option dhcp-parameter-request-list = concat(option dhcp-parameter-request-list, 42, 96, 43);
  }
  next-server 10.0.0.1;
  option tftp-server-address 10.0.0.1, 10.0.0.2;
  option tftp-server-name "10.0.0.1";
  option bootfile-name "poap.py";
  filename "poap.py";
}

# iosxe: devices whose vendor class (option 60) starts with "ciscopnp"
class "ztp-iosxe" {
  match if substring(option vendor-class-identifier, 0, 8) = "ciscopnp";
  if exists dhcp-parameter-request-list {
    option dhcp-parameter-request-list = concat(option dhcp-parameter-request-list, 43);
  }
  option bootfile-name "http://10.0.0.1:8080/ztp/iosxe.py";
  filename "http://10.0.0.1:8080/ztp/iosxe.py";
}

# ios: every device that matches no other platform
class "ztp-ios" {
  match if not (substring(option user-class, 0, 10) = "Cisco-POAP" or substring(option user-class, 1, 10) = "Cisco-POAP") and not (substring(option vendor-class-identifier, 0, 8) = "ciscopnp");
  if exists dhcp-parameter-request-list {
    option dhcp-parameter-request-list = concat(option dhcp-parameter-request-list, 42, 96);
  }
  next-server 10.0.0.1;
  option tftp-server-address 10.0.0.1, 10.0.0.2;
  option tftp-server-name "10.0.0.1";
}

subnet 10.213.7.0 netmask 255.255.255.0 {
  range 10.213.7.100 10.213.7.200;
  option subnet-mask 255.255.255.0;
  option routers 10.213.7.1;
  option domain-name-servers 10.213.7.1;
  option domain-name "lab.example";
}

host sw1 {
  # known by serial only: NX-OS POAP sends option 61 = 0x00 + serial
  option dhcp-client-identifier 00:53:41:4c:31:32:33:34:35:36:37:38;
  fixed-address 10.213.7.11;
  option host-name "sw1";
}

host rtr1 {
  hardware ethernet 02:00:00:00:00:01;
  fixed-address 10.213.7.12;
  option host-name "rtr1";
}

host c9k1 {
  hardware ethernet 02:00:00:00:00:02;
  option host-name "c9k1";
}
""";

    private static final String KEA = """
{
  "Dhcp4": {
    "interfaces-config": {
      "interfaces": [
        "*"
      ]
    },
    "lease-database": {
      "type": "memfile",
      "persist": true
    },
    "valid-lifetime": 3600,
    "option-def": [
      {
        "name": "tftp-server-address",
        "code": 150,
        "space": "dhcp4",
        "type": "ipv4-address",
        "array": true
      }
    ],
    "client-classes": [
      {
        "name": "ztp-nxos",
        "comment": "nxos: devices whose user class (option 77) starts with \\"Cisco-POAP\\"",
        "test": "substring(option[77].hex,0,10) == 'Cisco-POAP' or substring(option[77].hex,1,10) == 'Cisco-POAP'",
        "next-server": "10.0.0.1",
        "option-data": [
          {
            "name": "tftp-server-address",
            "code": 150,
            "space": "dhcp4",
            "data": "10.0.0.1, 10.0.0.2",
            "always-send": true
          },
          {
            "name": "tftp-server-name",
            "code": 66,
            "space": "dhcp4",
            "data": "10.0.0.1",
            "always-send": true
          },
          {
            "name": "boot-file-name",
            "code": 67,
            "space": "dhcp4",
            "data": "poap.py",
            "always-send": true
          }
        ]
      },
      {
        "name": "ztp-iosxe",
        "comment": "iosxe: devices whose vendor class (option 60) starts with \\"ciscopnp\\"",
        "test": "substring(option[60].hex,0,8) == 'ciscopnp'",
        "option-data": [
          {
            "name": "boot-file-name",
            "code": 67,
            "space": "dhcp4",
            "data": "http://10.0.0.1:8080/ztp/iosxe.py",
            "always-send": true
          }
        ]
      },
      {
        "name": "ztp-ios",
        "comment": "ios: every device that matches no other platform",
        "test": "not member('ztp-nxos') and not member('ztp-iosxe')",
        "next-server": "10.0.0.1",
        "option-data": [
          {
            "name": "tftp-server-address",
            "code": 150,
            "space": "dhcp4",
            "data": "10.0.0.1, 10.0.0.2",
            "always-send": true
          },
          {
            "name": "tftp-server-name",
            "code": 66,
            "space": "dhcp4",
            "data": "10.0.0.1",
            "always-send": true
          }
        ]
      }
    ],
    "subnet4": [
      {
        "id": 1,
        "subnet": "10.213.7.0/24",
        "pools": [
          {
            "pool": "10.213.7.100 - 10.213.7.200"
          }
        ],
        "option-data": [
          {
            "name": "routers",
            "data": "10.213.7.1"
          },
          {
            "name": "domain-name-servers",
            "data": "10.213.7.1"
          },
          {
            "name": "domain-name",
            "data": "lab.example"
          }
        ],
        "reservations": [
          {
            "client-id": "00:53:41:4c:31:32:33:34:35:36:37:38",
            "ip-address": "10.213.7.11",
            "hostname": "sw1"
          },
          {
            "hw-address": "02:00:00:00:00:01",
            "ip-address": "10.213.7.12",
            "hostname": "rtr1"
          },
          {
            "hw-address": "02:00:00:00:00:02",
            "hostname": "c9k1"
          }
        ]
      }
    ]
  }
}
""";

    private static final String DNSMASQ = """
# dnsmasq configuration for ZTP, written by ztp4j (platforms: nxos, ios, iosxe)
# DHCP only: DNS off (delete to keep dnsmasq's DNS server)
port=0
dhcp-range=10.213.7.100,10.213.7.200,255.255.255.0,3600
dhcp-option=3,10.213.7.1
dhcp-option=6,10.213.7.1
dhcp-option=15,lab.example

# nxos: devices whose user class (option 77) starts with "Cisco-POAP"
dhcp-userclass=set:ztp-nxos,Cisco-POAP
dhcp-option-force=tag:ztp-nxos,150,10.0.0.1,10.0.0.2
dhcp-option-force=tag:ztp-nxos,66,"10.0.0.1"
dhcp-option-force=tag:ztp-nxos,67,"poap.py"
dhcp-boot=tag:ztp-nxos,poap.py,,10.0.0.1

# iosxe: devices whose vendor class (option 60) starts with "ciscopnp"
dhcp-vendorclass=set:ztp-iosxe,ciscopnp
dhcp-option-force=tag:ztp-iosxe,67,"http://10.0.0.1:8080/ztp/iosxe.py"
dhcp-boot=tag:ztp-iosxe,http://10.0.0.1:8080/ztp/iosxe.py

# ios: every device that matches no other platform
dhcp-option-force=tag:!ztp-nxos,tag:!ztp-iosxe,150,10.0.0.1,10.0.0.2
dhcp-option-force=tag:!ztp-nxos,tag:!ztp-iosxe,66,"10.0.0.1"
dhcp-boot=tag:!ztp-nxos,tag:!ztp-iosxe,,,10.0.0.1

dhcp-host=id:00:53:41:4c:31:32:33:34:35:36:37:38,10.213.7.11,sw1
dhcp-host=02:00:00:00:00:01,10.213.7.12,rtr1
dhcp-host=02:00:00:00:00:02,c9k1
""";

    private static final String IOS_POOLS = """
! Cisco IOS DHCP server configuration for ZTP, written by ztp4j (platforms: nxos, ios, iosxe)
! IOS pools cannot select options by option 60/77: this pool serves every device.
! The platforms need different boot files (option 67): only the host pools below carry them.
ip dhcp excluded-address 10.213.7.1 10.213.7.99
ip dhcp excluded-address 10.213.7.201 10.213.7.254
!
ip dhcp pool ztp
 network 10.213.7.0 255.255.255.0
 default-router 10.213.7.1
 dns-server 10.213.7.1
 domain-name lab.example
 next-server 10.0.0.1
 option 150 ip 10.0.0.1 10.0.0.2
 option 66 ascii 10.0.0.1
 lease 0 1 0
!
ip dhcp pool sw1
 host 10.213.7.11 255.255.255.0
 client-identifier 0053.414c.3132.3334.3536.3738
 client-name sw1
 option 67 ascii poap.py
!
ip dhcp pool rtr1
 host 10.213.7.12 255.255.255.0
 client-identifier 0102.0000.0000.01
 client-name rtr1
! c9k1: no management address inside the subnet, no host pool
!
""";

    @Test
    void aDevicesOwnOptionMustReplaceAnOptionOfItsOffersOfTheSameCodeAndType() {
        var devices = CsvInventory.parse("own.csv", """
                hostname,serial,mac,platform,mgmt_address
                spine1,MT1,02:00:00:00:00:32,cumulus,10.213.7.32/24
                """).devices();
        var url = BootOption.text(239, "http://10.0.0.1:8080/t/abc/cumulus/ztp.sh");
        assertThatThrownBy(() -> Samples.complete(DhcpServerFormat.ISC, List.of(Samples.CUMULUS)).devices(devices)
                .deviceOptions(d -> List.of(BootOption.text(240, "x"))).build())
                .hasMessage("DHCP config: device spine1: its own option 240 must replace an option of the same code and type"
                        + " in platform cumulus's offer");
        assertThatThrownBy(() -> Samples.complete(DhcpServerFormat.ISC, List.of(Samples.CUMULUS)).devices(devices)
                .deviceOptions(d -> List.of(BootOption.uint8(239, 1))).build())
                .hasMessageContaining("its own option 239 must replace an option of the same code and type");
        assertThatThrownBy(() -> Samples.complete(DhcpServerFormat.ISC, List.of(Samples.CUMULUS)).devices(devices)
                .deviceOptions(d -> List.of(url, url)).build())
                .hasMessage("DHCP config: device spine1: its own option 239 given twice");
        assertThat(Samples.complete(DhcpServerFormat.ISC, List.of(Samples.CUMULUS)).devices(devices)
                .deviceOptions(d -> List.of(url)).build().optionsFor(devices.iterator().next())).containsExactly(url);
    }
}
