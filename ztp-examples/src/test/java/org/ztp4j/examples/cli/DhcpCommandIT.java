package org.ztp4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
                qfx1,WS1,00:00:5e:00:53:14,junos,10.20.0.14/24
                cx1,SG1,00:00:5e:00:53:15,aoscx,10.20.0.15/24
                sw9,FOC9,00:00:5e:00:53:19,pnp,10.20.0.19/24
                leaf5,SNC5,00:00:5e:00:53:17,sonic,10.20.0.17/24
                spine6,MT6,00:00:5e:00:53:16,cumulus,10.20.0.16/24
                dcleaf7,NS7,00:00:5e:00:53:18,srlinux,10.20.0.18/24
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
    @ValueSource(strings = {"nxos", "ios", "iosxe", "junos", "aoscx", "pnp", "sonic", "cumulus", "srlinux"})
    void iscDhcpdAcceptsTheFileForEveryPlatform(String platform) throws Exception {
        Path dhcpd = ExternalTool.require("dhcpd", "isc-dhcp-server");
        Path conf = dir.resolve("dhcpd.conf");
        Files.writeString(conf, dhcp("isc", platform).out());
        Path leases = Files.createFile(dir.resolve("dhcpd.leases"));
        Processes.Result r = Processes.runAllowingFailure(dir, 30, dhcpd.toString(), "-4", "-t", "-cf", conf.toString(), "-lf", leases.toString());
        assertThat(r.exitCode()).as(r.stderr() + "\n" + Files.readString(conf)).isZero();
        String text = Files.readString(conf);
        assertThat(text).contains("range 10.20.0.100 10.20.0.199");
        if (java.util.Set.of("nxos", "ios", "junos", "aoscx").contains(platform)) { // the others' server is a URL in 67, 239 or 43
            assertThat(text).contains("option tftp-server-address 10.20.0.1, 10.20.0.2;");
        }
        assertThat(text).as("one reservation, for this platform's device only").containsOnlyOnce("hardware ethernet");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nxos", "ios", "iosxe", "junos", "aoscx", "pnp", "sonic", "cumulus", "srlinux"})
    void keaAcceptsTheFileForEveryPlatform(String platform) throws Exception {
        Path kea = ExternalTool.require("kea-dhcp4", "kea-dhcp4-server");
        Path conf = dir.resolve("kea.json");
        Files.writeString(conf, dhcp("kea", platform).out());
        Processes.Result r = Processes.runAllowingFailure(dir, 30, kea.toString(), "-t", conf.toString());
        assertThat(r.exitCode()).as(r.stdout() + r.stderr() + "\n" + Files.readString(conf)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"nxos", "ios", "iosxe", "junos", "aoscx", "pnp", "sonic", "cumulus", "srlinux"})
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
    void thePnpOfferNamesTheServerInOption43AndNeedsTheServerItNames() throws Exception {
        assertThat(dhcp("ios", "pnp").out()).contains(" option 43 ascii \"5A1N;B2;K4;I10.20.0.1;J8080\"\n");
        assertThat(dhcp("dnsmasq", "pnp").out()).contains("dhcp-vendorclass=set:ztp-pnp,ciscopnp\n",
                "dhcp-option-force=tag:ztp-pnp,43,\"5A1N;B2;K4;I10.20.0.1;J8080\"\n");
        Cli https = Cli.run("dhcp", "--format", "dnsmasq", "--platform", "pnp", "--tftp-server", "10.20.0.1",
                "--http-base", "http://10.20.0.1:8080", "--set", "pnp.transport=https");
        assertThat(https.code()).isEqualTo(2);
        assertThat(https.err()).contains("pnp.transport=https", "HTTPS server");
    }

    @Test
    void pnpByDnsLeavesOption43OutAndHasDnsmasqAnswerPnpserverInTheDomain() {
        List<String> pnp = List.of("dhcp", "--platform", "pnp", "--tftp-server", "10.20.0.1", "--http-base", "http://10.20.0.1:8080");
        // devices that found the server by DNS use the standard ports: the HTTP base must be on port 80
        List<String> pnp80 = List.of("dhcp", "--platform", "pnp", "--tftp-server", "10.20.0.1", "--http-base", "http://10.20.0.1");
        Cli dns = cli(pnp80, "--format", "dnsmasq", "--set", "pnp.discovery=dns", "--domain", "lab.example");
        assertThat(dns.code()).as(dns.err()).isZero();
        assertThat(dns.out()).contains("host-record=pnpserver.lab.example,10.20.0.1\n", "dhcp-option=15,lab.example\n",
                "dhcp-vendorclass=set:ztp-pnp,ciscopnp\n").doesNotContain(",43,");
        assertThat(cli(List.of("dhcp", "--platform", "pnp", "--tftp-server", "10.20.0.1", "--http-base", "http://10.20.0.1:80"),
                "--format", "dnsmasq", "--set", "pnp.discovery=dns", "--domain", "lab.example").code()).isZero();
        assertThat(cli(pnp80, "--format", "isc", "--set", "pnp.discovery=dns", "--domain", "lab.example").out())
                .startsWith("# DNS: the devices look up pnpserver.lab.example: your DNS server (option 6) must answer it with 10.20.0.1\n")
                .contains("option domain-name \"lab.example\";").doesNotContain("vendor-encapsulated-options");
        // with --dns the devices ask that server, not dnsmasq: the record belongs there
        assertThat(cli(pnp80, "--format", "dnsmasq", "--set", "pnp.discovery=dns", "--domain", "lab.example", "--dns", "10.20.0.53").out())
                .contains("# DNS: the devices look up pnpserver.lab.example: your DNS server (option 6) must answer it with 10.20.0.1\n",
                        "dhcp-option=6,10.20.0.53\n").doesNotContain("host-record", "local-service");
        // option 43 and the DNS name both: a device takes option 43 when it has it, and option 43 names the port
        assertThat(cli(pnp, "--format", "dnsmasq", "--domain", "lab.example").out())
                .contains("host-record=pnpserver.lab.example,10.20.0.1\n", ",43,");

        Cli port8080 = cli(pnp, "--format", "dnsmasq", "--set", "pnp.discovery=dns", "--domain", "lab.example");
        assertThat(port8080.code()).isEqualTo(2);
        assertThat(port8080.err()).contains("--set pnp.discovery=dns", "port 80", "is on port 8080");
        // the setting is read as the adapter reads it: DNS is dns
        Cli capitals = cli(pnp80, "--format", "dnsmasq", "--set", "pnp.discovery=DNS");
        assertThat(capitals.code()).isEqualTo(2);
        assertThat(capitals.err()).contains("--set pnp.discovery=dns: give --domain");
        Cli capitals8080 = cli(pnp, "--format", "isc", "--set", "pnp.discovery=DNS", "--domain", "lab.example");
        assertThat(capitals8080.code()).isEqualTo(2);
        assertThat(capitals8080.err()).contains("is on port 8080");

        Cli noDomain = cli(pnp80, "--format", "dnsmasq", "--set", "pnp.discovery=dns");
        assertThat(noDomain.code()).isEqualTo(2);
        assertThat(noDomain.err()).contains("--set pnp.discovery=dns: give --domain");
        Cli byName = Cli.run("dhcp", "--format", "dnsmasq", "--platform", "pnp", "--tftp-server", "10.20.0.1",
                "--http-base", "http://ztp.lab.example:8080", "--domain", "lab.example");
        assertThat(byName.code()).isEqualTo(2);
        assertThat(byName.err()).contains("--domain lab.example: pnpserver.lab.example must resolve to the server",
                "(it names ztp.lab.example)");
    }

    private static Cli cli(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return Cli.run(all.toArray(String[]::new));
    }

    @Test
    void junosGetsItsOption43SubOptionsAndAosCxItsConfigNameInEveryServersSyntax() throws Exception {
        // sub-option 1 "junos/ztp.conf", sub-option 3 "tftp", as code-length-value triples
        String junos43 = "010e6a756e6f732f7a74702e636f6e66030474667470";
        assertThat(dhcp("isc", "junos").out()).contains("match if substring(option vendor-class-identifier, 0, 8) = \"Juniper-\";")
                .contains("option vendor-encapsulated-options " + colons(junos43) + ";").contains("option tftp-server-address 10.20.0.1, 10.20.0.2;");
        assertThat(dhcp("kea", "junos").out()).contains("\"data\": \"" + junos43 + "\"").contains("'Juniper-'");
        assertThat(dhcp("dnsmasq", "junos").out()).contains("dhcp-vendorclass=set:ztp-junos,Juniper-")
                .contains("dhcp-option-force=tag:ztp-junos,43," + colons(junos43));
        assertThat(dhcp("ios", "junos").out()).contains(" option 43 hex 010e.6a75.6e6f.732f.7a74.702e.636f.6e66.0304.7466.7470\n");
        assertThat(dhcp("dnsmasq", "aoscx").out()).contains("dhcp-vendorclass=set:ztp-aoscx,Aruba")
                .contains("dhcp-option-force=tag:ztp-aoscx,67,\"aoscx/ztp.cfg\"").contains("dhcp-option-force=tag:ztp-aoscx,66,\"10.20.0.1\"");
        Cli image = Cli.run("dhcp", "--format", "isc", "--platform", "aoscx", "--tftp-server", "10.20.0.1",
                "--set", "aoscx.image=ArubaOS-CX_6300_10_13_1000.swi");
        assertThat(image.code()).as(image.err()).isZero();
        assertThat(image.out()).contains("option vendor-encapsulated-options 91:1e:" + colons(java.util.HexFormat.of()
                .formatHex("ArubaOS-CX_6300_10_13_1000.swi".getBytes(java.nio.charset.StandardCharsets.US_ASCII))) + ";");
    }

    /**
     * {@code junos.ztp-file=script}: sub-option 1 names the script ({@code junos/ztp.sh}, no image in
     * sub-option 0), in the class and, under {@code --day0-access token}, in each reservation under
     * its token; every server's syntax check accepts both. Without an HTTP server it is exit 2.
     */
    @Test
    void junosScriptModeNamesTheScriptInSubOption1AndEveryServerAcceptsIt() throws Exception {
        String script43 = "010c" + java.util.HexFormat.of().formatHex("junos/ztp.sh".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                + "030474667470";
        String token = null;
        for (boolean own : new boolean[] {false, true}) {
            for (String format : List.of("isc", "kea", "dnsmasq", "ios")) {
                List<String> args = new ArrayList<>(List.of("dhcp", "--format", format, "--platform", "junos",
                        "--tftp-server", "10.20.0.1,10.20.0.2", "--http-base", "http://10.20.0.1:8080", "--subnet", "10.20.0.0/24",
                        "--range", "10.20.0.100-10.20.0.199", "--router", "10.20.0.254", "--inventory", inventory().toString(),
                        "--set", "junos.ztp-file=script", "--set", "junos.image=junos-arm-32-23.4R2.13.tgz"));
                if (own) {
                    args.addAll(List.of("--day0-access", "token", "--state-dir", dir.resolve("state").toString()));
                }
                Cli r = Cli.run(args.toArray(String[]::new));
                assertThat(r.code()).as(r.err()).isZero();
                String text = r.out();
                String flat = text.replace(":", "").replace(".", "").replace("\n", "");
                assertThat(flat).as("the class's option 43 names the script, no image").contains(script43)
                        .doesNotContain(java.util.HexFormat.of().formatHex("junos-arm".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
                if (own) {
                    token = token == null ? token("qfx1") : token;
                    String ownHex = java.util.HexFormat.of().formatHex(("t/" + token + "/junos/ztp.sh")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    assertThat(flat).as("the reservation's option 43 names the script under the token").contains(ownHex);
                }
                Path conf = dir.resolve(format + (own ? "-token" : "") + ".conf");
                Files.writeString(conf, text);
                Processes.Result check = switch (format) {
                    case "isc" -> Processes.runAllowingFailure(dir, 30, ExternalTool.require("dhcpd", "isc-dhcp-server").toString(),
                            "-4", "-t", "-cf", conf.toString(), "-lf", Files.writeString(dir.resolve("leases-" + own), "").toString());
                    case "kea" -> Processes.runAllowingFailure(dir, 30, ExternalTool.require("kea-dhcp4", "kea-dhcp4-server").toString(),
                            "-t", conf.toString());
                    case "dnsmasq" -> Processes.runAllowingFailure(dir, 30, ExternalTool.require("dnsmasq", "dnsmasq").toString(),
                            "--test", "--conf-file=" + conf);
                    default -> null; // IOS has no syntax check here; its form is asserted above
                };
                if (check != null) {
                    assertThat(check.exitCode()).as(check.stdout() + check.stderr() + "\n" + text).isZero();
                }
            }
        }
        Cli noHttp = Cli.run("dhcp", "--format", "isc", "--platform", "junos", "--tftp-server", "10.20.0.1",
                "--set", "junos.ztp-file=script");
        assertThat(noHttp.code()).isEqualTo(2);
        assertThat(noHttp.err()).contains("junos.ztp-file=script needs an HTTP server");
    }

    private static String colons(String hex) {
        return hex.replaceAll("(..)(?!$)", "$1:");
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

    /** {@code ztp dhcp --day0-access token}: each reservation's own boot file, the key where {@code ztp serve} reads it. */
    Cli tokenDhcp(String format, String platform) throws Exception {
        Cli r = Cli.run("dhcp", "--format", format, "--platform", platform, "--tftp-server", "10.20.0.1,10.20.0.2",
                "--http-base", "http://10.20.0.1:8080", "--subnet", "10.20.0.0/24", "--range", "10.20.0.100-10.20.0.199",
                "--router", "10.20.0.254", "--inventory", inventory().toString(),
                "--day0-access", "token", "--state-dir", dir.resolve("state").toString());
        assertThat(r.code()).as(r.err()).isZero();
        return r;
    }

    /** The token {@code ztp serve --state-dir} gives the device, from the key file the command made. */
    String token(String hostname) throws Exception {
        org.ztp4j.core.DeviceTokens tokens = org.ztp4j.core.DeviceTokens.hmac(
                org.ztp4j.core.DeviceTokens.keyFile(dir.resolve("state/device-token.key")));
        return tokens.tokenFor(org.ztp4j.core.inventory.CsvInventory.load(inventory()).byHostname(hostname).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pnp"})
    void aPlatformWhoseDevicesCannotCarryATokenIsExitTwoInTokenMode(String platform) throws Exception {
        Cli r = Cli.run("dhcp", "--format", "isc", "--platform", platform, "--tftp-server", "10.20.0.1",
                "--http-base", "http://10.20.0.1:8080", "--inventory", inventory().toString(),
                "--day0-access", "token", "--state-dir", dir.resolve("state").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("ztp dhcp: --day0-access token: platform " + platform + " cannot carry device tokens"
                + " (its devices fetch their own files under names no reservation can give a token); use lease\n");
    }

    /** Each server's syntax check on the {@code --day0-access token} configuration of the platform: the files' texts by format. */
    java.util.Map<String, String> tokenConfigsEveryServerAccepts(String platform) throws Exception {
        Path isc = dir.resolve("dhcpd.conf");
        Files.writeString(isc, tokenDhcp("isc", platform).out());
        Path leases = Files.createFile(dir.resolve("dhcpd.leases"));
        Processes.Result r = Processes.runAllowingFailure(dir, 30, ExternalTool.require("dhcpd", "isc-dhcp-server").toString(),
                "-4", "-t", "-cf", isc.toString(), "-lf", leases.toString());
        assertThat(r.exitCode()).as(r.stderr() + "\n" + Files.readString(isc)).isZero();

        Path kea = dir.resolve("kea.json");
        Files.writeString(kea, tokenDhcp("kea", platform).out());
        r = Processes.runAllowingFailure(dir, 30, ExternalTool.require("kea-dhcp4", "kea-dhcp4-server").toString(), "-t", kea.toString());
        assertThat(r.exitCode()).as(r.stdout() + r.stderr() + "\n" + Files.readString(kea)).isZero();

        Path dnsmasq = dir.resolve("dnsmasq.conf");
        Files.writeString(dnsmasq, tokenDhcp("dnsmasq", platform).out());
        r = Processes.runAllowingFailure(dir, 30, ExternalTool.require("dnsmasq", "dnsmasq").toString(), "--test",
                "--conf-file=" + dnsmasq);
        assertThat(r.exitCode()).as(r.stderr() + "\n" + Files.readString(dnsmasq)).isZero();
        return java.util.Map.of("isc", Files.readString(isc), "kea", Files.readString(kea), "dnsmasq", Files.readString(dnsmasq),
                "ios", tokenDhcp("ios", platform).out());
    }

    /**
     * Junos and Cumulus Linux: the reservation carries its own option 43 (sub-option 1) or 239 with
     * the token, in place of the class's, and every server's syntax check accepts it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"junos", "cumulus"})
    void reservationsCarryTheDevicesOwnOption43Or239WithItsToken(String platform) throws Exception {
        String host = platform.equals("junos") ? "qfx1" : "spine6";
        var configs = tokenConfigsEveryServerAccepts(platform);
        String token = token(host);
        String own = platform.equals("junos") ? "t/" + token + "/junos/day0/WS1.conf" : "http://10.20.0.1:8080/t/" + token + "/cumulus/ztp.sh";
        String ownHex = java.util.HexFormat.of().formatHex(own.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        String iscHost = configs.get("isc").substring(configs.get("isc").indexOf("host " + host + " {"));
        iscHost = iscHost.substring(0, iscHost.indexOf("\n}\n"));
        if (platform.equals("junos")) {
            assertThat(iscHost).contains("option vendor-encapsulated-options ");
            assertThat(iscHost.replace(":", "")).contains(ownHex);
        } else {
            assertThat(iscHost).contains("option ztp-option-239 \"" + own + "\";");
        }
        assertThat(configs.get("kea")).contains(platform.equals("junos") ? ownHex : own);
        String ownLine = configs.get("dnsmasq").lines().filter(l -> l.startsWith("dhcp-option-force=tag:ztp-own-" + host + ","))
                .findFirst().orElseThrow();
        assertThat(ownLine).startsWith("dhcp-option-force=tag:ztp-own-" + host + "," + (platform.equals("junos") ? "43," : "239,"));
        assertThat(ownLine.replace(":", "")).contains(platform.equals("junos") ? ownHex : own.replace(":", ""));
        String iosHost = configs.get("ios").substring(configs.get("ios").indexOf("ip dhcp pool " + host));
        assertThat(iosHost).contains(platform.equals("junos") ? " option 43 hex " : " option 239 ascii " + own + "\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nxos", "ios", "iosxe", "sonic", "aoscx", "srlinux"})
    void everyDhcpServerAcceptsReservationsThatCarryTheDevicesToken(String platform) throws Exception {
        String host = switch (platform) {
            case "nxos" -> "leaf1";
            case "ios" -> "rtr1";
            case "sonic" -> "leaf5";
            case "aoscx" -> "cx1";
            case "srlinux" -> "dcleaf7";
            default -> "sw1";
        };
        String own = switch (platform) {
            case "nxos" -> "t/" + "%s" + "/poap.py";
            case "ios" -> "t/" + "%s" + "/rtr1-confg";
            case "sonic" -> "http://10.20.0.1:8080/t/" + "%s" + "/sonic/ztp.json";
            case "aoscx" -> "t/" + "%s" + "/aoscx/day0/SG1.cfg";
            case "srlinux" -> "http://10.20.0.1:8080/t/" + "%s" + "/srlinux/provision/NS7.py";
            default -> "http://10.20.0.1:8080/t/" + "%s" + "/ztp/iosxe.py";
        };
        var configs = tokenConfigsEveryServerAccepts(platform);
        String token = token(host);
        String bootfile = String.format(own, token);
        assertThat(java.nio.file.Files.getPosixFilePermissions(dir.resolve("state/device-token.key")))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertThat(configs.get("isc")).contains("  option bootfile-name \"" + bootfile + "\";");
        assertThat(configs.get("kea")).contains("\"boot-file-name\"").contains(bootfile);
        assertThat(configs.get("dnsmasq")).contains("dhcp-option-force=tag:ztp-own-" + host + ",67,\"" + bootfile + "\"");
        assertThat(configs.get("ios")).contains(" option 67 ascii " + bootfile + "\n");
        assertThat(token(host)).as("the same key every time").isEqualTo(token);
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

    @Test
    void srlinuxGetsItsScriptIn67ByClassAndEachNodeItsOwnByReservationInEveryFormat() throws Exception {
        String shared = "http://10.20.0.1:8080/srlinux/provision.py";
        String own = "http://10.20.0.1:8080/srlinux/provision/NS7.py";
        assertThat(dhcp("isc", "srlinux").out()).contains("substring(option vendor-class-identifier, 0, 5) = \"NOKIA\"",
                "option bootfile-name \"" + shared + "\";", "  option bootfile-name \"" + own + "\";");
        assertThat(dhcp("kea", "srlinux").out()).contains("'NOKIA'", shared, own);
        assertThat(dhcp("dnsmasq", "srlinux").out()).contains("dhcp-vendorclass=set:ztp-srlinux,NOKIA",
                "dhcp-option-force=tag:ztp-srlinux,67,\"" + shared + "\"", "dhcp-option-force=tag:ztp-own-dcleaf7,67,\"" + own + "\"");
        assertThat(dhcp("ios", "srlinux").out()).contains(" option 67 ascii " + shared + "\n", " option 67 ascii " + own + "\n");
        // a narrower class of the user's own, with a colon and blanks: every server still takes it
        Map<String, List<String>> check = Map.of(
                "isc", List.of(ExternalTool.require("dhcpd", "isc-dhcp-server").toString(), "-4", "-t", "-cf", "%s", "-lf", "%l"),
                "kea", List.of(ExternalTool.require("kea-dhcp4", "kea-dhcp4-server").toString(), "-t", "%s"),
                "dnsmasq", List.of(ExternalTool.require("dnsmasq", "dnsmasq").toString(), "--test", "--conf-file=%s"));
        for (Map.Entry<String, List<String>> server : check.entrySet()) {
            Cli narrower = Cli.run("dhcp", "--format", server.getKey(), "--platform", "srlinux", "--tftp-server", "10.20.0.1",
                    "--http-base", "http://10.20.0.1:8080", "--subnet", "10.20.0.0/24", "--set", "srlinux.vendor-class=NOKIA: 7220 IXR-D2");
            assertThat(narrower.code()).as(narrower.err()).isZero();
            assertThat(narrower.out()).contains("NOKIA: 7220 IXR-D2");
            Path conf = Files.writeString(dir.resolve("narrower." + server.getKey()), narrower.out());
            Path leases = dir.resolve("narrower.leases");
            if (!Files.exists(leases)) {
                Files.createFile(leases);
            }
            String[] command = server.getValue().stream().map(a -> a.replace("%s", conf.toString()).replace("%l", leases.toString()))
                    .toArray(String[]::new);
            Processes.Result r = Processes.runAllowingFailure(dir, 30, command);
            assertThat(r.exitCode()).as(server.getKey() + ": " + r.stdout() + r.stderr() + "\n" + narrower.out()).isZero();
        }
        Cli noHttp = Cli.run("dhcp", "--format", "isc", "--platform", "srlinux", "--tftp-server", "10.20.0.1");
        assertThat(noHttp.code()).isEqualTo(2);
        assertThat(noHttp.err()).startsWith("ztp dhcp: srlinux needs an HTTP server");
    }
}
