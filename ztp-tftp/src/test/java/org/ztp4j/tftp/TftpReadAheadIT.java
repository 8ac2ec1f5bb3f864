package org.ztp4j.tftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ztp4j.core.files.DirectoryFileProvider;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;

/**
 * Read-ahead never changes what a client gets: real clients fetch an image at once, in lockstep and
 * in windows, from a server with the default budget, with room for a single buffer (the other
 * transfers read each block as they send it) and with read-ahead off.
 */
class TftpReadAheadIT {

    @TempDir
    Path root;
    @TempDir
    Path downloads;

    @ParameterizedTest(name = "readAheadMemory {0}")
    @ValueSource(ints = {32 << 20, 64 << 10, 0})
    void concurrentClientsGetTheImageByteForByteWhateverTheBudget(int budget) throws Exception {
        TestFiles.random(root, "image.bin", 3_000_001, 21);
        String atftp = ExternalTool.require("atftp", "atftp").toString();
        String curl = ExternalTool.require("curl", "curl").toString();
        String[][] clients = {
            {"atftp", "65464", "1"}, {"atftp", "65464", "4"}, {"atftp", "8192", "1"}, {"atftp", "8192", "8"},
            {"atftp", "1468", "4"}, {"atftp", "512", "16"}, {"curl", "65464", "1"}, {"curl", "1468", "1"},
            {"curl", "512", "1"}, {"curl", "8192", "1"},
        };
        try (TftpServer server = TftpServer.builder()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .fileProvider(new DirectoryFileProvider(root))
                .maxSessionsPerClient(32)
                .readAheadMemory(budget)
                .build()
                .start()) {
            String port = Integer.toString(server.port());
            ExecutorService pool = Executors.newFixedThreadPool(clients.length);
            try {
                List<Future<Processes.Result>> runs = new ArrayList<>();
                for (int i = 0; i < clients.length; i++) {
                    String[] c = clients[i];
                    Path dest = downloads.resolve(i + "-" + String.join("-", c));
                    String[] command = c[0].equals("curl")
                            ? new String[] {curl, "-s", "-S", "-o", dest.toString(), "--tftp-blksize", c[1],
                                "tftp://127.0.0.1:" + port + "/image.bin"}
                            : new String[] {atftp, "--get", "-r", "image.bin", "-l", dest.toString(), "--option", "blksize " + c[1],
                                "--option", "windowsize " + c[2], "127.0.0.1", port};
                    runs.add(pool.submit(() -> Processes.runAllowingFailure(downloads, 120, command)));
                }
                for (int i = 0; i < clients.length; i++) {
                    Processes.Result r = runs.get(i).get();
                    String what = String.join(" ", clients[i]);
                    assertThat(r.exitCode()).as("%s: %s", what, r.output()).isZero();
                    Path dest = downloads.resolve(i + "-" + String.join("-", clients[i]));
                    assertThat(Files.mismatch(dest, root.resolve("image.bin"))).as("first differing byte for %s", what)
                            .isEqualTo(-1);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
