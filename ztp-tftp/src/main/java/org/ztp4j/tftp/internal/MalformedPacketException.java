package org.ztp4j.tftp.internal;

/**
 * A datagram that is not a well-formed TFTP packet, or a request that must be refused before any
 * lookup. The message says what is wrong; {@link #errorCode()} is the TFTP error to answer with.
 */
public final class MalformedPacketException extends Exception {

    private final int errorCode;

    /** @param message what is wrong with the packet (answered with ERROR 4, illegal operation) */
    public MalformedPacketException(String message) {
        this(TftpError.ILLEGAL_OPERATION, message);
    }

    /**
     * @param errorCode the TFTP error code to answer with
     * @param message   what is wrong with the packet
     */
    public MalformedPacketException(int errorCode, String message) {
        super(message, null, false, false);
        this.errorCode = errorCode;
    }

    /** @return the TFTP error code to answer with */
    public int errorCode() {
        return errorCode;
    }
}
