package org.ztp4j.tftp.internal;

/** A request that is answered with a TFTP error instead of a transfer. */
final class TransferRefusedException extends Exception {

    private final int errorCode;

    TransferRefusedException(int errorCode, String message) {
        super(message, null, false, false);
        this.errorCode = errorCode;
    }

    int errorCode() {
        return errorCode;
    }
}
