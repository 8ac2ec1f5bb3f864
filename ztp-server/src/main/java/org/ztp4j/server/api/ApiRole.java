package org.ztp4j.server.api;

import java.util.Locale;
import org.ztp4j.core.internal.LogText;

/** What a token may do with the API: {@link #VIEWER} reads, {@link #OPERATOR} also acts on devices. */
public enum ApiRole {

    /** Reads the devices, one device and its journal. */
    VIEWER,

    /** Also resets, retries and decommissions devices. */
    OPERATOR;

    /** @return the name used in token files: {@code viewer} or {@code operator} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param needed the role a request needs
     * @return whether a token of this role may make it
     */
    public boolean allows(ApiRole needed) {
        return compareTo(needed) >= 0;
    }

    /**
     * @param id {@code viewer} or {@code operator}
     * @return the role
     * @throws IllegalArgumentException naming the value and the known roles
     */
    public static ApiRole parse(String id) {
        for (ApiRole r : values()) {
            if (r.id().equals(id)) {
                return r;
            }
        }
        throw new IllegalArgumentException("role '" + LogText.of(id, 32) + "': not one of viewer, operator");
    }
}
