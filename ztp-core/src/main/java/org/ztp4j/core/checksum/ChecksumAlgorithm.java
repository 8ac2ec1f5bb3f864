package org.ztp4j.core.checksum;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/** The digests ZTP uses, with the names md5sum, sha256sum and sha512sum go by. */
public enum ChecksumAlgorithm {
    /** MD5: what NX-OS POAP checks scripts and images with. */
    MD5("MD5", "md5"),
    /** SHA-256. */
    SHA256("SHA-256", "sha256"),
    /** SHA-512: what IOS-XE {@code verify /sha512} prints. */
    SHA512("SHA-512", "sha512");

    private final String jcaName;
    private final String id;

    ChecksumAlgorithm(String jcaName, String id) {
        this.jcaName = jcaName;
        this.id = id;
    }

    /** @return the short name: {@code md5}, {@code sha256} or {@code sha512}, also the sidecar extension */
    public String id() {
        return id;
    }

    /** @return the number of hex digits in a digest of this kind */
    public int hexLength() {
        return switch (this) {
            case MD5 -> 32;
            case SHA256 -> 64;
            case SHA512 -> 128;
        };
    }

    /** @return a new digest (the JDK's, which uses CPU intrinsics where there are any) */
    public MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jcaName + " is missing from this JVM", e);
        }
    }

    /**
     * @param name {@code md5}, {@code sha256}, {@code sha-256}, {@code sha512}, ... in any case
     * @return the algorithm
     * @throws IllegalArgumentException naming the value when it is none of them
     */
    public static ChecksumAlgorithm parse(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT).replace("-", "");
        for (ChecksumAlgorithm a : values()) {
            if (a.id.equals(n)) {
                return a;
            }
        }
        throw new IllegalArgumentException("checksum algorithm: '" + name + "' is not md5, sha256 or sha512");
    }
}
