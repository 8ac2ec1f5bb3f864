package org.ztp4j.http.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/** Reads and writes PEM certificates and private keys with Bouncy Castle's PEM support. */
public final class PemFiles {

    private PemFiles() {
    }

    /**
     * @param file a PEM file with one or more {@code CERTIFICATE} blocks, the server's first
     * @return the certificates in file order
     * @throws IOException when the file cannot be read or holds no certificate
     */
    public static List<X509Certificate> readCertificates(Path file) throws IOException {
        List<X509Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(r)) {
            for (Object o; (o = pem.readObject()) != null; ) {
                if (o instanceof X509CertificateHolder holder) {
                    chain.add(converter.getCertificate(holder));
                }
            }
        } catch (CertificateException | RuntimeException e) {
            throw new IOException(file + ": not a PEM certificate file: " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IOException(file + ": no '-----BEGIN CERTIFICATE-----' block found");
        }
        return chain;
    }

    /**
     * Reads an unencrypted private key: PKCS#8 ({@code PRIVATE KEY}), PKCS#1 RSA
     * ({@code RSA PRIVATE KEY}) or SEC 1 EC ({@code EC PRIVATE KEY}, with or without a leading
     * {@code EC PARAMETERS} block).
     *
     * @param file the PEM file
     * @return the key
     * @throws IOException when the file cannot be read, holds no key or an encrypted one
     */
    public static PrivateKey readPrivateKey(Path file) throws IOException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(r)) {
            for (Object o; (o = pem.readObject()) != null; ) {
                if (o instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
                if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw new IOException(file + ": the private key is encrypted, which is not supported;"
                            + " write an unencrypted copy readable only by this user: openssl pkey -in KEY -out KEY.plain");
                }
            }
        } catch (RuntimeException e) {
            throw new IOException(file + ": not a PEM private key file: " + e.getMessage(), e);
        }
        throw new IOException(file + ": no '-----BEGIN PRIVATE KEY-----' (or RSA/EC PRIVATE KEY) block found");
    }

    /**
     * @param file        where to write
     * @param certificate the certificate
     * @throws IOException when writing fails
     */
    public static void writeCertificate(Path file, X509Certificate certificate) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(text)) {
            w.writeObject(certificate);
        }
        writeAtomically(file, text.toString(), false);
    }

    /**
     * Writes a key as PKCS#8 PEM into a file only its owner may read (mode 600 where the file
     * system has POSIX permissions), created with those permissions so it is never readable by others.
     *
     * @param file where to write
     * @param key  the key
     * @throws IOException when writing fails
     */
    public static void writePrivateKey(Path file, PrivateKey key) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(text)) {
            w.writeObject(new JcaPKCS8Generator(key, null));
        }
        writeAtomically(file, text.toString(), true);
    }

    private static void writeAtomically(Path file, String text, boolean secret) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attributes = posix && secret
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", attributes);
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.US_ASCII)) {
                w.write(text);
            }
            if (posix && !secret) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
