package org.ztp4j.tftp.internal;

/** TFTP error codes (RFC 1350 appendix, RFC 2347 for code 8). */
public final class TftpError {

    /** Not defined, see error message. */
    public static final int UNDEFINED = 0;
    /** File not found. */
    public static final int FILE_NOT_FOUND = 1;
    /** Access violation. */
    public static final int ACCESS_VIOLATION = 2;
    /** Disk full or allocation exceeded. */
    public static final int DISK_FULL = 3;
    /** Illegal TFTP operation. */
    public static final int ILLEGAL_OPERATION = 4;
    /** Unknown transfer ID. */
    public static final int UNKNOWN_TID = 5;
    /** File already exists. */
    public static final int FILE_EXISTS = 6;
    /** Option negotiation refused (RFC 2347). */
    public static final int OPTION_REFUSED = 8;

    private TftpError() {
    }
}
