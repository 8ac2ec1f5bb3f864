/**
 * ztp4j core: device model, SPIs, strict templates, checksums and the POAP script MD5 stamper.
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
    exports org.ztp4j.core.http;

    // The toolkit every ztp4j module shares; not API.
    exports org.ztp4j.core.internal to org.ztp4j.tftp, org.ztp4j.http, org.ztp4j.dhcp, org.ztp4j.platform,
            org.ztp4j.server, org.ztp4j.testkit;

    uses org.ztp4j.core.PlatformAdapter;
}
