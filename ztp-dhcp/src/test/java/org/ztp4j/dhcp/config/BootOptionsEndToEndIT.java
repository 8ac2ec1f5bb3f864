package org.ztp4j.dhcp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ztp4j.testing.Processes;
import org.ztp4j.dhcp.DhcpServers;
import org.ztp4j.dhcp.VethLab;
import org.ztp4j.testing.ExternalTool;

/**
 * What a device really receives: ISC dhcpd, Kea or dnsmasq runs on the configuration the renderer
 * wrote for Junos and Cumulus, and busybox udhcpc, with each one's option 60, prints the options
 * it got. A Junos switch gets option 43 with exactly the sub-option bytes written out by hand in
 * {@link Samples#JUNOS_43_HEX} and the TFTP server in 150; a Cumulus switch gets option 239, the
 * script's URL, and no option 43.
 */
class BootOptionsEndToEndIT {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = DhcpServerFormat.class, names = {"ISC", "KEA", "DNSMASQ"})
    void junosGetsItsOption43AndCumulusItsOption239(DhcpServerFormat format) throws Exception {
        Path udhcpc = ExternalTool.require("udhcpc", "udhcpc");
        try (VethLab lab = VethLab.create(false)) {
            Path leases = dir.resolve("server.leases");
            String config = DhcpConfig.builder()
                    .format(format)
                    .offers(List.of(Samples.JUNOS, Samples.CUMULUS))
                    .tftpServers(List.of(InetAddress.getByName("10.213.7.1")))
                    .subnet(Ipv4Subnet.parse("10.213.7.0/24"))
                    .range(Ipv4Range.parse("10.213.7.100-10.213.7.150"))
                    .router(InetAddress.getByName("10.213.7.1"))
                    .interfaceName(lab.serverInterface())
                    .leaseFile(leases.toString())
                    .build().render();
            Path conf = dir.resolve("server.conf");
            Files.writeString(conf, config);
            lab.start(lab.inServer(DhcpServers.command(format, conf, leases, lab.serverInterface(), dir)), dir.resolve("server.log"));

            lab.clientMac("02:00:00:00:00:21");
            Map<String, String> junos = lease(lab, udhcpc, "junos", "Juniper-ex4300-48t");
            assertThat(junos.get("opt43")).as(config).isEqualTo(Samples.JUNOS_43_HEX);
            assertThat(junos).containsEntry("opt150", "0ad50701").containsEntry("opt239", "");

            lab.clientMac("02:00:00:00:00:22");
            Map<String, String> cumulus = lease(lab, udhcpc, "cumulus", "cumulus-linux x86_64");
            assertThat(cumulus.get("opt239")).as(config)
                    .isEqualTo(HexFormat.of().formatHex("http://10.0.0.1:8080/cumulus/ztp.sh".getBytes(StandardCharsets.US_ASCII)));
            assertThat(cumulus).containsEntry("opt43", "").containsEntry("opt150", "");
        }
    }

    /** Runs udhcpc once with an option 60, asking for 43, 150 and 239, and returns what its script recorded. */
    private Map<String, String> lease(VethLab lab, Path udhcpc, String name, String vendorClass) throws Exception {
        Path out = dir.resolve(name + ".env");
        Path script = dir.resolve("udhcpc-" + name + ".sh");
        // busybox udhcpc exports options it has no name for as optNNN, in hex
        Files.writeString(script, "#!/bin/sh\n[ \"$1\" = bound ] || exit 0\n{\n"
                + "  printf 'ip=%s\\n' \"$ip\"\n  printf 'opt43=%s\\n' \"$opt43\"\n"
                + "  printf 'opt150=%s\\n' \"$opt150\"\n  printf 'opt239=%s\\n' \"$opt239\"\n"
                + "} > " + out + ".tmp && mv " + out + ".tmp " + out + "\n");
        script.toFile().setExecutable(true);
        List<String> cmd = new ArrayList<>(List.of(udhcpc.toString(), "-i", lab.clientInterface(), "-f", "-q", "-n", "-B",
                "-t", "5", "-T", "2", "-A", "1", "-O", "43", "-O", "150", "-O", "239", "-V", vendorClass, "-s", script.toString()));
        Processes.Result r = Processes.runAllowingFailure(lab.inClient(cmd), 40);
        assertThat(r.exitCode()).as("udhcpc for %s:%n%s%nserver log:%n%s", name, r.output(),
                Files.readString(dir.resolve("server.log"))).isZero();
        assertThat(VethLab.awaitFile(out, 10)).as("udhcpc script output for %s", name).isTrue();
        Map<String, String> vars = new LinkedHashMap<>();
        for (String line : Files.readAllLines(out)) {
            int eq = line.indexOf('=');
            vars.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return vars;
    }
}
