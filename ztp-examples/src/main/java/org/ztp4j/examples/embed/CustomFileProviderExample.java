package org.ztp4j.examples.embed;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.ztp4j.core.FileProvider;
import org.ztp4j.core.FileResource;
import org.ztp4j.core.RequestPath;
import org.ztp4j.core.files.BytesResource;
import org.ztp4j.core.files.DirectoryFileProvider;
import org.ztp4j.core.files.FileProviders;
import org.ztp4j.tftp.TftpServer;

/**
 * Example 1: embed a TFTP server with a file provider of your own. Configs come from your
 * application (here a map standing in for a CMDB query), made per request for the client that
 * asks; everything else comes from a directory of images. Run it with
 * {@code java -cp ztp.jar org.ztp4j.examples.embed.CustomFileProviderExample /srv/images 6969}
 * and fetch with {@code curl tftp://127.0.0.1:6969/whoami.cfg}.
 */
public final class CustomFileProviderExample {

    private CustomFileProviderExample() {
    }

    /**
     * Starts the server.
     *
     * @param images a folder of files served as they are
     * @param port   the TFTP port (0 for any free one)
     * @param cmdb   host name by client address: what your application knows
     * @return the running server; close it to stop
     * @throws IOException when the port cannot be bound
     */
    public static TftpServer start(Path images, int port, Map<String, String> cmdb) throws IOException {
        FileProvider fromApplication = request -> {
            // Check the path with the library's rules: a custom provider gets the raw request.
            RequestPath path = RequestPath.parse(request.path());
            if (!path.toString().equals("whoami.cfg")) {
                return Optional.empty();
            }
            String client = request.client().getAddress().getHostAddress();
            String hostname = cmdb.getOrDefault(client, "unknown-" + client.replace('.', '-'));
            byte[] config = ("hostname " + hostname + "\n").getBytes(StandardCharsets.US_ASCII);
            return Optional.<FileResource>of(BytesResource.of(path.toString(), config));
        };
        return TftpServer.builder()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                .fileProvider(FileProviders.chain(fromApplication, new DirectoryFileProvider(images)))
                .listener(event -> System.out.println(event.getClass().getSimpleName() + " " + event.device().label()))
                .build()
                .start();
    }

    /**
     * @param args IMAGES_DIR [PORT]
     * @throws Exception when the server cannot start
     */
    public static void main(String[] args) throws Exception {
        try (TftpServer server = start(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 6969,
                Map.of("127.0.0.1", "lab-switch-1"))) {
            System.out.println("TFTP on " + server.localAddress() + "; Ctrl-C to stop");
            Thread.currentThread().join();
        }
    }
}
