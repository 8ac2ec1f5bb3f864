package org.ztp4j.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ztp4j.http.internal.KeyMaterial;
import org.ztp4j.http.internal.PemFiles;
import org.ztp4j.http.internal.ReloadingKeyManager;
import org.ztp4j.http.internal.SelfSignedCertificates;

/**
 * Where the HTTPS server's key and certificate come from. Nothing is read or generated until the
 * server starts (or {@link #createSslContext()} is called), so a bad file is reported by
 * {@link HttpFileServer#start()} with its path. The server speaks TLS with the JDK's own
 * implementation (TLS 1.3 and 1.2).
 *
 * <p>A renewed certificate is taken without a restart: a running server looks at the files of
 * {@link #fromPem}, {@link #fromKeyStore} and {@link #selfSigned} every
 * {@value #RELOAD_CHECK_SECONDS} s, and once they have changed and then stayed the same for one
 * more look (a file still being written, or a pair of which only one file is new yet, is not
 * read), new connections get the new key and certificate; connections already open keep theirs.
 * Replacing a file by rename ({@code mv new.pem cert.pem}) is the safe way to write it. A change
 * that does not load (a broken file, a key that does not match the certificate) is logged and the
 * certificate in use stays.
 *
 * <pre>{@code
 * TlsConfig tls = TlsConfig.selfSigned(Path.of("/var/lib/ztp"), "10.0.0.1", "ztp.example.net");
 * HttpFileServer https = HttpFileServer.builder()
 *         .bind(new InetSocketAddress("10.0.0.1", 443))
 *         .fileProvider(files)
 *         .https(tls)
 *         .build();
 * https.start();
 * // curl --cacert /var/lib/ztp/ztp4j-cert.pem https://10.0.0.1/poap.py
 * System.out.println("trust " + tls.certificatePath().orElseThrow());
 * }</pre>
 */
public final class TlsConfig {

    /** The file name of the generated certificate in a self-signed store directory. */
    public static final String SELF_SIGNED_CERTIFICATE = "ztp4j-cert.pem";

    /** The file name of the generated private key (mode 600) in a self-signed store directory. */
    public static final String SELF_SIGNED_KEY = "ztp4j-key.pem";

    /** Seconds between two looks at the key and certificate files of a running server. */
    public static final int RELOAD_CHECK_SECONDS = 1;

    private static final Logger LOG = LoggerFactory.getLogger(TlsConfig.class);

    /** Loads the server's key and certificate when the server starts. */
    private interface Source {
        KeyManagerFactory keyManagers() throws IOException;
    }

    private final String description;
    private final Path certificate;
    private final Source source;
    private final SSLContext context;
    /** The files a running server watches, and how it reads them again when they change. */
    private final List<Path> watched;
    private final Source reload;

    private TlsConfig(String description, Path certificate, Source source, List<Path> watched, Source reload) {
        this.description = description;
        this.certificate = certificate;
        this.source = source;
        this.context = null;
        this.watched = watched;
        this.reload = reload;
    }

    private TlsConfig(String description, SSLContext context) {
        this.description = description;
        this.certificate = null;
        this.source = null;
        this.context = context;
        this.watched = List.of();
        this.reload = null;
    }

    /**
     * A PEM certificate chain (server certificate first, then intermediates) and its unencrypted
     * private key: PKCS#8 ({@code BEGIN PRIVATE KEY}), PKCS#1 RSA ({@code BEGIN RSA PRIVATE KEY})
     * or EC ({@code BEGIN EC PRIVATE KEY}), as {@code openssl req -x509 -nodes} or certbot write them.
     *
     * @param certificateChain the PEM certificate file
     * @param privateKey       the PEM key file
     * @return the configuration
     */
    public static TlsConfig fromPem(Path certificateChain, Path privateKey) {
        Objects.requireNonNull(certificateChain, "certificateChain");
        Objects.requireNonNull(privateKey, "privateKey");
        requireBouncyCastle("TlsConfig.fromPem");
        Source pem = () -> pemPair(certificateChain, privateKey).keyManagers();
        return new TlsConfig("PEM " + certificateChain + " + " + privateKey, certificateChain, pem,
                List.of(certificateChain, privateKey), pem);
    }

