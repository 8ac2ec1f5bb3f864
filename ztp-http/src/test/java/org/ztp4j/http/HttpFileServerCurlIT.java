package org.ztp4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ztp4j.testing.Eventually;
import org.ztp4j.core.RecordingListener;
import org.ztp4j.core.Protocol;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.files.DirectoryFileProvider;
import org.ztp4j.core.http.EndpointResponse;
import org.ztp4j.testing.Processes;

/** The HTTP file server against the real curl, on 127.0.0.1 and a free port. */
class HttpFileServerCurlIT {

    private static final int MIB = 1024 * 1024;
    private static final String SECRET = "TOP-SECRET-OUTSIDE-THE-ROOT";

    @TempDir
    static Path tmp;

    private static Path root;
    private static HttpFileServer server;
    private static String base;
    private static Curl curl;
    private static final RecordingListener EVENTS = new RecordingListener();
    private static byte[] oneMib;

    @BeforeAll
    static void start() throws IOException {
        curl = new Curl();
        root = Files.createDirectories(tmp.resolve("root"));
        Files.writeString(tmp.resolve("secret.txt"), SECRET);
        Files.write(root.resolve("empty.bin"), new byte[0]);
        oneMib = random(MIB, 1);
        Files.write(root.resolve("one-mib.bin"), oneMib);
        Files.write(root.resolve("forty-mib.bin"), random(40 * MIB, 2));
        Files.writeString(root.resolve("poap.py"), "#!/bin/env python\n#md5sum=\"x\"\nprint('poap')\n");
        Files.writeString(root.resolve("apix.txt"), "a file, not the api");
        Files.createDirectories(root.resolve("api"));
        Files.writeString(root.resolve("api/devices"), "the file under api/");
        Files.createDirectories(root.resolve("sub/dir"));
        Files.writeString(root.resolve("sub/dir/x.cfg"), "hostname x\n");

        server = HttpFileServer.builder()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .fileProvider(new DirectoryFileProvider(root))
                .listener(EVENTS)
                .threads(4)
                .endpoint("/api/", request -> reply(200, "api " + request.method() + " " + request.rawPath()))
                .endpoint("/", request -> reply(200, "index page"))
                .endpoint("/boom", request -> {
                    throw new IllegalStateException("handler bug");
                })
                .build();
        InetSocketAddress bound = server.start().localAddress();
        assertThat(bound.getPort()).isPositive();
        base = "http://127.0.0.1:" + bound.getPort();
        assertThat(server.baseUri().toString()).isEqualTo(base + "/");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static EndpointResponse reply(int status, String body) {
        return EndpointResponse.of(status, "text/plain", body.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    @ParameterizedTest
    @ValueSource(strings = {"empty.bin", "one-mib.bin", "forty-mib.bin"})
    void servesFilesByteForByte(String name) throws Exception {
        Path out = tmp.resolve("got-" + name);
        Processes.Result r = curl.run("-o", out.toString(), "-w", "%{http_code} %{size_download}", base + "/" + name);
        long size = Files.size(root.resolve(name));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).isEqualTo("200 " + size);
        assertThat(Files.mismatch(out, root.resolve(name))).isEqualTo(-1L);
    }

    @Test
    void servesHttp10ClientsToo() throws Exception {
        Path out = tmp.resolve("http10.bin");
        // The server answers with an HTTP/1.1 status line, which RFC 9110 allows for a 1.0 request.
        Processes.Result r = curl.run("-0", "-o", out.toString(), "-w", "%{http_code}", base + "/one-mib.bin");
        assertThat(r.stdout()).isEqualTo("200");
        assertThat(Files.readAllBytes(out)).isEqualTo(oneMib);
    }

    @Test
    void servesAFirstToLastRange() throws Exception {
        Path out = tmp.resolve("range-100-199");
        Path headers = tmp.resolve("range-100-199.headers");
        Processes.Result r = curl.run("-r", "100-199", "-D", headers.toString(), "-o", out.toString(), "-w", "%{http_code}", base + "/one-mib.bin");
        assertThat(r.stdout()).isEqualTo("206");
        assertThat(Files.readAllBytes(out)).isEqualTo(Arrays.copyOfRange(oneMib, 100, 200));
        assertThat(Files.readString(headers)).containsIgnoringCase("Content-Range: bytes 100-199/1048576")
                .containsIgnoringCase("Content-Length: 100");
    }

    @Test
    void servesASuffixRange() throws Exception {
        Path out = tmp.resolve("range-suffix");
        Processes.Result r = curl.run("-r", "-500", "-o", out.toString(), "-w", "%{http_code}", base + "/one-mib.bin");
        assertThat(r.stdout()).isEqualTo("206");
        assertThat(Files.readAllBytes(out)).isEqualTo(Arrays.copyOfRange(oneMib, MIB - 500, MIB));
    }

    @Test
    void servesAnOpenEndedRange() throws Exception {
        Path out = tmp.resolve("range-open");
        Processes.Result r = curl.run("-r", "5000-", "-o", out.toString(), "-w", "%{http_code}", base + "/one-mib.bin");
        assertThat(r.stdout()).isEqualTo("206");
        assertThat(Files.readAllBytes(out)).isEqualTo(Arrays.copyOfRange(oneMib, 5000, MIB));
    }

    @Test
    void answers416WithTheSizeForARangeBeyondTheEnd() throws Exception {
        Path headers = tmp.resolve("range-416.headers");
        Processes.Result r = curl.run("-r", "2000000-", "-D", headers.toString(), "-o", "/dev/null", "-w", "%{http_code}", base + "/one-mib.bin");
        assertThat(r.stdout()).isEqualTo("416");
        assertThat(Files.readString(headers)).containsIgnoringCase("Content-Range: bytes */1048576");
    }

    @Test
    void servesTheWholeFileWith200ForSeveralRanges() throws Exception {
        Path out = tmp.resolve("range-multi");
        Processes.Result r = curl.run("-r", "0-9,20-29", "-o", out.toString(), "-w", "%{http_code}", base + "/one-mib.bin");
        assertThat(r.stdout()).isEqualTo("200");
        assertThat(Files.mismatch(out, root.resolve("one-mib.bin"))).isEqualTo(-1L);
    }

    @Test
    void headReportsLengthTypeValidatorsAndRangeSupportWithoutABody() throws Exception {
        Processes.Result r = curl.run("-I", base + "/one-mib.bin");
        assertThat(r.stdout()).startsWith("HTTP/1.1 200")
                .containsIgnoringCase("Content-Length: 1048576\r\n")
                .containsIgnoringCase("Content-Type: application/octet-stream\r\n")
                .containsIgnoringCase("Accept-Ranges: bytes\r\n")
                .containsIgnoringCase("Last-Modified: ")
                .containsPattern("(?i)ETag: \"[0-9a-z]+\"\r\n")
                .endsWith("\r\n\r\n");
        assertThat(curl.run("-I", base + "/poap.py").stdout()).containsIgnoringCase("Content-Type: text/x-python\r\n");
        assertThat(curl.run("-I", base + "/sub/dir/x.cfg").stdout()).containsIgnoringCase("Content-Type: text/plain\r\n");
        assertThat(curl.run("-I", base + "/empty.bin").stdout()).containsIgnoringCase("Content-Length: 0\r\n");
    }

    @Test
    void resumesAnInterruptedDownloadWithContinueAt() throws Exception {
        Path out = tmp.resolve("resumed.bin");
        Path whole = root.resolve("forty-mib.bin");
        // Cut the first download short: 4 MB/s for at most 2 s of a 40 MiB file.
        Processes.Result cut = curl.run("--limit-rate", "4M", "--max-time", "2", "-o", out.toString(), base + "/forty-mib.bin");
        assertThat(cut.exitCode()).as("curl stopped by --max-time").isEqualTo(28);
        long partial = Files.size(out);
        assertThat(partial).isLessThan(Files.size(whole));

        Processes.Result resumed = curl.run("-C", "-", "-o", out.toString(), "-w", "%{http_code}", base + "/forty-mib.bin");
        assertThat(resumed.exitCode()).as(resumed.stderr()).isZero();
        // curl asks for "bytes=<partial>-"; only on a machine too busy to deliver any byte in 2 s is there nothing to resume.
        assertThat(resumed.stdout()).isEqualTo(partial > 0 ? "206" : "200");
        assertThat(Files.mismatch(out, whole)).isEqualTo(-1L);
    }

    @Test
    void answers304ForTheCurrentETagOrAnUnchangedDate() throws Exception {
        String head = curl.run("-I", base + "/poap.py").stdout();
        String etag = header(head, "ETag");
        String lastModified = header(head, "Last-Modified");
        assertThat(curl.run("-H", "If-None-Match: " + etag, "-o", "/dev/null", "-w", "%{http_code}", base + "/poap.py").stdout())
                .isEqualTo("304");
        assertThat(curl.run("-H", "If-None-Match: \"something-else\"", "-o", "/dev/null", "-w", "%{http_code}", base + "/poap.py").stdout())
                .isEqualTo("200");
        assertThat(curl.run("-H", "If-Modified-Since: " + lastModified, "-o", "/dev/null", "-w", "%{http_code}", base + "/poap.py").stdout())
                .isEqualTo("304");
        // If-Range with a stale tag: the range is ignored and the whole file comes back.
        assertThat(curl.run("-r", "0-9", "-H", "If-Range: \"stale\"", "-o", "/dev/null", "-w", "%{http_code}", base + "/poap.py").stdout())
                .isEqualTo("200");
        assertThat(curl.run("-r", "0-9", "-H", "If-Range: " + etag, "-o", "/dev/null", "-w", "%{http_code}", base + "/poap.py").stdout())
                .isEqualTo("206");
    }

    private static String header(String headers, String name) {
        for (String line : headers.split("\r\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).strip();
            }
        }
        throw new AssertionError("no " + name + " in " + headers);
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "OPTIONS"})
    void refusesMethodsOtherThanGetAndHeadWith405(String method) throws Exception {
        Processes.Result r = curl.run("-X", method, "-d", "x", "-D", "-", "-o", "/dev/null", base + "/poap.py");
        assertThat(r.stdout()).startsWith("HTTP/1.1 405").containsIgnoringCase("Allow: GET, HEAD\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../secret.txt", "/../etc/passwd", "/%2e%2e/secret.txt", "/%2e%2e%2fsecret.txt",
            "/..%5csecret.txt", "/poap.py%00", "/sub/../../secret.txt", "/sub/%2E%2E/%2E%2E/secret.txt",
            "/%252e%252e/secret.txt", "//etc/passwd", "/.%2e/secret.txt"})
    void neverServesAnythingOutsideTheRoot(String path) throws Exception {
        Processes.Result r = curl.run("--path-as-is", "-o", "-", "-w", "\n%{http_code}", base + path);
        String status = r.stdout().substring(r.stdout().lastIndexOf('\n') + 1);
        assertThat(status).isIn("400", "404");
        assertThat(r.stdout()).doesNotContain(SECRET).doesNotContain("root:");
    }

    @Test
    void answersBadRequestForEncodedSlashesAndMalformedEscapes() throws Exception {
        assertThat(curl.run("--path-as-is", "-o", "/dev/null", "-w", "%{http_code}", base + "/sub%2fdir%2fx.cfg").stdout()).isEqualTo("400");
        assertThat(curl.run("--path-as-is", "-o", "/dev/null", "-w", "%{http_code}", base + "/poap%zz.py").stdout()).isEqualTo("400");
        assertThat(curl.run("--path-as-is", "-o", "/dev/null", "-w", "%{http_code}", base + "/%C3.py").stdout()).isEqualTo("400");
    }

    @Test
    void doesNotListDirectories() throws Exception {
        assertThat(curl.run("-o", "/dev/null", "-w", "%{http_code}", base + "/sub").stdout()).isEqualTo("404");
        assertThat(curl.run("-o", "/dev/null", "-w", "%{http_code}", base + "/sub/dir/").stdout()).isEqualTo("404");
        assertThat(curl.run("-o", "/dev/null", "-w", "%{http_code}", base + "/missing.bin").stdout()).isEqualTo("404");
    }

    @Test
    void ignoresTheQueryStringWhenLookingUpAFile() throws Exception {
        Processes.Result r = curl.run(base + "/poap.py?serial=FDO1234&x=%2e%2e");
        assertThat(r.stdout()).contains("print('poap')");
    }

    @Test
    void registeredPrefixesWinOverFilesAndEverythingElseIsAFile() throws Exception {
        assertThat(curl.run(base + "/api/devices").stdout()).isEqualTo("api GET /api/devices");
        assertThat(curl.run(base + "/api").stdout()).isEqualTo("api GET /api");
        assertThat(curl.run("-X", "POST", "-d", "{\"ok\":true}", base + "/api/report").stdout()).isEqualTo("api POST /api/report");
        assertThat(curl.run(base + "/apix.txt").stdout()).isEqualTo("a file, not the api");
        assertThat(curl.run(base + "/").stdout()).isEqualTo("index page");
    }

    @Test
    void aFailingHandlerGets500AndTheServerKeepsServing() throws Exception {
        assertThat(curl.run("-o", "/dev/null", "-w", "%{http_code}", base + "/boom").stdout()).isEqualTo("500");
        assertThat(curl.run("-o", "/dev/null", "-w", "%{http_code}", base + "/poap.py").stdout()).isEqualTo("200");
    }

    @Test
    void reportsRequestedServedProgressAndFailedTransfers() throws Exception {
        curl.run("-o", "/dev/null", base + "/one-mib.bin?events");
        ProvisioningEvent.FileServed served = EVENTS.await(ProvisioningEvent.FileServed.class, Eventually.WAIT,
                e -> e.path().equals("one-mib.bin") && e.bytes() == MIB).orElseThrow();
        assertThat(served.protocol()).isEqualTo(Protocol.HTTP);
        assertThat(served.client().getAddress().isLoopbackAddress()).isTrue();
        assertThat(EVENTS.of(ProvisioningEvent.FileRequested.class)).anyMatch(e -> e.path().equals("one-mib.bin"));

        curl.run("-o", "/dev/null", base + "/forty-mib.bin?progress");
        EVENTS.await(ProvisioningEvent.FileServed.class, Eventually.WAIT, e -> e.path().equals("forty-mib.bin") && e.bytes() == 40L * MIB).orElseThrow();
        assertThat(EVENTS.of(ProvisioningEvent.TransferProgress.class))
                .filteredOn(e -> e.path().equals("forty-mib.bin") && e.totalBytes() == 40L * MIB)
                .extracting(ProvisioningEvent.TransferProgress::bytesSent)
                .contains(8L * MIB, 16L * MIB, 24L * MIB, 32L * MIB);

        curl.run("-o", "/dev/null", base + "/no-such-file.cfg");
        ProvisioningEvent.TransferFailed failed = EVENTS.await(ProvisioningEvent.TransferFailed.class, Eventually.WAIT,
                e -> e.path().equals("no-such-file.cfg")).orElseThrow();
        assertThat(failed.reason()).isEqualTo("file not found");
    }

    @Test
    void recordsTheSha256OfWholeFilesSentByTheKernelAndNoneForAPartOfOne() throws Exception {
        curl.run("-o", "/dev/null", base + "/forty-mib.bin?digest");
        curl.run("-o", "/dev/null", base + "/empty.bin?digest");
        curl.run("-r", "0-99", "-o", "/dev/null", base + "/one-mib.bin?digest");
        String forty = sha256(Files.readAllBytes(root.resolve("forty-mib.bin")));

        assertThat(EVENTS.await(ProvisioningEvent.FileServed.class, Eventually.WAIT,
                e -> e.path().equals("forty-mib.bin") && e.sha256() != null).orElseThrow().sha256()).isEqualTo(forty);
        assertThat(EVENTS.await(ProvisioningEvent.FileServed.class, Eventually.WAIT,
                e -> e.path().equals("empty.bin")).orElseThrow().sha256()).isEqualTo(sha256(new byte[0]));
        EVENTS.await(ProvisioningEvent.FileServed.class, Eventually.WAIT, e -> e.path().equals("one-mib.bin") && e.bytes() == 100)
                .orElseThrow();
        assertThat(EVENTS.of(ProvisioningEvent.FileServed.class)).filteredOn(e -> e.path().equals("one-mib.bin"))
                .allSatisfy(e -> assertThat(e.sha256()).isEqualTo(e.bytes() == MIB ? sha256(oneMib) : null));
    }

    @Test
    void aFileWrittenOverInPlaceWhileTheKernelSendsItEndsTheTransferNeverAMixedFile() throws Exception {
        Path changing = root.resolve("changing.bin");
        // Larger than what the socket buffers on loopback hold, and read slowly: still being sent when it changes.
        Files.write(changing, random(32 * MIB, 3));
        Process slow = new ProcessBuilder("curl", "-sS", "--limit-rate", "16M", "-o", "/dev/null", base + "/changing.bin").start();
        EVENTS.await(ProvisioningEvent.FileRequested.class, Eventually.WAIT, e -> e.path().equals("changing.bin")).orElseThrow();
        Thread.sleep(300);
        // Same size; the modification time says it was written over in place.
        Files.setLastModifiedTime(changing, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertThat(slow.waitFor()).as("curl's exit code: the transfer ended short").isNotZero();

        ProvisioningEvent.TransferFailed failed = EVENTS.await(ProvisioningEvent.TransferFailed.class, Eventually.WAIT,
                e -> e.path().equals("changing.bin")).orElseThrow();
        assertThat(failed.reason()).contains("the file changed while being sent");
        assertThat(EVENTS.of(ProvisioningEvent.FileServed.class)).noneMatch(e -> e.path().equals("changing.bin"));
    }

    @Test
    void aFileReplacedByRenameWhileTheKernelSendsItGoesOutWholeAsItWasWithNoDigest() throws Exception {
        Path replaced = root.resolve("replaced.bin");
        byte[] old = random(32 * MIB, 4);
        Files.write(replaced, old);
        Path got = root.getParent().resolve("replaced.got");
        Process slow = new ProcessBuilder("curl", "-sS", "--limit-rate", "16M", "-o", got.toString(), base + "/replaced.bin").start();
        EVENTS.await(ProvisioningEvent.FileRequested.class, Eventually.WAIT, e -> e.path().equals("replaced.bin")).orElseThrow();
        Thread.sleep(300);
        Path next = root.resolve("replaced.bin.tmp");
        Files.write(next, random(32 * MIB, 5));
        Files.move(next, replaced, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(slow.waitFor()).as(new String(slow.getErrorStream().readAllBytes())).isZero();

        assertThat(sha256(Files.readAllBytes(got))).as("the file as it was when the transfer began").isEqualTo(sha256(old));
        ProvisioningEvent.FileServed served = EVENTS.await(ProvisioningEvent.FileServed.class, Eventually.WAIT,
                e -> e.path().equals("replaced.bin")).orElseThrow();
        assertThat(served.bytes()).isEqualTo(32L * MIB);
        assertThat(served.sha256()).as("the path names another version now").isNull();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
