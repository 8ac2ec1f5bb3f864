package org.ztp4j.dhcp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ztp4j.core.BootOffer;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;

/**
 * NX-OS POAP over HTTP: option 66 carries {@code http://server:port} and option 67 the script's
 * path, with no option 150 or next-server. Each server's own check accepts the file, and the
 * file says exactly that.
 */
class Option66TextIT {

    @TempDir
    Path dir;

    static final BootOffer HTTP_POAP = new BootOffer("nxos", BootOffer.USER_CLASS, "Cisco-POAP", "poap.py", false, "http://10.30.0.1:8080");

    @ParameterizedTest
    @EnumSource(DhcpServerFormat.class)
    void anOfferWithItsOwnOption66TextIsRenderedAndAccepted(DhcpServerFormat format) throws Exception {
        String text = DhcpConfig.builder().format(format).offers(List.of(HTTP_POAP))
                .tftpServers(List.of(InetAddress.getByName("10.30.0.1")))
                .subnet(Ipv4Subnet.parse("10.30.0.0/24")).range(Ipv4Range.parse("10.30.0.100-10.30.0.199"))
                .router(InetAddress.getByName("10.30.0.254")).build().render();
        assertThat(text).contains("http://10.30.0.1:8080").contains("poap.py").doesNotContain("10.30.0.1, ").doesNotContain("next-server");
        Path f = dir.resolve("conf");
        Files.writeString(f, text);
        switch (format) {
            case ISC -> {
                Path dhcpd = ExternalTool.require("dhcpd", "isc-dhcp-server");
                Path leases = Files.createFile(dir.resolve("leases"));
                assertThat(Processes.runAllowingFailure(dir, 30, dhcpd.toString(), "-4", "-t", "-cf", f.toString(), "-lf", leases.toString()).exitCode())
                        .as(text).isZero();
                assertThat(text).contains("option tftp-server-name \"http://10.30.0.1:8080\";").doesNotContain("tftp-server-address 10");
            }
            case KEA -> {
                Path kea = ExternalTool.require("kea-dhcp4", "kea-dhcp4-server");
                assertThat(Processes.runAllowingFailure(dir, 30, kea.toString(), "-t", f.toString()).exitCode()).as(text).isZero();
                assertThat(text).contains("\"code\": 66").doesNotContain("\"code\": 150,\n");
            }
            case DNSMASQ -> {
                Path dnsmasq = ExternalTool.require("dnsmasq", "dnsmasq");
                assertThat(Processes.runAllowingFailure(dir, 30, dnsmasq.toString(), "--test", "--conf-file=" + f).exitCode()).as(text).isZero();
                assertThat(text).contains("66,\"http://10.30.0.1:8080\"").doesNotContain("150,");
            }
            case IOS -> assertThat(text).contains(" option 66 ascii http://10.30.0.1:8080\n").doesNotContain("option 150");
            default -> throw new IllegalStateException(format.toString());
        }
    }
}
