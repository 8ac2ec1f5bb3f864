package org.ztp4j.examples.cli;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.BootOption;
import org.ztp4j.core.BootServers;
import org.ztp4j.core.IpAddresses;
import org.ztp4j.core.PlatformAdapter;
import org.ztp4j.core.PlatformContext;
import org.ztp4j.core.PlatformSetting;
import org.ztp4j.core.PlatformSettings;
import org.ztp4j.core.inventory.InMemoryInventory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ztp platforms}: every installed platform adapter (shipped and the user's, found with
 * ServiceLoader) with its DHCP match, its boot file and further options, and the settings it
 * declares (name, type, default, description), as plain text.
 */
@Command(name = "platforms", mixinStandardHelpOptions = true,
        description = {"List every installed platform adapter (shipped and your own, found with ServiceLoader): its DHCP",
            "match, the boot file and options its offer names, and its settings (name, type, default, description)",
            "as --set PLATFORM.SETTING=VALUE takes them."})
final class PlatformsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--tftp-server", defaultValue = "192.0.2.1", paramLabel = "IP",
            description = "TFTP server the offers are shown with (default: ${DEFAULT-VALUE}, a documentation address).")
    String tftpServer;

    @Option(names = "--http-base", defaultValue = "http://192.0.2.1:8080", paramLabel = "URL",
            description = "HTTP base URL the offers are shown with (default: ${DEFAULT-VALUE}).")
    URI httpBase;

    @Override
    public Integer call() {
        List<PlatformAdapter> adapters = Platforms.all();
        PlatformSettings.declared(adapters); // an adapter that declares a setting twice is refused here too
        InetAddress tftp = IpAddresses.parseIpv4("--tftp-server", tftpServer);
        BootServers servers;
        try {
            servers = new BootServers(List.of(tftp), 69, httpBase, null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--http-base: " + e.getMessage().replace("boot servers: ", ""));
        }
        PlatformContext context = new PlatformContext(InMemoryInventory.of(List.of()), null, servers, null, null, null, Map.of());
        PrintWriter out = spec.commandLine().getOut();
        out.println(adapters.size() + " platform adapters installed; offers as devices see them with TFTP server "
                + tftp.getHostAddress() + " and HTTP base " + httpBase + ", every setting at its default.");
        for (PlatformAdapter a : adapters) {
            out.println();
            out.println(a.id() + "  " + a.displayName() + "  (" + a.getClass().getName() + ")");
            BootOffer offer = a.bootOffer(context);
            out.println("  DHCP match:  " + match(offer));
            out.println("  boot file:   " + bootFile(offer, tftp.getHostAddress()));
            if (!offer.options().isEmpty()) {
                out.println("  options:     " + offer.options().stream().map(BootOption::toString).collect(Collectors.joining("; ")));
            }
            List<PlatformSetting<?>> settings = a.settings();
            if (settings.isEmpty()) {
                out.println("  settings:    none");
                continue;
            }
            out.println("  settings:");
            int name = settings.stream().mapToInt(s -> s.key().length()).max().orElse(0);
            int type = settings.stream().mapToInt(s -> s.type().length()).max().orElse(0);
            for (PlatformSetting<?> s : settings) {
                out.println(String.format("    %-" + name + "s  %-" + type + "s  default %s", s.key(), s.type(), s.defaultText()));
                out.println("        " + s.description());
            }
        }
        out.flush();
        return 0;
    }

    private static String match(BootOffer o) {
        return switch (o.matchOption()) {
            case BootOffer.VENDOR_CLASS -> "option 60 (vendor class) starts with \"" + o.matchPrefix() + "\"";
            case BootOffer.USER_CLASS -> "option 77 (user class) starts with \"" + o.matchPrefix() + "\"";
            default -> "every device no other platform matches";
        };
    }

    private static String bootFile(BootOffer o, String tftpServer) {
        StringBuilder b = new StringBuilder(o.bootfile() == null ? "none (option 67 not sent)" : "option 67 " + o.bootfile());
        if (o.tftpServer()) {
            b.append("; TFTP server in options 150 and 66 and next-server");
        }
        String option66 = o.option66(tftpServer);
        if (option66 != null && !o.tftpServer()) {
            b.append("; option 66 ").append(option66);
        }
        return b.toString();
    }
}
