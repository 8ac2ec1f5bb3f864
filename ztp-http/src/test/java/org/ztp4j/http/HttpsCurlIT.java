package org.ztp4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.testing.Eventually;
import org.ztp4j.core.RecordingListener;
import org.ztp4j.core.Protocol;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.files.DirectoryFileProvider;
import org.ztp4j.http.internal.KeyMaterial;
import org.ztp4j.http.internal.SelfSignedCertificates;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;

/** HTTPS with each kind of {@link TlsConfig}, checked by the real curl (and openssl to make keys). */
class HttpsCurlIT {

    private static final String CONTENT = "feature bash-shell\nhostname leaf1\n";

    @TempDir
    static Path tmp;

    private static Path root;
    private static Curl curl;

    @BeforeAll
    static void files() throws IOException {
        curl = new Curl();
        root = Files.createDirectories(tmp.resolve("root"));
        Files.writeString(root.resolve("conf.FDO1234.cfg"), CONTENT);
    }

    private static HttpFileServer https(TlsConfig tls, RecordingListener events) {
        return HttpFileServer.builder()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .fileProvider(new DirectoryFileProvider(root))
                .listener(events)
                .https(tls)
                .build();
    }

    private static Path openssl(Path dir, String... args) throws Exception {
        Path openssl = ExternalTool.require("openssl", "openssl");
        List<String> command = new java.util.ArrayList<>(List.of(openssl.toString()));
        command.addAll(List.of(args));
        Processes.run(dir, command.toArray(String[]::new));
        return dir;
    }

