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
    requires org.postgresql.jdbc;

    exports org.ztp4j.server;
    exports org.ztp4j.server.status;
}
