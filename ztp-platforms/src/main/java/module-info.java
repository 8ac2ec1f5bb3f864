/**
 * ztp4j platform adapters: Cisco NX-OS POAP, IOS AutoInstall and IOS-XE ZTP, Arista EOS ZTP, SONiC
 * ZTP, NVIDIA Cumulus Linux ZTP, and a shared base for more. Each is written against the SPI of ztp-core alone.
 */
module org.ztp4j.platform {
    requires transitive org.ztp4j.core;

    exports org.ztp4j.platform;
    exports org.ztp4j.platform.nxos;
    exports org.ztp4j.platform.ios;
    exports org.ztp4j.platform.iosxe;
    exports org.ztp4j.platform.eos;
    exports org.ztp4j.platform.sonic;
    exports org.ztp4j.platform.cumulus;

    provides org.ztp4j.core.PlatformAdapter with
            org.ztp4j.platform.nxos.NxosPoapAdapter,
            org.ztp4j.platform.ios.IosAutoInstallAdapter,
            org.ztp4j.platform.iosxe.IosXeZtpAdapter,
            org.ztp4j.platform.eos.EosZtpAdapter,
            org.ztp4j.platform.sonic.SonicZtpAdapter,
            org.ztp4j.platform.cumulus.CumulusZtpAdapter;
}
