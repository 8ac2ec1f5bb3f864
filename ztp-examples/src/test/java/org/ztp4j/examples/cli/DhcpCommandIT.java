package org.ztp4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;

/** {@code ztp dhcp} output, checked by the real DHCP servers' own config checks. */
class DhcpCommandIT {

    @TempDir
    Path dir;

    Path inventory() throws Exception {
        Path inv = dir.resolve("devices.csv");
        Files.writeString(inv, """
                hostname,serial,mac,platform,mgmt_address
                leaf1,SAL1,00:00:5e:00:53:11,nxos,10.20.0.11/24
                rtr1,FTX1,00:00:5e:00:53:12,ios,10.20.0.12/24
                sw1,FOC1,00:00:5e:00:53:13,iosxe,10.20.0.13/24
                leaf5,SNC5,00:00:5e:00:53:15,sonic,10.20.0.15/24
                spine6,MT6,00:00:5e:00:53:16,cumulus,10.20.0.16/24
                """);
        return inv;
    }

    Cli dhcp(String format, String platform) throws Exception {
        Cli r = Cli.run("dhcp", "--format", format, "--platform", platform, "--tftp-server", "10.20.0.1,10.20.0.2",
                "--http-base", "http://10.20.0.1:8080", "--subnet", "10.20.0.0/24", "--range", "10.20.0.100-10.20.0.199",
                "--router", "10.20.0.254", "--dns", "10.20.0.53", "--inventory", inventory().toString());
        assertThat(r.code()).as(r.err()).isZero();
        return r;
    }

