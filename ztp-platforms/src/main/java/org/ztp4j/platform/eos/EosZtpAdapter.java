package org.ztp4j.platform.eos;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.BootServers;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.DhcpFingerprint;
import org.ztp4j.core.FileProvider;
import org.ztp4j.core.FileRequest;
import org.ztp4j.core.PlatformContext;
import org.ztp4j.core.template.TemplateSet;
import org.ztp4j.platform.TemplatedPlatformAdapter;

/**
 * Arista EOS Zero Touch Provisioning.
 *
 * <p><b>How EOS ZTP works</b> (Arista EOS configuration guide, "Zero Touch Provisioning"): a switch
 * that boots without a startup-config asks DHCP on all its ports, sending option 60 starting with
 * {@code Arista}. Option 67 names a file by URL; the switch downloads it and, when it starts with
 * {@code #!}, runs it as a script (otherwise it takes it as its startup-config). The script typically
 * writes {@code /mnt/flash/startup-config} and exits 0, after which the switch reboots into it.
 *
 * <p><b>Files:</b> {@code eos/bootstrap} (template {@code eos/bootstrap}: it reads the serial from
 * {@code show version} with {@code FastCli} and writes its day-0 to {@code /mnt/flash/startup-config})
 * and {@code eos/day0/<SERIAL>.cfg} (template {@code eos/day0.cfg}: host name, a
 * {@code network-admin} user, {@code Management1}'s address, the default route, SSH). Both can be
 * overridden by files of those names in the user's template folder.
 */
public final class EosZtpAdapter extends TemplatedPlatformAdapter {

    /** The platform id. */
    public static final String ID = "eos";
    /** The bootstrap script's path; option 67 is its URL. */
    public static final String BOOTSTRAP = "eos/bootstrap";
    /** The day-0 template. */
    public static final String DAY0_TEMPLATE = "eos/day0.cfg";
    /** Option 60 as the switch sends it (it starts with this). */
    public static final String VENDOR_CLASS = "Arista";

    private static final Pattern DAY0_PATH = Pattern.compile("eos/day0/([^/]+)\\.cfg", Pattern.CASE_INSENSITIVE);

    /** Creates the adapter (as {@link java.util.ServiceLoader} does). */
    public EosZtpAdapter() {
        super(ID, "Arista EOS ZTP", DAY0_TEMPLATE, DAY0_TEMPLATE, BOOTSTRAP);
    }

    @Override
    public boolean recognises(DhcpFingerprint dhcp) {
        return dhcp.vendorClassStartsWith(VENDOR_CLASS);
    }

    /** Option 67 is the bootstrap's URL; without an HTTP server, its file name over TFTP. */
    /** Its generated script or boot file carries the device's token on to every file it fetches. */
    @Override
    public boolean carriesDeviceTokens() {
        return true;
    }

    @Override
    public BootOffer bootOffer(PlatformContext context) {
        BootServers servers = context.servers();
        return servers.httpBase() == null
                ? new BootOffer(ID, BootOffer.VENDOR_CLASS, VENDOR_CLASS, BOOTSTRAP, true)
                : new BootOffer(ID, BootOffer.VENDOR_CLASS, VENDOR_CLASS, servers.httpUrl(BOOTSTRAP), false);
    }

    @Override
    protected Map<String, Object> defaults(PlatformContext context) {
        Map<String, Object> d = super.defaults(context);
        BootServers servers = context.servers();
        d.put("day0_base", servers.httpBase() == null ? "" : servers.httpUrl("eos/day0"));
        return d;
    }

    /** A device's own bootstrap (day-0 access token) fetches its day-0 under its token. */
    @Override
    public Map<String, Object> scope(DeviceRecord device, PlatformContext context) {
        Map<String, Object> scope = super.scope(device, context);
        String access = context.access().pathPrefix(device);
        if (!access.isEmpty() && context.servers().httpBase() != null && !context.globals().containsKey("day0_base")) {
            scope.put("day0_base", context.servers().httpUrl(access + "eos/day0"));
        }
        return scope;
    }

    @Override
    public FileProvider files(PlatformContext context) {
        TemplateSet templates = templates(context);
        checkTemplates(List.of(BOOTSTRAP, DAY0_TEMPLATE), context);
        return templateFiles(context, templates)
                .file(BOOTSTRAP, BOOTSTRAP)
                .file("eos/day0/{serial}.cfg", DAY0_TEMPLATE)
                .build();
    }

    @Override
    public Optional<DeviceRecord> identify(FileRequest request, PlatformContext context) {
        return identifyBySerial(DAY0_PATH, request, context);
    }
}
