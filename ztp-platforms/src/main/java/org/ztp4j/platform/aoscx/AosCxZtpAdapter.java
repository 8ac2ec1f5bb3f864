package org.ztp4j.platform.aoscx;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ztp4j.core.BootOffer;
import org.ztp4j.core.BootOption;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.DhcpFingerprint;
import org.ztp4j.core.FileProvider;
import org.ztp4j.core.FileRequest;
import org.ztp4j.core.PlatformContext;
import org.ztp4j.core.PlatformSetting;
import org.ztp4j.platform.TemplatedPlatformAdapter;

/**
 * Aruba AOS-CX Zero Touch Provisioning.
 *
 * <p><b>DHCP</b> (Aruba's AOS-CX Fundamentals Guide, "ZTP support"): a switch running its factory
 * default configuration asks DHCP on its management port (from 10.06 also on a data port of the
 * default VLAN), IPv4 only, for up to 10 minutes after boot. It reads option 66, the TFTP server's
 * IPv4 address (a host name is not supported), option 67, the configuration file's name, and option
 * 43 sub-options 144 (configuration file, which wins over option 67) and 145 (firmware image file).
 * The file, CLI lines or JSON, becomes the startup and running configuration. The offer here matches
 * option 60 on {@code aoscx.vendor-class} ({@code Aruba} unless set; Aruba's access points send
 * {@code ArubaAP} and {@code ArubaInstantAP}, which are not recognised as switches), names the TFTP
 * server, puts {@value #CONFIG} in option 67, and with {@code aoscx.image} the image in option 43
 * sub-option 145.
 *
 * <p><b>Files served</b> (over TFTP, the only transfer AOS-CX ZTP uses): {@value #CONFIG}, each
 * switch's own day-0, the switches told apart by the DHCP lease of their source address (its MAC;
 * the server needs the leases), never by an inventory management address;
 * {@code aoscx/day0/<SERIAL>.cfg}, the same by serial; and
 * {@code X.md5} for each.
 *
 * <p><b>The day-0</b> ({@code aoscx/day0.cfg}): host name, an {@code administrators} user
 * ({@code admin_user}) with {@code password plaintext} (AOS-CX stores it hashed), SSH on VRF
 * {@code mgmt}, and {@code interface mgmt} with {@code ip static} and {@code default-gateway}
 * (which AOS-CX takes only after a static address). The switch reports nothing back: it is seen
 * as {@code CONFIG_SERVED}, and reachable when the probe reaches it.
 */
public final class AosCxZtpAdapter extends TemplatedPlatformAdapter {

    /** The platform id, also the settings prefix. */
    public static final String ID = "aoscx";
    /** The configuration file option 67 names, one for all AOS-CX switches. */
    public static final String CONFIG = "aoscx/ztp.cfg";
    /** The day-0 template. */
    public static final String DAY0_TEMPLATE = "aoscx/day0.cfg";
    /** Option 43 sub-option 145: the firmware image file. */
    public static final int IMAGE_SUB_OPTION = 145;

    /** {@code aoscx.vendor-class}: what option 60 starts with. */
    public static final PlatformSetting<String> VENDOR_CLASS = PlatformSetting.text(ID, "vendor-class", "Aruba",
            "what the switches' option 60 starts with, which the DHCP class matches (Aruba unless your switches' own text is narrower)",
            "[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}", "text of letters, digits, blanks and . _ -");
    /** {@code aoscx.image}: a firmware image (option 43 sub-option 145). */
    public static final PlatformSetting<String> IMAGE = PlatformSetting.fileName(ID, "image",
            "option 43 sub-option 145: a firmware image under the served root that the switch installs; not set: no upgrade");

    private static final List<PlatformSetting<?>> SETTINGS = List.of(VENDOR_CLASS, IMAGE);
    private static final String DAY0_BY_SERIAL = "aoscx/day0/{serial}.cfg";

    /** Creates the adapter (as {@link java.util.ServiceLoader} does). */
    public AosCxZtpAdapter() {
        super(ID, "Aruba AOS-CX ZTP", DAY0_TEMPLATE, DAY0_TEMPLATE);
    }

    @Override
    public List<PlatformSetting<?>> settings() {
        return SETTINGS;
    }

    /** Option 60 starting with {@code Aruba}, but not an access point's {@code ArubaAP} or {@code ArubaInstantAP}. */
    @Override
    public boolean recognises(DhcpFingerprint dhcp) {
        return dhcp.vendorClassStartsWith("Aruba") && !dhcp.vendorClassStartsWith("ArubaAP")
                && !dhcp.vendorClassStartsWith("ArubaInstantAP");
    }

    @Override
    public BootOffer bootOffer(PlatformContext context) {
        BootOffer.Builder offer = BootOffer.builder(ID).matchVendorClass(setting(context, VENDOR_CLASS))
                .tftpServer(true).bootfile(CONFIG);
        String image = setting(context, IMAGE);
        if (image != null) {
            offer.option(BootOption.vendorSpecific(BootOption.VENDOR_SPECIFIC,
                    List.of(BootOption.SubOption.text(IMAGE_SUB_OPTION, image))));
        }
        return offer.build();
    }

    /**
     * Under day-0 access {@code token}, a switch's reservation names its own day-0 in option 67,
     * {@code t/<token>/aoscx/day0/<SERIAL>.cfg}: AOS-CX fetches the file option 67 names, and the
     * day-0 fetches nothing further.
     */
    @Override
    public boolean carriesDeviceTokens() {
        return true;
    }

    /**
     * {@code t/<token>/aoscx/day0/<SERIAL>.cfg} under day-0 access {@code token}, else none (the offer's
     * {@value #CONFIG} serves every switch by its lease).
     *
     * @throws IllegalArgumentException naming the device under {@code token} when it has no serial
     */
    @Override
    public Optional<String> deviceBootfile(DeviceRecord device, PlatformContext context) {
        return tokenDay0Name(DAY0_BY_SERIAL, device, context);
    }

    /**
     * As the base, and refuses an admin password the {@code password plaintext} line cannot carry
     * (AOS-CX reads it as one word): every render goes through here, so the inventory load names the
     * device before any switch asks.
     *
     * @throws IllegalArgumentException naming the device when {@code admin_password} is empty or has blanks,
     *                                  or under day-0 access {@code token} when it has no serial
     */
    @Override
    public Map<String, Object> scope(DeviceRecord device, PlatformContext context) {
        requireSerialUnderToken(DAY0_BY_SERIAL, device, context);
        Map<String, Object> scope = super.scope(device, context);
        checkPassword(device, scope);
        return scope;
    }

    private static void checkPassword(DeviceRecord device, Map<String, Object> scope) {
        Object password = scope.get("admin_password");
        if (password != null && (password.toString().isEmpty() || password.toString().chars().anyMatch(c -> c <= ' ' || c == 0x7f))) {
            throw new IllegalArgumentException("admin_password for " + device.hostname()
                    + " cannot go on AOS-CX's 'password plaintext' line: it must be one word without blanks or control characters");
        }
    }

    @Override
    public FileProvider files(PlatformContext context) {
        return sharedDay0Files(CONFIG, DAY0_BY_SERIAL, context);
    }

    @Override
    public Optional<DeviceRecord> identify(FileRequest request, PlatformContext context) {
        return identifySharedDay0(CONFIG, DAY0_BY_SERIAL, request, context);
    }
}
