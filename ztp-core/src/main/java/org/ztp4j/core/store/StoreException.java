package org.ztp4j.core.store;

/**
 * A {@link ProvisioningStore} could not read or write: the database is unreachable, refused the
 * credentials, or holds a schema this version does not know. The message names the store (a JDBC URL
 * without its password, a directory) and the cause.
 */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what failed, naming the store */
    public StoreException(String message) {
        super(message);
    }

    /**
     * @param message what failed, naming the store
     * @param cause   the driver's exception
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
