package org.ztp4j.examples.adapter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.BootServers;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.DhcpFingerprint;
import org.ztp4j.core.FileProvider;
import org.ztp4j.core.FileRequest;
import org.ztp4j.core.PlatformAdapter;
import org.ztp4j.core.PlatformContext;
import org.ztp4j.core.RejectedPathException;
import org.ztp4j.core.RequestPath;
import org.ztp4j.core.SerialNumber;
import org.ztp4j.core.files.TemplateFileProvider;
import org.ztp4j.core.template.TemplateSet;

/**
 * A custom platform adapter, Arista EOS Zero Touch Provisioning, written against ztp-core's SPI
 * alone and plugged in by one line in {@code META-INF/services/org.ztp4j.core.PlatformAdapter}:
 * {@link org.ztp4j.core.PlatformAdapters#discover()} finds it, and the {@code Provisioning} facade
 * serves its files beside the Cisco ones with no change anywhere else.
 *
 * <p><b>How EOS ZTP works</b> (Arista EOS configuration guide, "Zero Touch Provisioning"): a switch
 * that boots without a startup-config asks DHCP on all its ports, sending option 60 starting with
 * {@code Arista}. Option 67 names a file by URL; the switch downloads it and, when it starts with
 * {@code #!}, runs it as a script (otherwise it takes it as its startup-config). The script typically
 * writes {@code /mnt/flash/startup-config} and exits 0, after which the switch reboots into it.
 *
 * <p><b>Files:</b> {@code eos/bootstrap} (the script: it reads the serial from {@code show version}
 * with {@code FastCli} and writes its day-0 to {@code /mnt/flash/startup-config}) and
 * {@code eos/day0/<SERIAL>.cfg} (host name, a {@code network-admin} user, {@code Management1}'s
 * address, the default route). Both can be overridden by {@code eos/bootstrap} and
 * {@code eos/day0.cfg} in the user's template folder.
 *
 * <pre>{@code
 * # META-INF/services/org.ztp4j.core.PlatformAdapter
 * org.ztp4j.examples.adapter.EosZtpAdapter
 * }</pre>
 */
public final class EosZtpAdapter implements PlatformAdapter {

    /** The platform id. */
    public static final String ID = "eos";
    /** The bootstrap script's path; option 67 is its URL. */
    public static final String BOOTSTRAP = "eos/bootstrap";
    /** The day-0 template. */
    public static final String DAY0_TEMPLATE = "eos/day0.cfg";

    private static final Pattern DAY0_PATH = Pattern.compile("eos/day0/([^/]+)\\.cfg", Pattern.CASE_INSENSITIVE);

    /** The bundled templates, kept in code so the example is one file. */
    private static final Map<String, String> BUNDLED = Map.of(
            BOOTSTRAP, """
                    #!/usr/bin/env python
                    # ztp4j bootstrap for Arista EOS ZTP: fetch this switch's day-0 by serial into
                    # /mnt/flash/startup-config; EOS reboots into it when the script exits 0.
                    from __future__ import print_function
                    import re
                    import subprocess
                    import sys
                    try:
                        from urllib.request import urlopen
                    except ImportError:
                        from urllib2 import urlopen

                    DAY0 = "{{day0_base}}"

                    def serial():
                        version = subprocess.check_output(["FastCli", "-p", "15", "-c", "show version"]).decode("utf-8", "replace")
                        found = re.search(r"Serial number:\\s*(\\S+)", version)
                        if found is None:
                            raise RuntimeError("no serial number in show version")
                        return found.group(1)

                    def main():
                        url = "%s/%s.cfg" % (DAY0, serial())
                        print("ztp4j: fetching %s" % url)
                        config = urlopen(url, timeout=30).read()
                        with open("/mnt/flash/startup-config", "wb") as f:
                            f.write(config)
                        return 0

                    if __name__ == "__main__":
                        try:
                            sys.exit(main())
                        except Exception as failure:
                            print("ztp4j: bootstrap failed: %s" % failure)
                            sys.exit(1)
                    """,
            DAY0_TEMPLATE, """
                    ! ztp4j reachability day-0 for {{hostname}} (Arista EOS ZTP)
                    hostname {{hostname}}
                    username {{admin_user}} privilege 15 role network-admin secret {{admin_password}}
                    interface Management1
                       ip address {{mgmt_address}}/{{mgmt_prefix}}
                    ip route 0.0.0.0/0 {{mgmt_gateway}}
                    management ssh
                       no shutdown
                    end
                    """);

    /** Creates the adapter (as {@link java.util.ServiceLoader} does). */
    public EosZtpAdapter() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Arista EOS ZTP";
    }

    @Override
    public boolean recognises(DhcpFingerprint dhcp) {
        return dhcp.vendorClassStartsWith("Arista");
    }

    @Override
    public BootOffer bootOffer(BootServers servers) {
        return servers.httpBase() == null
                ? new BootOffer(ID, BootOffer.VENDOR_CLASS, "Arista", BOOTSTRAP, true)
                : new BootOffer(ID, BootOffer.VENDOR_CLASS, "Arista", servers.httpUrl(BOOTSTRAP), false);
    }

    @Override
    public FileProvider files(PlatformContext context) {
        return TemplateFileProvider.builder()
                .templates(templates(context))
                .inventory(context.inventory())
                .listener(context.listener())
                .globals(scope(context))
                .file(BOOTSTRAP, BOOTSTRAP)
                .file("eos/day0/{serial}.cfg", DAY0_TEMPLATE)
                .build();
    }

    @Override
    public String day0Config(DeviceRecord device, PlatformContext context) {
        Map<String, Object> scope = scope(context);
        scope.putAll(device.templateScope());
        return templates(context).render(DAY0_TEMPLATE, scope, device.hostname());
    }

    @Override
    public Optional<DeviceRecord> identify(FileRequest request, PlatformContext context) {
        try {
            Matcher m = DAY0_PATH.matcher(RequestPath.parse(request.path()).toString());
            return m.matches() ? context.inventory().bySerial(SerialNumber.of(m.group(1))) : Optional.empty();
        } catch (RejectedPathException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static TemplateSet templates(PlatformContext context) {
        TemplateSet.Builder b = TemplateSet.builder();
        if (context.templates() != null) {
            b.fallback(context.templates());
        }
        return b.templates(BUNDLED).build();
    }

    private static Map<String, Object> scope(PlatformContext context) {
        Map<String, Object> scope = new LinkedHashMap<>(context.globals());
        BootServers servers = context.servers();
        scope.put("day0_base", servers.httpBase() == null ? "" : servers.httpUrl("eos/day0"));
        return scope;
    }
}
