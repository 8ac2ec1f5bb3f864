package org.ztp4j.examples.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ztp4j.core.BootServers;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.Inventory;
import org.ztp4j.core.IpAddresses;
import org.ztp4j.core.MacAddress;
import org.ztp4j.core.PlatformAdapter;
import org.ztp4j.core.PlatformContext;
import org.ztp4j.core.SerialNumber;
import org.ztp4j.core.template.TemplateSet;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ztp render}: print the day-0 configuration a device would get. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Print the day-0 configuration a device would get. Without --inventory, the bundled demo",
            "inventory is used. A missing template variable is exit 2 naming the device, template and variable."})
final class RenderCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--platform", required = true, paramLabel = "nxos|ios|iosxe", description = "The platform (any installed adapter's id).")
    String platform;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Device device;

    static final class Device {
        @Option(names = "--serial", paramLabel = "SN", description = "The device's serial number.")
        String serial;

        @Option(names = "--mac", paramLabel = "MAC", description = "The device's MAC address (any common spelling).")
        String mac;
    }

    @Option(names = "--inventory", paramLabel = "FILE", description = "CSV inventory (default: the bundled demo inventory).")
    Path inventory;

    @Option(names = "--templates", paramLabel = "DIR", description = "Templates that override the bundled ones, file by file.")
    Path templates;

    @Mixin
    TemplateVariables vars;

    @Option(names = "--set", paramLabel = "PLATFORM.SETTING=VALUE", description = "An adapter setting or opt-in, e.g. ios.save=true (repeatable; 'ztp platforms' lists them).")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--tftp-server", defaultValue = "127.0.0.1", paramLabel = "IP", description = "TFTP server address templates refer to (default: ${DEFAULT-VALUE}).")
    String tftpServer;

    @Option(names = "--http-base", paramLabel = "URL", description = "HTTP base URL templates refer to.")
    URI httpBase;

    @Override
    public Integer call() throws IOException {
        PlatformAdapter adapter = Platforms.require(platform);
        Platforms.checkSettings(settings);
        Inventory inv = DemoData.inventoryOrDemo(inventory);
        DeviceRecord record = find(inv);
        if (templates != null) {
            CliFiles.requireDirectory(templates, "--templates");
        }
        InetAddress tftp = IpAddresses.parse("--tftp-server", tftpServer);
        Map<String, String> globals = new LinkedHashMap<>(inventory == null ? DemoData.globals() : Map.of());
        globals.putAll(vars.resolve(System::getenv, null)); // a one-shot command: no process-list warning
        PlatformContext context = new PlatformContext(inv, templates == null ? null : TemplateSet.ofDirectory(templates),
                new BootServers(List.of(tftp), 69, httpBase, null), null, null, globals, settings);
        var out = spec.commandLine().getOut();
        out.print(adapter.day0Config(record, context));
        out.flush();
        return 0;
    }

    private DeviceRecord find(Inventory inv) {
        String source = inventory == null ? "the demo inventory" : inventory.toString();
        if (device.serial != null) {
            SerialNumber sn = SerialNumber.of(device.serial);
            return inv.bySerial(sn).orElseThrow(() -> new IllegalArgumentException(
                    "--serial " + sn + ": no such device in " + source));
        }
        MacAddress mac = MacAddress.parse(device.mac);
        return inv.byMac(mac).orElseThrow(() -> new IllegalArgumentException("--mac " + mac + ": no such device in " + source));
    }
}