    @Test
    void generatesASelfSignedCertificateThatCurlTrustsWithCacertOnly() throws Exception {
        Path store = tmp.resolve("self-signed");
        TlsConfig tls = TlsConfig.selfSigned(store, "127.0.0.1", "localhost");
        Path cert = tls.certificatePath().orElseThrow();
        assertThat(cert).isEqualTo(store.resolve("ztp4j-cert.pem"));
        RecordingListener events = new RecordingListener();
        try (HttpFileServer server = https(tls, events)) {
            int port = server.start().port();
            assertThat(server.baseUri().toString()).isEqualTo("https://127.0.0.1:" + port + "/");
            String url = "https://127.0.0.1:" + port + "/conf.FDO1234.cfg";

            Processes.Result trusted = curl.run("--cacert", cert.toString(), url);
            assertThat(trusted.exitCode()).as(trusted.stderr()).isZero();
            assertThat(trusted.stdout()).isEqualTo(CONTENT);

            Processes.Result byName = curl.run("--cacert", cert.toString(), "--resolve", "localhost:" + port + ":127.0.0.1",
                    "https://localhost:" + port + "/conf.FDO1234.cfg");
            assertThat(byName.stdout()).as(byName.stderr()).isEqualTo(CONTENT);

            Processes.Result untrusted = curl.run(url);
            assertThat(untrusted.exitCode()).as("SSL certificate problem").isEqualTo(60);
            assertThat(untrusted.stdout()).isEmpty();

            ProvisioningEvent.FileServed served = events.await(ProvisioningEvent.FileServed.class, Eventually.WAIT,
                    e -> e.path().equals("conf.FDO1234.cfg")).orElseThrow();
            assertThat(served.protocol()).isEqualTo(Protocol.HTTPS);
            assertThat(served.bytes()).isEqualTo(CONTENT.length());
            // Over TLS the bytes pass through the JVM: hashed as they are sent.
            assertThat(served.sha256()).isEqualTo(java.util.HexFormat.of().formatHex(java.security.MessageDigest
                    .getInstance("SHA-256").digest(CONTENT.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        }
        assertThat(Files.getPosixFilePermissions(store.resolve("ztp4j-key.pem")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(store.resolve("ztp4j-key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void reusesTheStoredSelfSignedCertificateOnTheNextStartAndReplacesItForNewNames() throws Exception {
        Path store = tmp.resolve("reused");
        try (HttpFileServer first = https(TlsConfig.selfSigned(store, "127.0.0.1"), new RecordingListener())) {
            first.start();
        }
        byte[] firstCert = Files.readAllBytes(store.resolve("ztp4j-cert.pem"));
        byte[] firstKey = Files.readAllBytes(store.resolve("ztp4j-key.pem"));
        try (HttpFileServer second = https(TlsConfig.selfSigned(store, "127.0.0.1"), new RecordingListener())) {
            int port = second.start().port();
            assertThat(Files.readAllBytes(store.resolve("ztp4j-cert.pem"))).isEqualTo(firstCert);
            assertThat(Files.readAllBytes(store.resolve("ztp4j-key.pem"))).isEqualTo(firstKey);
            Processes.Result r = curl.run("--cacert", store.resolve("ztp4j-cert.pem").toString(), "https://127.0.0.1:" + port + "/conf.FDO1234.cfg");
            assertThat(r.stdout()).as(r.stderr()).isEqualTo(CONTENT);
        }
        try (HttpFileServer third = https(TlsConfig.selfSigned(store, "127.0.0.1", "ztp.example.net"), new RecordingListener())) {
            third.start();
            assertThat(Files.readAllBytes(store.resolve("ztp4j-cert.pem"))).isNotEqualTo(firstCert);
        }
    }

    @Test
    void servesWithAnOpensslGeneratedEcPemPair() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("openssl-ec"));
        openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "key.pem", "-out", "cert.pem", "-days", "2", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost");
        assertServes(TlsConfig.fromPem(dir.resolve("cert.pem"), dir.resolve("key.pem")), dir.resolve("cert.pem"));
    }

    @Test
    void servesWithAnRsaPkcs1KeyAndAnEcKeyWithParameters() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("openssl-legacy"));
        openssl(dir, "genrsa", "-traditional", "-out", "rsa.pem", "2048");
        assertThat(Files.readString(dir.resolve("rsa.pem"))).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        openssl(dir, "req", "-x509", "-key", "rsa.pem", "-out", "rsa-cert.pem", "-days", "2", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1");
        assertServes(TlsConfig.fromPem(dir.resolve("rsa-cert.pem"), dir.resolve("rsa.pem")), dir.resolve("rsa-cert.pem"));

        openssl(dir, "ecparam", "-name", "prime256v1", "-genkey", "-out", "ec.pem");
        assertThat(Files.readString(dir.resolve("ec.pem"))).startsWith("-----BEGIN EC PARAMETERS-----");
        openssl(dir, "req", "-x509", "-key", "ec.pem", "-out", "ec-cert.pem", "-days", "2", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1");
        assertServes(TlsConfig.fromPem(dir.resolve("ec-cert.pem"), dir.resolve("ec.pem")), dir.resolve("ec-cert.pem"));
    }

    @Test
    void servesFromAPkcs12KeyStore() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("pkcs12"));
        openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "key.pem", "-out", "cert.pem", "-days", "2", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1");
        openssl(dir, "pkcs12", "-export", "-in", "cert.pem", "-inkey", "key.pem", "-out", "server.p12", "-passout", "pass:changeit");
        assertServes(TlsConfig.fromKeyStore(dir.resolve("server.p12"), "changeit".toCharArray()), dir.resolve("cert.pem"));

        assertThatThrownBy(() -> TlsConfig.fromKeyStore(dir.resolve("server.p12"), "wrong".toCharArray()).createSslContext())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("server.p12");
    }

    @Test
    void servesFromAJksKeyStore() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("jks"));
        KeyMaterial material = SelfSignedCertificates.generate(List.of("127.0.0.1"));
        KeyStore jks = KeyStore.getInstance("JKS");
        jks.load(null, null);
        jks.setKeyEntry("ztp", material.key(), "secret".toCharArray(), material.chain().toArray(new Certificate[0]));
        try (OutputStream out = Files.newOutputStream(dir.resolve("server.jks"))) {
            jks.store(out, "secret".toCharArray());
        }
        Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(material.leaf().getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        assertServes(TlsConfig.fromKeyStore(dir.resolve("server.jks"), "secret".toCharArray()), dir.resolve("cert.pem"));
    }

    @Test
    void refusesToStartWithAKeyThatDoesNotBelongToTheCertificate() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("mismatch"));
        openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "key.pem", "-out", "cert.pem", "-days", "2", "-subj", "/CN=a");
        openssl(dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "other.pem");
        try (HttpFileServer server = https(TlsConfig.fromPem(dir.resolve("cert.pem"), dir.resolve("other.pem")), new RecordingListener())) {
            assertThatThrownBy(server::start).isInstanceOf(IOException.class).hasMessageContaining("does not belong");
        }
        openssl(dir, "pkey", "-in", "key.pem", "-aes256", "-passout", "pass:x", "-out", "encrypted.pem");
        assertThatThrownBy(() -> TlsConfig.fromPem(dir.resolve("cert.pem"), dir.resolve("encrypted.pem")).createSslContext())
                .isInstanceOf(IOException.class).hasMessageContaining("encrypted");
        assertThatThrownBy(() -> TlsConfig.fromPem(dir.resolve("key.pem"), dir.resolve("key.pem")).createSslContext())
                .isInstanceOf(IOException.class).hasMessageContaining("no '-----BEGIN CERTIFICATE-----' block");
    }

    private static void assertServes(TlsConfig tls, Path trust) throws Exception {
        try (HttpFileServer server = https(tls, new RecordingListener())) {
            int port = server.start().port();
            Processes.Result r = curl.run("--cacert", trust.toString(), "https://127.0.0.1:" + port + "/conf.FDO1234.cfg");
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(r.stdout()).isEqualTo(CONTENT);
        }
    }
}
