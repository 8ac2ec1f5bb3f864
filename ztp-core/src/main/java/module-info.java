/**
 * ztp4j core: the device model, the SPIs (inventory, file providers, platform adapters, leases,
 * listeners, HTTP endpoints), strict templates, checksums and the POAP script MD5 stamper, the
 * device status board and the events, with a recording listener for tests.
 */
module org.ztp4j.core {
    requires transitive org.slf4j;
    requires com.github.mustachejava;

    exports org.ztp4j.core;
    exports org.ztp4j.core.files;
    exports org.ztp4j.core.inventory;
    exports org.ztp4j.core.template;
    exports org.ztp4j.core.checksum;
    exports org.ztp4j.core.status;
    exports org.ztp4j.core.store;
    exports org.ztp4j.core.http;

    // The toolkit every ztp4j module shares; not API.
    exports org.ztp4j.core.internal to org.ztp4j.tftp, org.ztp4j.http, org.ztp4j.dhcp, org.ztp4j.platform,
            org.ztp4j.server;

    uses org.ztp4j.core.PlatformAdapter;
}
