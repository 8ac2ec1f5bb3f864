package org.ztp4j.core.status;

/** What a served file is to the device that fetched it; see {@link FileClassifier}. */
public enum FileKind {

    /** A provisioning script the device runs ({@code poap.py}, {@code ztp.py}). */
    SCRIPT,

    /** A configuration ({@code conf.SAL1234ABCD}, {@code network-confg}, {@code sw1-confg}). */
    CONFIG,

    /** A software image ({@code nxos64-cs.10.3.4a.M.bin}, {@code cat9k_iosxe.17.09.04a.SPA.bin}). */
    IMAGE,

    /** A checksum beside another file ({@code .md5}, {@code .sha256}, {@code .sha512}): no state change. */
    SIDECAR
}
