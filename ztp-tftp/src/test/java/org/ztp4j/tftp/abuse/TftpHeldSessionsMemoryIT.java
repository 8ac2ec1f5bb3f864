package org.ztp4j.tftp.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ztp4j.testing.Eventually.eventually;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.files.DirectoryFileProvider;
import org.ztp4j.tftp.TftpServer;

/**
 * What a held transfer costs: 1,000 read requests of a 16 MiB file asking {@code timeout=255} and
 * the largest block size, from 250 addresses, never acknowledged, hold 1,000 sessions; the heap they
 * take is a few KiB each, never a copy of the file per session. (The read-ahead buffers are outside
 * the heap, and bounded together by {@code readAheadMemory}, 32 MiB.)
 */
class TftpHeldSessionsMemoryIT {

    private static final int SESSIONS = 1000;
    private static final long MIB = 1024 * 1024;

    @TempDir
    Path root;

    @Test
    void aThousandHeldSessionsOfASixteenMebibyteFileTakeAFewKibibytesOfHeapEach() throws Exception {
        byte[] image = new byte[16 << 20];
        new Random(3).nextBytes(image);
        Files.write(root.resolve("big.bin"), image);
        List<DatagramChannel> clients = new ArrayList<>();
        try (TftpServer server = TftpServer.builder().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .fileProvider(new DirectoryFileProvider(root)).build().start()) {
            long before = usedHeapAfterGc();
            byte[] rrq = rrq("big.bin", "timeout", "255", "blksize", "65464", "tsize", "0");
            for (int i = 0; i < SESSIONS; i++) {
                int a = i / 4;
                DatagramChannel c = DatagramChannel.open();
                clients.add(c);
                c.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 31, (byte) (a / 250 + 1), (byte) (a % 250 + 1)}), 0));
                c.send(ByteBuffer.wrap(rrq), server.localAddress());
            }
            assertThat(eventually(() -> server.activeTransfers() == SESSIONS)).as("sessions held: " + server.activeTransfers()).isTrue();
            long held = usedHeapAfterGc();
            double perSession = (held - before) / (double) SESSIONS;
            System.out.printf("TftpHeldSessionsMemoryIT: used heap %.1f MiB before, %.1f MiB with %d sessions held: %.1f KiB each%n",
                    before / (double) MIB, held / (double) MIB, SESSIONS, perSession / 1024);
            assertThat(server.activeTransfers()).as("still held while measured").isEqualTo(SESSIONS);
            // 16 KiB for each session's own state at most: a per-session copy of the file would be 16 GiB.
            assertThat(held - before).as("heap taken by %d held sessions, in bytes", SESSIONS).isLessThan(SESSIONS * 16 * 1024L);
        } finally {
            for (DatagramChannel c : clients) {
                c.close();
            }
        }
    }

    private static byte[] rrq(String... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0);
        b.write(1);
        b.writeBytes(parts[0].getBytes(StandardCharsets.US_ASCII));
        b.write(0);
        b.writeBytes("octet".getBytes(StandardCharsets.US_ASCII));
        b.write(0);
        for (int i = 1; i < parts.length; i++) {
            b.writeBytes(parts[i].getBytes(StandardCharsets.US_ASCII));
            b.write(0);
        }
        return b.toByteArray();
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }
}
