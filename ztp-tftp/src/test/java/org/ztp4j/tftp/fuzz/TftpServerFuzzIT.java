package org.ztp4j.tftp.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.files.InMemoryFileProvider;
import org.ztp4j.core.fuzz.Fuzzer;
import org.ztp4j.core.fuzz.Mutator;
import org.ztp4j.tftp.TftpServer;
import org.ztp4j.tftp.bench.BenchTftpClient;

/**
 * Sprays a running server with mutated datagrams, on its request port and on the port of a
 * transfer in progress, then checks that nothing in it failed unexpectedly (the selector loop logs
 * such failures at ERROR), that abandoned transfers expire, and that a normal download still works.
 */
class TftpServerFuzzIT {

    private static final int DATAGRAMS = 20_000;
    private static final int SOCKETS = 16;

    private final byte[] image = new byte[300_000];
    private TftpServer server;
    private InetSocketAddress address;
    private PrintStream err;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        new SplittableRandom(7).nextBytes(image);
        err = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        server = TftpServer.builder()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .fileProvider(new InMemoryFileProvider().put("poap.py", "print(1)\n".getBytes(StandardCharsets.US_ASCII))
                        .put("images/nxos.bin", image)
                        .put("conf.SAL1", "hostname leaf1\n".getBytes(StandardCharsets.US_ASCII)))
                .timeout(Duration.ofMillis(200))
                .retries(2)
                .build()
                .start();
        address = server.localAddress();
    }

    @AfterEach
    void stop() {
        server.close();
        System.setErr(err);
    }

    @Test
    void malformedDatagramsNeitherBreakTheServerNorLeakTransfers() throws Exception {
        Fuzzer corpus = Fuzzer.target("tftp-datagram");
        List<byte[]> seeds = corpus.corpusFiles().stream().map(f -> {
            try {
                return java.nio.file.Files.readAllBytes(f);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
        Mutator mutator = new Mutator(seeds, List.of(TftpRequestFuzzTest.TFTP_TOKENS), 1500);
        List<DatagramSocket> sprays = new java.util.ArrayList<>();
        try (BenchTftpClient client = new BenchTftpClient(2000, 5)) {
            for (int k = 0; k < SOCKETS; k++) {
                sprays.add(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
            }
            InetSocketAddress transfer = openTransfer(sprays.get(0));
            for (int i = 0; i < DATAGRAMS; i++) {
                byte[] d = mutator.next(new SplittableRandom(0x7F7FL * 31 + i));
                // every fourth datagram goes to the open transfer, from its client's port
                DatagramSocket from = i % 4 == 3 ? sprays.get(0) : sprays.get(i % SOCKETS);
                from.send(new DatagramPacket(d, d.length, i % 4 == 3 ? transfer : address));
                if (i % 200 == 199) {
                    Thread.sleep(5); // let the selector keep up, as a real flood over a link would
                }
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (server.activeTransfers() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(server.activeTransfers()).as("transfers left open by the spray expire").isZero();

            BenchTftpClient.Result r = client.read(address, "images/nxos.bin", 1468, 16);
            assertThat(r.ok()).as("%s", r).isTrue();
            CRC32 crc = new CRC32();
            crc.update(image);
            assertThat(r.bytes()).isEqualTo(image.length);
            assertThat(r.crc32()).isEqualTo(crc.getValue());
        } finally {
            sprays.forEach(DatagramSocket::close);
        }
        String logged = log.toString(StandardCharsets.UTF_8);
        assertThat(logged).as("server log").doesNotContain("unexpected error").doesNotContain("] ERROR ").doesNotContain("Exception");
    }

    /** Starts a windowed read and returns the transfer's own address (its TID). */
    private InetSocketAddress openTransfer(DatagramSocket socket) throws Exception {
        byte[] rrq = BenchTftpClient.request("images/nxos.bin", 1468, 16);
        socket.send(new DatagramPacket(rrq, rrq.length, address));
        DatagramPacket reply = new DatagramPacket(new byte[65536], 65536);
        socket.setSoTimeout(5000);
        socket.receive(reply);
        return (InetSocketAddress) reply.getSocketAddress();
    }
}
