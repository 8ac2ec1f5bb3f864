package org.ztp4j.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ztp4j.core.PlatformAdapter;
import org.ztp4j.core.PlatformContext;
import org.ztp4j.core.ProvisioningListener;
import org.ztp4j.core.http.HttpEndpoint;
import org.ztp4j.http.HttpFileServer;
import org.ztp4j.http.TlsConfig;
import org.ztp4j.server.internal.DelegatingEndpoint;
import org.ztp4j.server.internal.DelegatingFileProvider;
import org.ztp4j.tftp.TftpServer;

/**
 * The servers of a {@link Provisioning}: TFTP, HTTP and, when asked for, HTTPS, all serving one
 * file chain and the same endpoints. They bind before the adapters' files and endpoints exist (the
 * ports go into the URLs those render), so both are pointed at the adapters once bound.
 */
final class ServerSet implements AutoCloseable {

    private final DelegatingFileProvider files;
    private final List<Mounted> mounted = new ArrayList<>();
    private TftpServer tftp;
    private HttpFileServer http;
    private HttpFileServer https;

    private record Mounted(PlatformAdapter adapter, String prefix, DelegatingEndpoint endpoint) {
    }

    /** @param filesName what the file chain serves, in words, for log lines */
    ServerSet(String filesName) {
        this.files = new DelegatingFileProvider(filesName);
    }

    /**
     * Binds every server; on a failure, closes what was started.
     *
     * @throws IOException when a port cannot be bound
     */
    void start(InetAddress bind, int tftpPort, int httpPort, TlsConfig tls, int httpsPort, ProvisioningListener listener,
               Map<String, HttpEndpoint> appEndpoints, List<PlatformAdapter> adapters) throws IOException {
        try {
            tftp = TftpServer.builder().bind(new InetSocketAddress(bind, tftpPort))
                    .fileProvider(files).listener(listener).build().start();
            http = mount(HttpFileServer.builder().bind(new InetSocketAddress(bind, httpPort)), listener, appEndpoints, adapters);
            http.start();
            if (tls != null) {
                https = mount(HttpFileServer.builder().bind(new InetSocketAddress(bind, httpsPort)).https(tls), listener,
                        appEndpoints, adapters);
                https.start();
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Mounts the application's endpoints and every adapter's, the latter pointed at the adapter later. */
    private HttpFileServer mount(HttpFileServer.Builder b, ProvisioningListener listener, Map<String, HttpEndpoint> appEndpoints,
                                 List<PlatformAdapter> adapters) {
        b.fileProvider(files).listener(listener);
        appEndpoints.forEach(b::endpoint);
        for (PlatformAdapter a : adapters) {
            for (String prefix : a.httpPrefixes()) {
                DelegatingEndpoint e = new DelegatingEndpoint(a.id() + " " + prefix);
                mounted.add(new Mounted(a, prefix, e));
                b.endpoint(prefix, e);
            }
        }
        return b.build();
    }

    /**
     * Points the servers at what the adapters serve, now that the ports are known.
     *
     * @param fileChain the files
     * @param context   the context with the bound ports, for the adapters' endpoints
     */
    void serve(org.ztp4j.core.FileProvider fileChain, PlatformContext context) {
        files.delegate(fileChain);
        for (Mounted m : mounted) {
            m.endpoint().delegate(m.adapter().httpEndpoint(m.prefix(), context));
        }
    }

    /** @param fileChain the files to serve from now on (after a template reload) */
    void files(org.ztp4j.core.FileProvider fileChain) {
        files.delegate(fileChain);
    }

    boolean started() {
        return tftp != null && http != null;
    }

    TftpServer tftp() {
        return tftp;
    }

    HttpFileServer http() {
        return http;
    }

    /** @return the HTTPS server, or {@code null} when none was asked for */
    HttpFileServer https() {
        return https;
    }

    /** Stops every server started, HTTPS first. */
    @Override
    public void close() {
        if (https != null) {
            https.close();
        }
        if (http != null) {
            http.close();
        }
        if (tftp != null) {
            tftp.close();
        }
    }
}
