package org.ztp4j.examples.cli;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ztp4j.core.IpAddresses;
import org.ztp4j.dhcp.DhcpOption;
import org.ztp4j.dhcp.DhcpOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ztp dhcp-options}: print the encoded ZTP options, one TLV per line. */
@Command(name = "dhcp-options", mixinStandardHelpOptions = true,
        description = {"Print the encoded DHCP options, one per line: '<code> <hex of the whole TLV>'",
            "(option 150, then 66, 67 and the --option values, in that order)."})
final class DhcpOptionsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--tftp-server", split = ",", paramLabel = "IP", description = "Option 150 addresses (IPv4).")
    List<String> tftpServers = new ArrayList<>();

    @Option(names = "--tftp-server-name", paramLabel = "NAME", description = "Option 66 text: a host name or dotted address.")
    String tftpServerName;

    @Option(names = "--bootfile", paramLabel = "NAME|URL", description = "Option 67: a file name or URL.")
    String bootfile;

    @Option(names = "--option", paramLabel = "CODE=HEX", description = "Any other option, value in hex (repeatable).")
    List<String> extra = new ArrayList<>();

    @Override
    public Integer call() {
        List<InetAddress> servers = new ArrayList<>();
        for (String s : tftpServers) {
            servers.add(IpAddresses.parseIpv4("--tftp-server", s));
        }
        List<DhcpOption> options = new ArrayList<>();
        for (String o : extra) {
            options.add(DhcpOption.parse(o));
        }
        if (servers.isEmpty() && tftpServerName == null && bootfile == null && options.isEmpty()) {
            throw new IllegalArgumentException("nothing to encode: give --tftp-server, --tftp-server-name, --bootfile or --option");
        }
        var out = spec.commandLine().getOut();
        DhcpOptions.forBoot(servers, tftpServerName, bootfile, options).toHexLines().forEach(out::println);
        out.flush();
        return 0;
    }
}