    @ParameterizedTest
    @ValueSource(strings = {"nxos", "ios", "iosxe", "sonic", "cumulus"})
    void iscDhcpdAcceptsTheFileForEveryPlatform(String platform) throws Exception {
        Path dhcpd = ExternalTool.require("dhcpd", "isc-dhcp-server");
        Path conf = dir.resolve("dhcpd.conf");
        Files.writeString(conf, dhcp("isc", platform).out());
        Path leases = Files.createFile(dir.resolve("dhcpd.leases"));
        Processes.Result r = Processes.runAllowingFailure(dir, 30, dhcpd.toString(), "-4", "-t", "-cf", conf.toString(), "-lf", leases.toString());
        assertThat(r.exitCode()).as(r.stderr() + "\n" + Files.readString(conf)).isZero();
        String text = Files.readString(conf);
        assertThat(text).contains("range 10.20.0.100 10.20.0.199");
        if (platform.equals("nxos") || platform.equals("ios")) { // the others' option 67 or 239 is a URL: no TFTP server
            assertThat(text).contains("option tftp-server-address 10.20.0.1, 10.20.0.2;");
        }
        assertThat(text).as("one reservation, for this platform's device only").containsOnlyOnce("hardware ethernet");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nxos", "ios", "iosxe", "sonic", "cumulus"})
    void keaAcceptsTheFileForEveryPlatform(String platform) throws Exception {
        Path kea = ExternalTool.require("kea-dhcp4", "kea-dhcp4-server");
        Path conf = dir.resolve("kea.json");
        Files.writeString(conf, dhcp("kea", platform).out());
        Processes.Result r = Processes.runAllowingFailure(dir, 30, kea.toString(), "-t", conf.toString());
        assertThat(r.exitCode()).as(r.stdout() + r.stderr() + "\n" + Files.readString(conf)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"nxos", "ios", "iosxe", "sonic", "cumulus"})
    void dnsmasqAcceptsTheFileForEveryPlatform(String platform) throws Exception {
        Path dnsmasq = ExternalTool.require("dnsmasq", "dnsmasq");
        Path conf = dir.resolve("dnsmasq.conf");
        Files.writeString(conf, dhcp("dnsmasq", platform).out());
        Processes.Result r = Processes.runAllowingFailure(dir, 30, dnsmasq.toString(), "--test", "--conf-file=" + conf);
        assertThat(r.exitCode()).as(r.stderr() + "\n" + Files.readString(conf)).isZero();
        assertThat(r.stderr()).contains("syntax check OK");
    }

    @Test
    void iosPoolsUseTheCommandForms() throws Exception {
        String ios = dhcp("ios", "nxos").out();
        assertThat(ios).contains("ip dhcp pool ").contains("network 10.20.0.0 255.255.255.0").contains("default-router 10.20.0.254")
                .contains("option 150 ip 10.20.0.1 10.20.0.2");
    }

    @Test
    void theNxosOfferMatchesTheUserClassAndNamesTheScript() throws Exception {
        assertThat(dhcp("dnsmasq", "nxos").out()).contains("Cisco-POAP").contains("poap.py");
        assertThat(dhcp("dnsmasq", "iosxe").out()).contains("ciscopnp").contains("http://10.20.0.1:8080/ztp/iosxe.py");
    }

    @Test
    void settingsThatChangeTheOfferAreHonoured() throws Exception {
        Cli http = Cli.run("dhcp", "--format", "dnsmasq", "--platform", "nxos", "--tftp-server", "10.20.0.1",
                "--http-base", "http://10.20.0.1:8080", "--set", "nxos.transfer=http");
        assertThat(http.code()).as(http.err()).isZero();
        assertThat(http.out()).contains("66,\"http://10.20.0.1:8080\"").contains("67,\"poap.py\"").doesNotContain("150,");
        Cli tftp = Cli.run("dhcp", "--format", "dnsmasq", "--platform", "iosxe", "--tftp-server", "10.20.0.1",
                "--http-base", "http://10.20.0.1:8080", "--set", "iosxe.transfer=tftp");
        assertThat(tftp.out()).contains("150,10.20.0.1").contains("67,\"ztp/iosxe.py\"");
    }

    @Test
    void badInputIsExitTwoNamingTheFlag() {
        Cli r = Cli.run("dhcp", "--format", "bind", "--platform", "nxos", "--tftp-server", "10.0.0.1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("bind");
        Cli base = Cli.run("dhcp", "--format", "isc", "--platform", "nxos", "--tftp-server", "10.0.0.1", "--http-base", "ftp://x");
        assertThat(base.code()).isEqualTo(2);
        assertThat(base.err()).startsWith("ztp dhcp: --http-base: ");
        assertThat(Cli.run("dhcp", "--format", "isc", "--platform", "nxos").code()).isEqualTo(2);
    }

    @Test
    void inventoryColumnsPinADeviceToItsRelayPort() throws Exception {
        Path inv = dir.resolve("pinned.csv");
        Files.writeString(inv, """
                hostname,serial,mac,platform,mgmt_address,relay_circuit_id,relay_remote_id
                leaf1,SAL1,00:00:5e:00:53:11,nxos,10.20.0.11/24,Eth1/7,
                leaf2,SAL2,00:00:5e:00:53:21,nxos,10.20.0.21/24,,0x0a0b
                """);
        Cli isc = Cli.run("dhcp", "--format", "isc", "--platform", "nxos", "--tftp-server", "10.20.0.1", "--inventory", inv.toString());
        assertThat(isc.code()).as(isc.err()).isZero();
        assertThat(isc.out()).contains("option agent.circuit-id = \"Eth1/7\"").contains("ignore booting");
        Cli ios = Cli.run("dhcp", "--format", "ios", "--platform", "nxos", "--tftp-server", "10.20.0.1", "--subnet", "10.20.0.0/24",
                "--range", "10.20.0.100-10.20.0.199", "--router", "10.20.0.254", "--inventory", inv.toString());
        assertThat(ios.code()).as("IOS cannot pin by remote-id alone").isEqualTo(2);
        assertThat(ios.err()).startsWith("ztp dhcp: ").contains("leaf2").contains("remote-id");
    }

    @Test
    void sonicGetsItsZtpJsonIn67AndItsScriptIn239MatchedOnItsUserClassInEveryFormat() throws Exception {
        assertThat(dhcp("isc", "sonic").out()).contains("option ztp-option-239 code 239 = text;",
                "substring(option user-class, 0, 9) = \"SONiC-ZTP\"", "option bootfile-name \"http://10.20.0.1:8080/sonic/ztp.json\";",
                "option ztp-option-239 \"http://10.20.0.1:8080/sonic/bootstrap.sh\";");
        assertThat(dhcp("kea", "sonic").out()).contains("\"code\": 239", "http://10.20.0.1:8080/sonic/bootstrap.sh");
        assertThat(dhcp("dnsmasq", "sonic").out()).contains("dhcp-userclass=set:ztp-sonic,SONiC-ZTP",
                "dhcp-option-force=tag:ztp-sonic,239,\"http://10.20.0.1:8080/sonic/bootstrap.sh\"");
        assertThat(dhcp("ios", "sonic").out()).contains(" option 67 ascii http://10.20.0.1:8080/sonic/ztp.json\n", " option 239 ascii http://10.20.0.1:8080/sonic/bootstrap.sh\n");
    }

    @Test
    void cumulusGetsItsScriptIn239MatchedOnItsVendorClassInEveryFormat() throws Exception {
        assertThat(dhcp("isc", "cumulus").out()).contains("substring(option vendor-class-identifier, 0, 13) = \"cumulus-linux\"",
                "option ztp-option-239 \"http://10.20.0.1:8080/cumulus/ztp.sh\";");
        assertThat(dhcp("dnsmasq", "cumulus").out()).contains("dhcp-vendorclass=set:ztp-cumulus,cumulus-linux",
                "dhcp-option-force=tag:ztp-cumulus,239,\"http://10.20.0.1:8080/cumulus/ztp.sh\"");
        assertThat(dhcp("ios", "cumulus").out()).contains(" option 239 ascii http://10.20.0.1:8080/cumulus/ztp.sh\n");
        Cli noHttp = Cli.run("dhcp", "--format", "isc", "--platform", "cumulus", "--tftp-server", "10.20.0.1");
        assertThat(noHttp.code()).isEqualTo(2);
        assertThat(noHttp.err()).startsWith("ztp dhcp: cumulus needs an HTTP server");
    }
}
