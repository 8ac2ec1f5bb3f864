package org.ztp4j.core;

import org.ztp4j.core.internal.LogText;

import java.io.IOException;

/**
 * A request path that must not be served: it tries to leave the served root, or holds characters
 * no served file name has. The message names the path and the rule it broke.
 */
public class RejectedPathException extends IOException {

    private final String path;

    /**
     * @param path   the path as the client sent it
     * @param reason which rule it broke
     */
    public RejectedPathException(String path, String reason) {
        super("path '" + LogText.of(path) + "' refused: " + reason);
        this.path = path;
    }

    /** @return the path as the client sent it */
    public String path() {
        return path;
    }
}
