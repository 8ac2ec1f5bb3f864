package org.ztp4j.http.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A server's private key and certificate chain, leaf first.
 *
 * @param key   the private key
 * @param chain the certificates, the server's own first
 */
public record KeyMaterial(PrivateKey key, List<X509Certificate> chain) {

    /** @throws IllegalArgumentException when the chain is empty */
    public KeyMaterial {
        Objects.requireNonNull(key, "key");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("certificate chain: empty");
        }
    }

    /** @return the server's own certificate */
    public X509Certificate leaf() {
        return chain.get(0);
    }

    /**
     * Checks that the key belongs to the leaf certificate by signing and verifying a few bytes.
     *
     * @param where names the files in the error message
     * @throws IOException when it does not
     */
    public void checkKeyMatchesCertificate(String where) throws IOException {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) {
            return;
        }
        try {
            byte[] probe = "ztp4j key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf().getPublicKey());
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new IOException(where + ": the private key does not belong to the certificate "
                        + leaf().getSubjectX500Principal().getName());
            }
        } catch (GeneralSecurityException e) {
            throw new IOException(where + ": the private key does not fit the certificate "
                    + leaf().getSubjectX500Principal().getName() + " (" + e.getMessage() + ")", e);
        }
    }

    /**
     * @return key managers that present this key and chain
     * @throws IOException when the JDK refuses the key material
     */
    public KeyManagerFactory keyManagers() throws IOException {
        try {
            char[] password = new char[0];
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", key, password, chain.toArray(new Certificate[0]));
            return keyManagers(store, password);
        } catch (GeneralSecurityException | IOException e) {
            throw new IOException("cannot use the key and certificate for TLS: " + e.getMessage(), e);
        }
    }

    /**
     * @param store    a key store with the server's key entry
     * @param password the key entry's password
     * @return key managers that present it
     * @throws GeneralSecurityException when the JDK refuses the store
     */
    public static KeyManagerFactory keyManagers(KeyStore store, char[] password) throws GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        return keys;
    }

    /**
     * @param keys the server's key managers
     * @return a JDK TLS context that presents them
     * @throws IOException when the JDK has no TLS
     */
    public static SSLContext sslContext(KeyManagerFactory keys) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }
}
