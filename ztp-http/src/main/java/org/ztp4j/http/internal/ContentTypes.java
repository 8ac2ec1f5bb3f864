package org.ztp4j.http.internal;

import java.util.Locale;
import java.util.Map;

/**
 * The {@code Content-Type} of a served file, from its name. Devices do not look at it much, but
 * browsers and curl users do: scripts and configs show as text, images download as bytes.
 */
public final class ContentTypes {

    /** What an unknown name is served as. */
    public static final String DEFAULT = "application/octet-stream";

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("py", "text/x-python"),
            Map.entry("cfg", "text/plain"),
            Map.entry("conf", "text/plain"),
            Map.entry("txt", "text/plain"),
            Map.entry("md5", "text/plain"),
            Map.entry("sha256", "text/plain"),
            Map.entry("sha512", "text/plain"),
            Map.entry("json", "application/json"),
            Map.entry("bin", DEFAULT),
            Map.entry("img", DEFAULT),
            Map.entry("iso", DEFAULT));

    private ContentTypes() {
    }

    /**
     * @param path a request path or file name; only the last segment counts
     * @return the media type, {@value #DEFAULT} when the name says nothing
     */
    public static String forName(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        if (dot >= 0) {
            String type = BY_EXTENSION.get(name.substring(dot + 1));
            if (type != null) {
                return type;
            }
        }
        // IOS AutoInstall asks for network-confg and <hostname>-confg; POAP for conf.<SERIAL>.
        if (name.endsWith("-confg") || (name.startsWith("conf.") && name.length() > "conf.".length())) {
            return "text/plain";
        }
        return DEFAULT;
    }
}
