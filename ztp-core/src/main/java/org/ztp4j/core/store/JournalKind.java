package org.ztp4j.core.store;

/** What a {@link JournalEntry} records. */
public enum JournalKind {
    /** The device asked for a file ({@code path}, {@code protocol}, {@code client}). */
    REQUESTED,
    /** A file reached it whole ({@code path}, {@code protocol}, {@code client}, {@code bytes}, {@code durationMillis}, {@code digest} when known). */
    SERVED,
    /** A transfer failed ({@code path}, {@code protocol}, {@code client}, {@code bytes} sent, {@code detail} the reason). */
    FAILED,
    /** A request for its own file was refused ({@code path}, {@code protocol}, {@code client} who asked, {@code detail} why). */
    REFUSED,
    /** An image transfer began ({@code path}, {@code protocol}, {@code bytes} its size or null). */
    TRANSFER_STARTED,
    /** A transfer was cut short by the server stopping ({@code path}). */
    INTERRUPTED,
    /** The device was tied to an inventory record ({@code detail}: host name and how). */
    IDENTIFIED,
    /** A file was rendered for it ({@code path}, {@code bytes}, {@code detail} the template). */
    RENDERED,
    /** Its script reported success ({@code detail} its message). */
    REPORTED_SUCCESS,
    /** Its script reported failure ({@code detail} its message). */
    REPORTED_FAILURE,
    /** Its management address answered ({@code client} the address, {@code detail} how). */
    REACHABLE,
    /** An operator reset it: provisions from scratch ({@code actor}). */
    RESET,
    /** An operator let a failed device try again ({@code actor}). */
    RETRY,
    /** An operator took it out of service ({@code actor}). */
    DECOMMISSIONED
}
