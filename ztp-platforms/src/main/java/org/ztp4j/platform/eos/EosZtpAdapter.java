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
import org.ztp4j.core.PlatformSetting;
import org.ztp4j.core.files.FileProviders;
import org.ztp4j.core.template.TemplateSet;
import org.ztp4j.platform.DeviceReportHandler;
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
 * {@code show version} with {@code FastCli}, fetches its day-0, installs {@code eos.image} when set,
 * writes the day-0 to {@code /mnt/flash/startup-config} last and reports) and
 * {@code eos/day0/<SERIAL>.cfg} (template {@code eos/day0.cfg}: host name, a {@code network-admin}
 * user, {@code Management1}'s address, the default route, SSH), served with a first line
 * {@code ! ztp4j-device-token <TOKEN>} that gives the bootstrap the proof its report needs (the
 * bootstrap drops that line before it writes the startup-config). Both templates can be
 * overridden by files of those names in the user's template folder.
 *
 * <p><b>Image</b> ({@code eos.image}): the bootstrap downloads the image next to its final name on
 * flash, checks its MD5 against the server's {@code <image>.md5}, removes it on a mismatch or a
 * failed download, and points the {@code SWI=} line of {@code /mnt/flash/boot-config} at it (the
 * file Aboot reads the image to boot from), keeping the file's other lines. An image already on
 * flash with the right MD5 is not downloaded again. The startup-config is written only after that,
 * so a failed upgrade leaves the switch in ZTP, which tries again.
 *
 * <p><b>Endpoint:</b> {@code POST /eos/report/<SERIAL>} ({@link DeviceReportHandler}): the
 * bootstrap's success or failure.
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

    /** Where the bootstrap reports: {@code POST /eos/report/<SERIAL>}. */
    public static final String REPORT_PREFIX = "/eos/report";
    /** {@code eos.image}: an EOS image the bootstrap installs before it writes the day-0. */
    public static final PlatformSetting<String> IMAGE = PlatformSetting.fileName(ID, "image",
            "an EOS image (.swi) under the served root that the bootstrap downloads to flash, checks against its .md5 and "
                    + "sets as the boot image (boot-config SWI=) before it writes the day-0; not set: no upgrade");

    private static final List<PlatformSetting<?>> SETTINGS = List.of(IMAGE);
    private static final Pattern DAY0_PATH = Pattern.compile("eos/day0/([^/]+)\\.cfg", Pattern.CASE_INSENSITIVE);

    /** Creates the adapter (as {@link java.util.ServiceLoader} does). */
    public EosZtpAdapter() {
        super(ID, "Arista EOS ZTP", DAY0_TEMPLATE, DAY0_TEMPLATE, BOOTSTRAP);
    }

    @Override
    public List<PlatformSetting<?>> settings() {
        return SETTINGS;
    }

    @Override
    public boolean recognises(DhcpFingerprint dhcp) {
        return dhcp.vendorClassStartsWith(VENDOR_CLASS);
    }

    /** Its generated script or boot file carries the device's token on to every file it fetches. */
    @Override
    public boolean carriesDeviceTokens() {
        return true;
    }

    /** Option 67 is the bootstrap's URL; without an HTTP server, its file name over TFTP. */
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
        putHttpBases(d, context);
        String image = setting(context, IMAGE);
        d.put("image", image == null ? "" : image);
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
        FileProvider bootstrap = templateFiles(context, templates).file(BOOTSTRAP, BOOTSTRAP).build();
        // The first line gives the bootstrap its device's token, the proof its report needs.
        FileProvider day0 = day0BySerialWithToken(DAY0_PATH, context, templates);
        return FileProviders.chain(bootstrap, day0);
    }

    /** @return {@value #REPORT_PREFIX}, served by {@link DeviceReportHandler} */
    @Override
    protected String reportPrefix() {
        return REPORT_PREFIX;
    }

    @Override
    public Optional<DeviceRecord> identify(FileRequest request, PlatformContext context) {
        return identifyBySerial(DAY0_PATH, request, context);
    }
}
