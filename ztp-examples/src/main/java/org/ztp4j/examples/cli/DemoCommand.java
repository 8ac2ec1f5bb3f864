package org.ztp4j.examples.cli;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ztp4j.core.Day0Access;
import org.ztp4j.core.LeaseLookup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ztp demo}: {@code serve} on the bundled sample inventory and templates, on 127.0.0.1. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run 'serve' on an embedded default: a sample inventory (one NX-OS, one IOS, one IOS-XE device)",
            "and the bundled templates, on 127.0.0.1 (TFTP 6969, HTTP 8080). Prints what to point DHCP at and",
            "commands to try."})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--tftp-port", defaultValue = "6969", paramLabel = "N", description = "TFTP port (default: ${DEFAULT-VALUE}).")
    int tftpPort;

    @Option(names = "--http-port", defaultValue = "8080", paramLabel = "N", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Override
    public Integer call() throws Exception {
        Path root = Files.createTempDirectory("ztp4j-demo");
        root.toFile().deleteOnExit();
        Path image = root.resolve("README.txt");
        Files.writeString(image, "Files under --root are served as they are: put images here.\n", StandardCharsets.UTF_8);
        image.toFile().deleteOnExit();
        // The demo keeps its device states and journal in a temporary directory, gone when it stops.
        Path state = Files.createTempDirectory("ztp4j-demo-state");
        var settings = new ZtpServer.Settings(DemoData.inventory(), null, root, InetAddress.getLoopbackAddress(), null,
                tftpPort, httpPort, null, null, DemoData.globals(), Map.of(), LeaseLookup.NONE, null, false, state, null, true, null,
                Day0Access.ANY);
        return ServeCommand.run(spec, settings, server -> {
            var out = spec.commandLine().getOut();
            int tftp = server.provisioning().tftpAddress().getPort();
            String http = String.valueOf(server.provisioning().bootServers().httpBase());
            out.println();
            out.println("Try it (the NX-OS switch's day-0 over TFTP, the IOS network-confg over HTTP):");
            out.println("  curl -s tftp://127.0.0.1:" + tftp + "/conf.SAL1234ABCD");
            out.println("  curl -s " + http + "/network-confg");
            out.println("Status page: " + http + "/   Stop with Ctrl-C.");
        });
    }
}