    /**
     * A PKCS12 or JKS key store (the type is detected) holding the server's key entry; the key's
     * password is the store's.
     *
     * @param keyStore the store file
     * @param password its password
     * @return the configuration
     */
    public static TlsConfig fromKeyStore(Path keyStore, char[] password) {
        Objects.requireNonNull(keyStore, "keyStore");
        char[] secret = Objects.requireNonNull(password, "password").clone();
        Source opened = () -> {
            try {
                KeyStore store = KeyStore.getInstance(keyStore.toFile(), secret);
                boolean hasKey = false;
                for (String alias : Collections.list(store.aliases())) {
                    hasKey |= store.isKeyEntry(alias);
                }
                if (!hasKey) {
                    throw new IOException(keyStore + ": the key store holds no private key entry");
                }
                return KeyMaterial.keyManagers(store, secret);
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new IOException(keyStore + ": cannot use the key store: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new IOException(keyStore + ": cannot open the key store (wrong password or not PKCS12/JKS?): "
                        + e.getMessage(), e);
            }
        };
        return new TlsConfig("key store " + keyStore, null, opened, List.of(keyStore), opened);
    }

    /**
     * A self-signed certificate kept in a directory: on the first start an EC P-256 key and a
     * certificate valid for two years, naming each host name and IP address as a subject
     * alternative name, are generated and written as {@value #SELF_SIGNED_CERTIFICATE} and
     * {@value #SELF_SIGNED_KEY} (mode 600); later starts reuse them, unless the certificate is
     * within 30 days of expiry or does not name every requested host, in which case a new pair
     * replaces it. Give clients {@link #certificatePath()} to trust ({@code curl --cacert}).
     *
     * @param storeDir        the directory (created when missing)
     * @param hostnamesOrIps  the names and addresses clients use to reach the server
     * @return the configuration
     * @throws IllegalArgumentException when no name is given or a name has spaces or control characters
     */
    public static TlsConfig selfSigned(Path storeDir, String... hostnamesOrIps) {
        Objects.requireNonNull(storeDir, "storeDir");
        requireBouncyCastle("TlsConfig.selfSigned");
        List<String> names = List.of(hostnamesOrIps);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("self-signed certificate in " + storeDir
                    + ": name at least one host name or IP address clients will use");
        }
        for (String n : names) {
            if (n.isBlank() || n.chars().anyMatch(c -> c <= ' ' || c == 0x7F)) {
                throw new IllegalArgumentException("self-signed certificate: host name '" + n + "' is empty or has spaces");
            }
        }
        Path certificate = storeDir.resolve(SELF_SIGNED_CERTIFICATE);
        Path key = storeDir.resolve(SELF_SIGNED_KEY);
        return new TlsConfig("self-signed " + certificate + " for " + names, certificate,
                () -> selfSignedMaterial(storeDir, certificate, key, names).keyManagers(), List.of(certificate, key),
                () -> pemPair(certificate, key).keyManagers());
    }

    /**
     * A TLS context made elsewhere, for setups the other factories do not cover (a hardware
     * token, client-certificate checks, restricted protocols).
     *
     * @param context the context
     * @return the configuration
     */
    public static TlsConfig of(SSLContext context) {
        Objects.requireNonNull(context, "context");
        return new TlsConfig("SSLContext " + context.getProtocol(), context);
    }

    /**
     * @return the PEM certificate clients can trust ({@code curl --cacert}), when this
     *         configuration has one as a file (PEM and self-signed; for self-signed it exists once
     *         the server has started)
     */
    public Optional<Path> certificatePath() {
        return Optional.ofNullable(certificate);
    }

    /**
     * Loads or generates the key material, as {@link HttpFileServer#start()} does, and makes a JDK
     * TLS context of it: a way to check a configuration before a server uses it.
     *
     * @return a TLS context presenting the server's certificate
     * @throws IOException naming the file and what is wrong with it
     */
    public SSLContext createSslContext() throws IOException {
        return context != null ? context : KeyMaterial.sslContext(source.keyManagers());
    }

    /** The protocols a server offers with key material loaded here: TLS 1.3 and 1.2, nothing older. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /**
     * The cipher suites a server offers with key material loaded here: AEAD only (AES-GCM and
     * ChaCha20-Poly1305), with forward secrecy in TLS 1.2; no CBC suite, whose padding has been
     * attacked again and again, and no static RSA key exchange.
     */
    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    static {
        // The JDK lets a TLS 1.2 client renegotiate unless told otherwise, and a renegotiation costs
        // the server a handshake: refuse them (TLS 1.3 has none). Only when the application has not
        // chosen for itself: it is a JVM-wide setting.
        if (System.getProperty("jdk.tls.rejectClientInitiatedRenegotiation") == null) {
            System.setProperty("jdk.tls.rejectClientInitiatedRenegotiation", "true");
        }
    }

    /**
     * The engine's TLS context, on the JDK's TLS implementation: {@link #PROTOCOLS} and
     * {@link #CIPHER_SUITES} for key material loaded here, or whatever a context given to
     * {@link #of(SSLContext)} enables. Clients may not renegotiate.
     */
    Serving serverContext() throws IOException {
        try {
            if (context != null) {
                return new Serving(new JdkSslContext(context, false, null, IdentityCipherSuiteFilter.INSTANCE, null,
                        ClientAuth.NONE, null, false), null);
            }
            ReloadingKeyManager keys = new ReloadingKeyManager(description, watched, new ReloadingKeyManager.Loader() {
                private boolean first = true;

                @Override
                public KeyManagerFactory load() throws IOException {
                    if (first) {
                        first = false;
                        return source.keyManagers();
                    }
                    return reload.keyManagers();
                }
            });
            SslContext ssl = SslContextBuilder.forServer(keys).sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOLS).ciphers(CIPHER_SUITES, io.netty.handler.ssl.SupportedCipherSuiteFilter.INSTANCE)
                    .build();
            return new Serving(ssl, keys);
        } catch (SSLException e) {
            throw new IOException(description + ": cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /**
     * What a running server holds: the engine's TLS context, and the key manager that reads the
     * files again when they change ({@code null} for a context made elsewhere).
     */
    record Serving(SslContext context, ReloadingKeyManager keys) {
    }

    private static KeyMaterial pemPair(Path certificateChain, Path privateKey) throws IOException {
        KeyMaterial material = new KeyMaterial(PemFiles.readPrivateKey(privateKey), PemFiles.readCertificates(certificateChain));
        material.checkKeyMatchesCertificate(certificateChain + " and " + privateKey);
        return material;
    }

    private static KeyMaterial selfSignedMaterial(Path dir, Path certificate, Path key, List<String> names) throws IOException {
        synchronized (TlsConfig.class) { // two servers in one JVM may share a directory
            Files.createDirectories(dir);
            if (Files.exists(certificate) && Files.exists(key)) {
                KeyMaterial stored = new KeyMaterial(PemFiles.readPrivateKey(key), PemFiles.readCertificates(certificate));
                stored.checkKeyMatchesCertificate(certificate + " and " + key);
                String why = SelfSignedCertificates.whyReplace(stored.leaf(), names, Instant.now());
                if (why == null) {
                    warnIfReadableByOthers(key);
                    LOG.info("HTTPS uses the self-signed certificate {} (valid until {})", certificate,
                            stored.leaf().getNotAfter().toInstant());
                    return stored;
                }
                LOG.warn("replacing the self-signed certificate {}: {}", certificate, why);
            }
            KeyMaterial fresh = SelfSignedCertificates.generate(names);
            PemFiles.writePrivateKey(key, fresh.key());
            PemFiles.writeCertificate(certificate, fresh.leaf());
            X509Certificate leaf = fresh.leaf();
            LOG.info("generated a self-signed certificate {} for {} (valid until {}); clients trust it with curl --cacert {}",
                    certificate, names, leaf.getNotAfter().toInstant(), certificate);
            return fresh;
        }
    }

    /**
     * Bouncy Castle is an optional dependency of ztp-http: an application that serves HTTPS from a
     * key store, or plain HTTP only, does without its 9 MiB. The factories that need it say so at
     * once, rather than fail with a NoClassDefFoundError at start.
     */
    private static void requireBouncyCastle(String what) {
        try {
            Class.forName("org.bouncycastle.openssl.PEMParser", false, TlsConfig.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException(what + " needs Bouncy Castle, an optional dependency of ztp-http: add"
                    + " org.bouncycastle:bcpkix-jdk18on to the application (on the module path, also --add-modules"
                    + " org.bouncycastle.pkix,org.bouncycastle.provider), or use TlsConfig.fromKeyStore");
        }
    }

    private static void warnIfReadableByOthers(Path key) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(key);
            if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                LOG.warn("the private key {} is readable by other users ({}); chmod 600 it",
                        key, PosixFilePermissions.toString(permissions));
            }
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: nothing to check
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
