package org.ztp4j.dhcp;

/**
 * Bytes that are not a well-formed DHCP packet or option list: a truncated header, an option whose
 * length runs past the end, a wrong magic cookie. The message names the field and the offset.
 *
 * <p>It is an {@link IllegalArgumentException}, so code that treats every bad input alike can catch
 * that; a server reading packets from the network should catch this type, log it and go on.
 */
public class DhcpFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, with the offset where it was found */
    public DhcpFormatException(String message) {
        super(message);
    }
}
