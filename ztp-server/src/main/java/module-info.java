/**
 * The ztp4j runtime an application embeds: the {@link org.ztp4j.server.Provisioning} facade runs
 * TFTP and HTTP(S) over every platform adapter, keeps a status board with a page and JSON API,
 * probes devices for reachability, calls a webhook, logs progress and reloads its inputs.
 */
module org.ztp4j.server {
    requires transitive org.ztp4j.core;
    requires transitive org.ztp4j.tftp;
    requires transitive org.ztp4j.http;
    requires transitive org.ztp4j.dhcp;
    requires transitive org.ztp4j.platform;
    requires java.net.http;
    requires java.sql;
    requires flyway.core; // Flyway names no module: this is the name its jar file gives it
    requires org.postgresql.jdbc; // LISTEN/NOTIFY between servers needs the driver's PGConnection

    exports org.ztp4j.server;
    exports org.ztp4j.server.api;
    exports org.ztp4j.server.status;
    exports org.ztp4j.server.store;
}
