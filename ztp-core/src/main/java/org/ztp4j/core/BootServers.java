package org.ztp4j.core;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import org.ztp4j.core.internal.HostText;

/**
 * Where devices reach the ZTP servers: what a platform adapter writes into DHCP options, scripts
 * and URLs.
 *
 * @param tftpServers the TFTP server addresses devices are told (option 150; the first one also in
 *                    option 66 and next-server), at least one
 * @param tftpPort    the TFTP port (69 for real devices; another port only for tests and demos)
 * @param httpBase    the HTTP base URL files are served under, such as {@code http://10.0.0.1:8080},
 *                    or {@code null} when there is no HTTP server
 * @param httpsBase   the HTTPS base URL, or {@code null}
 */
public record BootServers(List<InetAddress> tftpServers, int tftpPort, URI httpBase, URI httpsBase) {

    /** @throws IllegalArgumentException naming the value at fault */
    public BootServers {
        tftpServers = List.copyOf(Objects.requireNonNull(tftpServers, "tftpServers"));
        if (tftpServers.isEmpty()) {
            throw new IllegalArgumentException("boot servers: at least one TFTP server address");
        }
        if (tftpPort < 1 || tftpPort > 65535) {
            throw new IllegalArgumentException("boot servers: TFTP port " + tftpPort + " is not 1..65535");
        }
        httpBase = trimSlash(httpBase, "http");
        httpsBase = trimSlash(httpsBase, "https");
    }

    /**
     * @param tftp the one TFTP server, on port 69
     * @param http the HTTP base URL, or {@code null}
     * @return the servers
     */
    public static BootServers of(InetAddress tftp, URI http) {
        return new BootServers(List.of(tftp), 69, http, null);
    }

    /** @return the first TFTP server's address as text */
    public String tftpServer() {
        return tftpServers.get(0).getHostAddress();
    }

    /**
     * @return where devices reach TFTP, as a URL's authority: the first server's address, with
     *         {@code :port} when the port is not 69 (IPv6 in brackets)
     */
    public String tftpAuthority() {
        String host = HostText.literal(tftpServers.get(0));
        return tftpPort == 69 ? host : host + ":" + tftpPort;
    }

    /**
     * @param path a served path such as {@code ztp/iosxe.py}
     * @return the HTTP URL of that path
     * @throws IllegalStateException when there is no HTTP server
     */
    public String httpUrl(String path) {
        if (httpBase == null) {
            throw new IllegalStateException("boot servers: no HTTP base URL configured");
        }
        return httpBase + "/" + (path.startsWith("/") ? path.substring(1) : path);
    }

    private static URI trimSlash(URI uri, String scheme) {
        if (uri == null) {
            return null;
        }
        if (!scheme.equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("boot servers: '" + uri + "' is not an " + scheme + "://host[:port] URL");
        }
        String s = uri.toString();
        return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : uri;
    }
}
