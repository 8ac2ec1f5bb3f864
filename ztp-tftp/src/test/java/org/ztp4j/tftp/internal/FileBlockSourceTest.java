package org.ztp4j.tftp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBlockSourceTest {

    private static final int[] BLOCK_SIZES = {8, 512, 1468, 8192, 16384, 65464};

    @TempDir
    Path dir;

    private byte[] content;
    private Path file;

    private void write(int size) throws IOException {
        content = new byte[size];
        new Random(1).nextBytes(content);
        file = Files.write(dir.resolve("f.bin"), content);
    }

    /** Reads a block into a packet-sized buffer after a 4-byte header and checks it against the file. */
    private void assertBlock(FileBlockSource source, long block, int blockSize) throws IOException {
        ByteBuffer dst = ByteBuffer.allocate(blockSize + 4);
        dst.position(4);
        int n = source.read(block, dst);
        int from = (int) ((block - 1) * blockSize);
        int expected = Math.max(0, Math.min(blockSize, content.length - from));
        assertThat(n).as("length of block %d at blksize %d", block, blockSize).isEqualTo(expected);
        assertThat(dst.position()).isEqualTo(4 + n);
        assertThat(Arrays.copyOfRange(dst.array(), 4, 4 + n))
                .as("block %d at blksize %d", block, blockSize)
                .isEqualTo(Arrays.copyOfRange(content, from, from + expected));
    }

    /** Takes a block's packet, as the sender does, and checks its data after the header's room. */
    private void assertPacket(FileBlockSource source, long block, int blockSize) throws IOException {
        ByteBuffer scratch = ByteBuffer.allocateDirect(blockSize + 4).limit(blockSize + 4);
        ByteBuffer packet = source.packet(block, scratch);
        int from = (int) ((block - 1) * blockSize);
        int expected = Math.max(0, Math.min(blockSize, content.length - from));
        assertThat(packet.position()).isZero();
        assertThat(packet.remaining()).as("packet of block %d at blksize %d", block, blockSize).isEqualTo(4 + expected);
        TftpCodec.putDataHeader(packet, (int) block & 0xFFFF);
        byte[] data = new byte[expected];
        packet.get(4, data);
        assertThat(data).as("data of block %d at blksize %d", block, blockSize)
                .isEqualTo(Arrays.copyOfRange(content, from, from + expected));
        assertThat(packet.getShort(2) & 0xFFFF).isEqualTo((int) block & 0xFFFF);
    }

    @Test
    void everyBlockIsTheFilesBytesAtItsOffsetInAnyOrderAndAnyBlockSize() throws IOException {
        write(100_000);
        for (int blockSize : BLOCK_SIZES) {
            try (FileBlockSource source = new FileBlockSource(FileChannel.open(file), blockSize)) {
                long blocks = content.length / blockSize + 1;
                long[] order = {1, 2, 3, blocks, 2, blocks - 1, 40, 39, 1};
                for (long block : order) {
                    if (block >= 1 && block <= blocks) {
                        assertBlock(source, block, blockSize);
                        assertPacket(source, block, blockSize);
                    }
                }
            }
        }
    }

    /**
     * A sender's pattern: a window sent, the next one read ahead, sometimes a loss that sends the
     * sender back into the window it just left; with a buffer of its own, from a pool with room for
     * one, and with none at all.
     */
    @Test
    void windowsReadAheadAndResentComeOutRightWithAndWithoutABuffer() throws IOException {
        write(300_001);
        Random random = new Random(7);
        // -1: a buffer of its own; then room for one buffer of any block size (its headers included); none
        for (long budget : new long[] {-1, FileBlockSource.MAX_READ_AHEAD + 1024, 0}) {
            for (int blockSize : BLOCK_SIZES) {
                for (int window : new int[] {1, 4, 8, 32}) {
                    ReadAheadPool pool = budget < 0 ? null : new ReadAheadPool(budget);
                    long blocks = content.length / blockSize + 1;
                    try (FileBlockSource source = new FileBlockSource(FileChannel.open(file), blockSize, window, pool, null)) {
                        long base = 1;
                        int steps = 0;
                        while (base <= blocks && steps++ < 400) {
                            long end = Math.min(base + window - 1, blocks);
                            for (long b = base; b <= end; b++) {
                                if ((b & 1) == 0) {
                                    assertPacket(source, b, blockSize);
                                } else {
                                    assertBlock(source, b, blockSize);
                                }
                            }
                            source.readAhead(end + 1);
                            // the client got all of the window, or lost the blocks after a random one
                            base = random.nextInt(4) == 0 ? base + random.nextInt((int) (end - base + 1)) : end + 1;
                        }
                    }
                    if (pool != null) {
                        assertThat(pool.reserved()).isLessThanOrEqualTo(budget);
                    }
                }
            }
        }
    }

    @Test
    void theNextBlockIsReadWhenAskedAheadNotWhenSent() throws IOException {
        write(5 * 65464);
        try (FileBlockSource source = new FileBlockSource(FileChannel.open(file), 65464, 1, new ReadAheadPool(1 << 20), null)) {
            assertBlock(source, 1, 65464);
            source.readAhead(2);
            // the file changes after the read-ahead: block 2 was already in memory
            try (FileChannel writer = FileChannel.open(file, StandardOpenOption.WRITE)) {
                writer.write(ByteBuffer.wrap(new byte[65464]), 65464);
            }
            assertBlock(source, 2, 65464);
            assertThat(content[65464 + 10]).isNotZero();
        }
    }

    @Test
    void closingGivesTheBufferBackToThePool() throws IOException {
        write(100_000);
        int slotted = 8 * (4 + 8192); // eight blocks, each with room for its header
        ReadAheadPool pool = new ReadAheadPool(slotted);
        try (FileBlockSource source = new FileBlockSource(FileChannel.open(file), 8192, 8, pool, null)) {
            assertBlock(source, 1, 8192);
            assertThat(pool.take(slotted)).as("the source holds the only buffer").isNull();
        }
        assertThat(pool.take(slotted)).isNotNull();
    }

    @Test
    void aFileThatShrinksWhileServedIsAnErrorNotAShortBlock() throws IOException {
        write(200_000);
        try (FileBlockSource source = new FileBlockSource(FileChannel.open(file), 512)) {
            assertBlock(source, 1, 512);
            try (FileChannel writer = FileChannel.open(file, StandardOpenOption.WRITE)) {
                writer.truncate(1000);
            }
            assertThatThrownBy(() -> source.read(200, ByteBuffer.allocate(516).position(4)))
                    .isInstanceOf(IOException.class).hasMessageContaining("200000 bytes when opened, now 1000");
        }
    }

    private Path fileOf(String name, int size, int seed) throws IOException {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return Files.write(dir.resolve(name), data);
    }

    @Test
    void aFileWrittenOverInPlaceWhileBeingSentEndsTheTransferInsteadOfSendingAMixedFile() throws IOException {
        Path file = fileOf("in-place.bin", 200_000, 1);
        try (FileBlockSource source = new FileBlockSource(FileChannel.open(file), 512, 1, new ReadAheadPool(1 << 20), file)) {
            ByteBuffer packet = ByteBuffer.allocate(600);
            source.read(1, packet.clear());
            byte[] other = new byte[200_000];
            new Random(2).nextBytes(other);
            try (FileChannel writer = FileChannel.open(file, StandardOpenOption.WRITE)) { // same size, same inode
                writer.write(ByteBuffer.wrap(other), 0);
            }
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(
                    Files.getLastModifiedTime(file).toMillis() + 2000));
            assertThatThrownBy(() -> {
                for (long block = 2; block <= 391; block++) {
                    source.read(block, packet.clear());
                }
            }).isInstanceOf(IOException.class).hasMessageContaining("changed while being sent (written over in place)");
        }
    }

    @Test
    void aFileThatGrowsOrShrinksWhileBeingSentEndsTheTransfer() throws IOException {
        Path file = fileOf("grows.bin", 100_000, 3);
        try (FileBlockSource source = new FileBlockSource(FileChannel.open(file), 512, 1, new ReadAheadPool(1 << 20), null)) {
            ByteBuffer packet = ByteBuffer.allocate(600);
            source.read(1, packet.clear());
            Files.write(file, new byte[10], StandardOpenOption.APPEND);
            assertThatThrownBy(() -> {
                for (long block = 2; block <= 196; block++) {
                    source.read(block, packet.clear());
                }
            }).isInstanceOf(IOException.class).hasMessageContaining("100000 bytes when opened, now 100010");
        }
    }

    @Test
    void aFileReplacedByRenameWhileBeingSentIsSentWholeAsItWasOpened() throws IOException {
        Path file = fileOf("replaced.bin", 100_000, 4);
        byte[] original = Files.readAllBytes(file);
        try (FileBlockSource source = new FileBlockSource(FileChannel.open(file), 512, 1, new ReadAheadPool(1 << 20), file)) {
            ByteBuffer all = ByteBuffer.allocate(100_000);
            ByteBuffer packet = ByteBuffer.allocate(600);
            source.read(1, packet.clear());
            all.put(packet.flip());
            Path fresh = fileOf("replaced.bin.new", 100_000, 5);
            Files.move(fresh, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            for (long block = 2; block <= 196; block++) {
                source.read(block, packet.clear());
                all.put(packet.flip());
            }
            assertThat(all.array()).isEqualTo(original);
        }
    }
}
