package org.ztp4j.dhcp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ztp4j.dhcp.config.DhcpServerFormat;
import org.ztp4j.testing.ExternalTool;

/** How the interop tests start each real DHCP server in the foreground on one interface. */
public final class DhcpServers {

    private DhcpServers() {
    }

    /**
     * @param format    the server
     * @param conf      its configuration file (rendered by {@link org.ztp4j.dhcp.config.DhcpConfig})
     * @param leases    its lease file
     * @param iface     the interface it serves
     * @param scratch   a directory for pid and lock files
     * @return the command line
     * @throws IOException when the lease file cannot be created
     */
    public static List<String> command(DhcpServerFormat format, Path conf, Path leases, String iface, Path scratch) throws IOException {
        switch (format) {
            case ISC: {
                Path dhcpd = ExternalTool.require("dhcpd", "isc-dhcp-server");
                if (!Files.exists(leases)) {
                    Files.createFile(leases);
                }
                return List.of(dhcpd.toString(), "-4", "-f", "-d", "-cf", conf.toString(), "-lf", leases.toString(),
                        "-pf", scratch.resolve("dhcpd.pid").toString(), iface);
            }
            case KEA: {
                Path kea = ExternalTool.require("kea-dhcp4", "kea-dhcp4-server");
                // pid and lock files into the test's directory instead of /run/kea
                return List.of("env", "KEA_PIDFILE_DIR=" + scratch, "KEA_LOCKFILE_DIR=" + scratch, kea.toString(), "-c", conf.toString());
            }
            case DNSMASQ: {
                Path dnsmasq = ExternalTool.require("dnsmasq", "dnsmasq");
                return List.of(dnsmasq.toString(), "--no-daemon", "--conf-file=" + conf, "--pid-file=", "--user=root");
            }
            default:
                throw new IllegalArgumentException("no server program for " + format);
        }
    }
}
