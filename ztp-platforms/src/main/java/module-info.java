/**
 * ztp4j platform adapters: Cisco NX-OS POAP, IOS AutoInstall and IOS-XE ZTP, a shared base for
 * more, and the {@link org.ztp4j.platform.Provisioning} facade that runs TFTP and HTTP over them.
 */
module org.ztp4j.platform {
    requires transitive org.ztp4j.core;
    requires transitive org.ztp4j.tftp;
    requires transitive jdk.httpserver;

    exports org.ztp4j.platform;
    exports org.ztp4j.platform.nxos;
    exports org.ztp4j.platform.ios;
    exports org.ztp4j.platform.iosxe;

    uses org.ztp4j.core.PlatformAdapter;

    provides org.ztp4j.core.PlatformAdapter with
            org.ztp4j.platform.nxos.NxosPoapAdapter,
            org.ztp4j.platform.ios.IosAutoInstallAdapter,
            org.ztp4j.platform.iosxe.IosXeZtpAdapter;
}
