package org.ztp4j.tftp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBlockSourceTest {

    @TempDir
    Path dir;

    @Test
    void everyBlockIsTheFilesBytesAtItsOffsetInAnyOrderAndAnyBlockSize() throws IOException {
        byte[] content = new byte[100_000];
        new Random(1).nextBytes(content);
        Path file = Files.write(dir.resolve("f.bin"), content);
        for (int blockSize : new int[] {8, 512, 1468, 8192, 65464}) {
            try (FileBlockSource source = new FileBlockSource(FileChannel.open(file), blockSize)) {
                long blocks = content.length / blockSize + 1;
                long[] order = {1, 2, 3, blocks, 2, blocks - 1, 40, 39, 1};
                for (long block : order) {
                    if (block < 1 || block > blocks) {
                        continue;
                    }
                    ByteBuffer dst = ByteBuffer.allocate(blockSize + 4);
                    dst.position(4);
                    int n = source.read(block, dst);
                    int from = (int) ((block - 1) * blockSize);
                    int expected = Math.min(blockSize, content.length - from);
                    assertThat(n).as("length of block %d at blksize %d", block, blockSize).isEqualTo(expected);
                    assertThat(dst.position()).isEqualTo(4 + n);
                    assertThat(Arrays.copyOfRange(dst.array(), 4, 4 + n))
                            .isEqualTo(Arrays.copyOfRange(content, from, from + expected));
                }
            }
        }
    }
}
