package org.ztp4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.FileProvider;
import org.ztp4j.testing.Eventually;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;

/**
 * A renewed certificate is taken by a running server, asked with the real {@code openssl s_client}:
 * the serial it presents changes once new files are renamed into place, and stays when the new
 * files do not make a usable pair (a key of another certificate, a half-written certificate).
 */
class TlsReloadIT {

    private static final FileProvider NOTHING = request -> Optional.empty();

    @TempDir
    Path dir;

    @Test
    void aRenewedPemPairIsUsedByNewHandshakesAndABrokenOneKeepsTheOld() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        String first = newPair("first");
        install("first", cert, key);
        try (HttpFileServer server = HttpFileServer.builder().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .fileProvider(NOTHING).https(TlsConfig.fromPem(cert, key)).build()) {
            int port = server.start().port();
            assertThat(servedSerial(port)).isEqualTo(first);

            String second = newPair("second");
            install("second", cert, key);
            assertThat(Eventually.eventually(() -> second.equals(servedSerial(port)))).as("the renewed certificate is served").isTrue();

            // A key that belongs to no certificate here: the pair does not match, the second stays.
            String third = newPair("third");
            move(dir.resolve("third-key.pem"), key);
            settle();
            assertThat(servedSerial(port)).as("after a mismatched pair").isEqualTo(second);

            // The matching certificate, but half written: still the second.
            String pem = Files.readString(dir.resolve("third-cert.pem"));
            Files.writeString(cert, pem.substring(0, pem.length() / 2));
            settle();
            assertThat(servedSerial(port)).as("after a half-written certificate").isEqualTo(second);

            // Written whole: the third pair is complete now.
            Files.writeString(cert, pem);
            assertThat(Eventually.eventually(() -> third.equals(servedSerial(port)))).as("the completed pair is served").isTrue();
        }
    }

    @Test
    void aRenewedPkcs12KeyStoreIsUsedWithoutARestart() throws Exception {
        Path store = dir.resolve("server.p12");
        String first = newPair("first");
        keyStore("first", store);
        try (HttpFileServer server = HttpFileServer.builder().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .fileProvider(NOTHING).https(TlsConfig.fromKeyStore(store, "changeit".toCharArray())).build()) {
            int port = server.start().port();
            assertThat(servedSerial(port)).isEqualTo(first);
            String second = newPair("second");
            keyStore("second", dir.resolve("next.p12"));
            move(dir.resolve("next.p12"), store);
            assertThat(Eventually.eventually(() -> second.equals(servedSerial(port)))).as("the renewed key store is served").isTrue();
        }
    }

    /** Makes {@code <name>-cert.pem} and {@code <name>-key.pem}; returns the certificate's serial as openssl prints it. */
    private String newPair(String name) throws Exception {
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", name + "-key.pem",
                "-out", name + "-cert.pem", "-days", "2", "-subj", "/CN=" + name, "-addext", "subjectAltName=IP:127.0.0.1");
        return serialOf(dir.resolve(name + "-cert.pem"));
    }

    /** Renames a pair into place, key first, as a renewal script would. */
    private void install(String name, Path cert, Path key) throws Exception {
        Files.copy(dir.resolve(name + "-key.pem"), dir.resolve("next-key.pem"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(dir.resolve(name + "-cert.pem"), dir.resolve("next-cert.pem"), StandardCopyOption.REPLACE_EXISTING);
        move(dir.resolve("next-key.pem"), key);
        move(dir.resolve("next-cert.pem"), cert);
    }

    private void keyStore(String name, Path store) throws Exception {
        openssl("pkcs12", "-export", "-in", name + "-cert.pem", "-inkey", name + "-key.pem", "-out", store.toString(),
                "-passout", "pass:changeit");
    }

    private static void move(Path from, Path to) throws Exception {
        Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Waits for the server to have looked at the files several times. */
    private static void settle() throws InterruptedException {
        Thread.sleep(4 * TlsConfig.RELOAD_CHECK_SECONDS * 1000L);
    }

    private String serialOf(Path cert) throws Exception {
        return openssl("x509", "-noout", "-serial", "-in", cert.toString()).trim();
    }

    private String servedSerial(int port) {
        Path openssl = ExternalTool.require("openssl", "openssl");
        String command = openssl + " s_client -connect 127.0.0.1:" + port + " </dev/null 2>/dev/null | " + openssl + " x509 -noout -serial";
        return Processes.runAllowingFailure(dir, 30, "bash", "-c", command).stdout().trim();
    }

    private String openssl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ExternalTool.require("openssl", "openssl").toString()));
        command.addAll(List.of(args));
        return Processes.run(dir, command.toArray(String[]::new)).stdout();
    }
}
