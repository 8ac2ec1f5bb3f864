/**
 * ztp4j platform adapters: Cisco NX-OS POAP, IOS AutoInstall and IOS-XE ZTP, Cisco Plug and Play, Arista EOS ZTP,
 * Juniper Junos ZTP, Aruba AOS-CX ZTP, SONiC ZTP, NVIDIA Cumulus Linux ZTP, Nokia SR Linux ZTP, and a shared base for more. Each is
 * written against the SPI of ztp-core alone.
 */
module org.ztp4j.platform {
    requires transitive org.ztp4j.core;
    requires java.xml;

    exports org.ztp4j.platform;
    exports org.ztp4j.platform.nxos;
    exports org.ztp4j.platform.ios;
    exports org.ztp4j.platform.iosxe;
    exports org.ztp4j.platform.eos;
    exports org.ztp4j.platform.junos;
    exports org.ztp4j.platform.aoscx;
    exports org.ztp4j.platform.pnp;
    exports org.ztp4j.platform.sonic;
    exports org.ztp4j.platform.cumulus;
    exports org.ztp4j.platform.srlinux;

    provides org.ztp4j.core.PlatformAdapter with
            org.ztp4j.platform.nxos.NxosPoapAdapter,
            org.ztp4j.platform.ios.IosAutoInstallAdapter,
            org.ztp4j.platform.iosxe.IosXeZtpAdapter,
            org.ztp4j.platform.eos.EosZtpAdapter,
            org.ztp4j.platform.junos.JunosZtpAdapter,
            org.ztp4j.platform.aoscx.AosCxZtpAdapter,
            org.ztp4j.platform.pnp.PnpAdapter,
            org.ztp4j.platform.sonic.SonicZtpAdapter,
            org.ztp4j.platform.cumulus.CumulusZtpAdapter,
            org.ztp4j.platform.srlinux.SrLinuxZtpAdapter;
}
