package org.ztp4j.dhcp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ztp4j.dhcp.config.Samples.CUMULUS;
import static org.ztp4j.dhcp.config.Samples.IOS;
import static org.ztp4j.dhcp.config.Samples.JUNOS;
import static org.ztp4j.dhcp.config.Samples.NXOS;
import static org.ztp4j.dhcp.config.Samples.ip;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.BootOption;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;

/**
 * Offers with further options (Junos's option 43 sub-options, Cumulus's option 239, and one option
 * of every type under codes the servers know and codes they do not) in complete configurations
 * with the other platforms and an inventory: the real server's own check accepts each file.
 */
class BootOptionsServersIT {

    /** Every value type, under site-specific codes (224..254) and codes the servers define themselves (42 NTP, 143 SZTP). */
    static final BootOffer LAB = BootOffer.builder("lab").matchUserClass("lab-ztp")
            .option(BootOption.hex(143, "0015" + HexFormat.of().formatHex("https://10.0.0.1:8443".getBytes(StandardCharsets.US_ASCII))))
            .option(BootOption.ipv4(42, List.of(ip("10.0.0.5"))))
            .option(BootOption.uint16(224, 8080))
            .option(BootOption.ipv4(225, List.of(ip("10.0.0.5"), ip("10.0.0.6"))))
            .option(BootOption.uint8(226, 7))
            .option(BootOption.hex(227, "2a"))
            .option(BootOption.uint32(228, 86400))
            .option(BootOption.text(229, "a,b c;d#e"))
            .option(BootOption.text(239, "tftp://10.0.0.1/lab.sh")) // 239 also in CUMULUS: one definition, two classes
            .build();

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = DhcpServerFormat.class, names = {"ISC", "KEA", "DNSMASQ"})
    void theRealServerAcceptsJunosCumulusAndEveryOptionType(DhcpServerFormat format) throws Exception {
        String text = Samples.complete(format, List.of(NXOS, IOS, JUNOS, CUMULUS, LAB))
                .dns(List.of(ip("10.213.7.1"))).domain("lab.example").devices(Samples.devices()).build().render();
        check(format, text);
        String colons = Samples.JUNOS_43_HEX.replaceAll("(..)(?!$)", "$1:");
        switch (format) {
            case ISC -> assertThat(text).contains("  option vendor-encapsulated-options " + colons + ";\n",
                    "option ztp-option-239 code 239 = text;\n", "  option ztp-option-239 \"http://10.0.0.1:8080/cumulus/ztp.sh\";\n");
            case KEA -> assertThat(text).contains("\"data\": \"" + Samples.JUNOS_43_HEX + "\"",
                    "\"data\": \"http://10.0.0.1:8080/cumulus/ztp.sh\"");
            default -> assertThat(text).contains("\ndhcp-option-force=tag:ztp-junos,43," + colons + "\n",
                    "\ndhcp-option-force=tag:ztp-cumulus,239,\"http://10.0.0.1:8080/cumulus/ztp.sh\"\n");
        }
    }

    @ParameterizedTest
    @EnumSource(value = DhcpServerFormat.class, names = {"ISC", "KEA", "DNSMASQ"})
    void aFragmentWithOnlyJunosOrOnlyCumulusIsAccepted(DhcpServerFormat format) throws Exception {
        check(format, Samples.fragment(format, List.of(JUNOS)).build().render());
        check(format, Samples.complete(format, List.of(CUMULUS)).build().render());
        check(format, Samples.complete(format, List.of(LAB.toBuilder().matchAnyDevice().build())).build().render());
    }

    private void check(DhcpServerFormat format, String text) throws Exception {
        Path file = Files.createTempFile(dir, "config-", "." + format.id());
        Files.writeString(file, text);
        Processes.Result r;
        switch (format) {
            case ISC -> {
                Path dhcpd = ExternalTool.require("dhcpd", "isc-dhcp-server");
                Path leases = Files.createTempFile(dir, "dhcpd", ".leases");
                r = Processes.runAllowingFailure(dir, 30, dhcpd.toString(), "-4", "-t", "-cf", file.toString(), "-lf", leases.toString());
            }
            case KEA -> {
                Path kea = ExternalTool.require("kea-dhcp4", "kea-dhcp4-server");
                r = Processes.runAllowingFailure(dir, 30, kea.toString(), "-t", file.toString());
            }
            default -> {
                Path dnsmasq = ExternalTool.require("dnsmasq", "dnsmasq");
                r = Processes.runAllowingFailure(dir, 30, dnsmasq.toString(), "--test", "--conf-file=" + file);
            }
        }
        assertThat(r.exitCode()).as("%s rejected:%n%s%n--- output ---%n%s%s", format, text, r.stdout(), r.stderr()).isZero();
    }
}
