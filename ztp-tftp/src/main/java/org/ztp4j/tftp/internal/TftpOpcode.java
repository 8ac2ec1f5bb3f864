package org.ztp4j.tftp.internal;

/** TFTP opcodes (RFC 1350 section 5, RFC 2347 for OACK). */
public final class TftpOpcode {

    /** Read request. */
    public static final int RRQ = 1;
    /** Write request. */
    public static final int WRQ = 2;
    /** Data block. */
    public static final int DATA = 3;
    /** Acknowledgement. */
    public static final int ACK = 4;
    /** Error. */
    public static final int ERROR = 5;
    /** Option acknowledgement (RFC 2347). */
    public static final int OACK = 6;

    private TftpOpcode() {
    }
}
