package org.ztp4j.dhcp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ztp4j.core.BootOption;
import org.ztp4j.core.inventory.CsvInventory;
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
            String config = serve(lab, format, junosAndCumulus(format, lab));

            lab.clientMac("02:00:00:00:00:21");
            Map<String, String> junos = lab.lease(dir, udhcpc, "junos", List.of("-V", "Juniper-ex4300-48t", "-O", "43", "-O", "239"));
            assertThat(junos.get("opt43")).as(config).isEqualTo(Samples.JUNOS_43_HEX);
            assertThat(junos).containsEntry("opt150", "0ad50701").containsEntry("opt239", "");

            lab.clientMac("02:00:00:00:00:22");
            Map<String, String> cumulus = lab.lease(dir, udhcpc, "cumulus", List.of("-V", "cumulus-linux x86_64", "-O", "43", "-O", "239"));
            assertThat(cumulus.get("opt239")).as(config)
                    .isEqualTo(HexFormat.of().formatHex("http://10.0.0.1:8080/cumulus/ztp.sh".getBytes(StandardCharsets.US_ASCII)));
            assertThat(cumulus).containsEntry("opt43", "").containsEntry("opt150", "");
        }
    }

    /**
     * A reservation's own option 43 or 239 ({@link DhcpConfig.Builder#deviceOptions}, a device's
     * token under day-0 access token) is what that device gets, not its class's; another device of
     * the same class still gets the class's.
     */
    @ParameterizedTest
    @EnumSource(value = DhcpServerFormat.class, names = {"ISC", "KEA", "DNSMASQ"})
    void aReservationsOwnOption43Or239WinsOverItsClasss(DhcpServerFormat format) throws Exception {
        Path udhcpc = ExternalTool.require("udhcpc", "udhcpc");
        var devices = CsvInventory.parse("own.csv", """
                hostname,serial,mac,platform,mgmt_address
                qfx1,WS1,02:00:00:00:00:31,junos,10.213.7.31/24
                spine1,MT1,02:00:00:00:00:32,cumulus,10.213.7.32/24
                """).devices();
        BootOption own43 = BootOption.vendorSpecific(
                BootOption.SubOption.text(1, "t/abc/junos/day0/WS1.conf"),
                BootOption.SubOption.text(3, "tftp"));
        BootOption own239 = BootOption.text(239, "http://10.0.0.1:8080/t/abc/cumulus/ztp.sh");
        try (VethLab lab = VethLab.create(false)) {
            String config = serve(lab, format, junosAndCumulus(format, lab).devices(devices)
                    .deviceOptions(d -> d.hostname().equals("qfx1") ? List.of(own43) : List.of(own239)));

            lab.clientMac("02:00:00:00:00:31");
            Map<String, String> junos = lab.lease(dir, udhcpc, "junos", List.of("-V", "Juniper-ex4300-48t", "-O", "43", "-O", "239"));
            assertThat(junos.get("opt43")).as(config).isEqualTo(own43.hex());
            assertThat(junos).containsEntry("opt150", "0ad50701");

            lab.clientMac("02:00:00:00:00:32");
            Map<String, String> cumulus = lab.lease(dir, udhcpc, "cumulus", List.of("-V", "cumulus-linux x86_64", "-O", "43", "-O", "239"));
            assertThat(cumulus.get("opt239")).as(config).isEqualTo(own239.hex());

            lab.clientMac("02:00:00:00:00:33");
            Map<String, String> other = lab.lease(dir, udhcpc, "junos2", List.of("-V", "Juniper-ex4300-48t", "-O", "43", "-O", "239"));
            assertThat(other.get("opt43")).as("a device without a reservation gets the class's").isEqualTo(Samples.JUNOS_43_HEX);
        }
    }

    /** The Junos and Cumulus offers on the lab's subnet, the server's leases in the test folder. */
    private DhcpConfig.Builder junosAndCumulus(DhcpServerFormat format, VethLab lab) throws Exception {
        return DhcpConfig.builder()
                .format(format)
                .offers(List.of(Samples.JUNOS, Samples.CUMULUS))
                .tftpServers(List.of(InetAddress.getByName("10.213.7.1")))
                .subnet(Ipv4Subnet.parse("10.213.7.0/24"))
                .range(Ipv4Range.parse("10.213.7.100-10.213.7.150"))
                .router(InetAddress.getByName("10.213.7.1"))
                .interfaceName(lab.serverInterface())
                .leaseFile(dir.resolve("server.leases").toString());
    }

    /** Writes the configuration and starts the server on it in the lab. @return the configuration's text */
    private String serve(VethLab lab, DhcpServerFormat format, DhcpConfig.Builder config) throws Exception {
        String text = config.build().render();
        Path conf = dir.resolve("server.conf");
        Files.writeString(conf, text);
        lab.start(lab.inServer(DhcpServers.command(format, conf, dir.resolve("server.leases"), lab.serverInterface(), dir)),
                dir.resolve("server.log"));
        return text;
    }
}
