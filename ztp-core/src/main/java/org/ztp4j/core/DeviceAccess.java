package org.ztp4j.core;

import java.net.URI;
import java.util.Objects;

/**
 * Who may fetch a device's own files ({@link Day0Access}) and the secrets that prove a request or
 * a report comes from a device ({@link DeviceTokens}). Adapters read it from the
 * {@link PlatformContext} to carry a device's token on: in its DHCP boot file name, in the
 * scripts rendered for it ({@code access_path}), with its day-0.
 *
 * @param mode   who may fetch a device's files
 * @param tokens every device's secret (also the proof a device report needs, whatever the mode)
 */
public record DeviceAccess(Day0Access mode, DeviceTokens tokens) {

    /** @throws NullPointerException when a part is missing */
    public DeviceAccess {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(tokens, "tokens");
    }

    /** @return {@link Day0Access#ANY} with tokens of a key made for this process */
    public static DeviceAccess open() {
        return Open.INSTANCE;
    }

    /**
     * @param device a device
     * @return what its requests put before a file name: {@code t/<token>/} in {@link Day0Access#TOKEN}
     *         mode, else nothing
     */
    public String pathPrefix(DeviceRecord device) {
        return mode == Day0Access.TOKEN ? tokens.pathPrefix(device) : "";
    }

    /**
     * The boot file name or URL a device's own DHCP reservation carries: the shared one with the
     * device's {@link #pathPrefix} put before its path ({@code poap.py} becomes
     * {@code t/<token>/poap.py}, {@code http://10.0.0.1:8080/ztp/iosxe.py} becomes
     * {@code http://10.0.0.1:8080/t/<token>/ztp/iosxe.py}).
     *
     * @param bootfile the shared boot file name or URL, or {@code null}
     * @param device   the device
     * @return the device's own, or the same when the mode needs none
     */
    public String bootfile(String bootfile, DeviceRecord device) {
        String prefix = pathPrefix(device);
        if (bootfile == null || prefix.isEmpty()) {
            return bootfile;
        }
        if (bootfile.contains("://")) {
            URI u = URI.create(bootfile);
            String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
            String query = u.getRawQuery() == null ? "" : "?" + u.getRawQuery();
            return u.getScheme() + "://" + u.getRawAuthority() + "/" + prefix + path.substring(1) + query;
        }
        return prefix + (bootfile.startsWith("/") ? bootfile.substring(1) : bootfile);
    }

    private static final class Open {
        static final DeviceAccess INSTANCE = new DeviceAccess(Day0Access.ANY, DeviceTokens.random());
    }
}
