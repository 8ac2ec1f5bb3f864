package org.ztp4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.inventory.CsvInventory;

/** An inventory file is read again only once it is whole: replaced by rename, or unchanged for a tick. */
class ChangeWatcherTest {

    private static final String HEADER = "hostname,serial,platform,mgmt_address,mgmt_gateway\n";
    private static final Map<String, String> GLOBALS = Map.of("admin_user", "netops", "admin_password", "Tq8-Lw3v-Zr5",
            "domain_name", "example.net");

    @TempDir
    Path dir;

    private static String rows(int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i <= to; i++) {
            b.append(String.format("leaf%02d,SAL%08d,nxos,192.0.2.%d/24,192.0.2.1%n", i, i, i));
        }
        return b.toString();
    }

    /** Writes over the file in place, and moves its time on so that every write is a visible change. */
    private static void writeInPlace(Path file, String text, int second) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_700_000_000_000L + second * 1000L));
    }

    private static java.util.List<String> hostnames(Provisioning ztp) {
        return ztp.inventory().devices().stream().map(DeviceRecord::hostname).toList();
    }

    @Test
    void aFileWrittenInPlaceIsReadOnceItStopsChangingNotHalfWritten() throws IOException {
        Path file = Files.writeString(dir.resolve("inventory.csv"), HEADER + rows(1, 3));
        try (Provisioning ztp = Provisioning.builder().inventory(CsvInventory.load(file)).globals(GLOBALS).build();
             ChangeWatcher watcher = new ChangeWatcher(ztp, Duration.ofHours(1))) {
            writeInPlace(file, HEADER + rows(1, 1), 1); // the editor is half way through: a file that parses, short
            watcher.reloadIfChanged();
            assertThat(hostnames(ztp)).as("a changed file is not read at once").containsExactly("leaf01", "leaf02", "leaf03");

            writeInPlace(file, HEADER + rows(1, 4), 2); // ... and done
            watcher.reloadIfChanged();
            assertThat(hostnames(ztp)).as("still changing since the last look").hasSize(3);

            watcher.reloadIfChanged(); // unchanged for a tick: whole
            assertThat(hostnames(ztp)).containsExactly("leaf01", "leaf02", "leaf03", "leaf04");
        }
    }

    @Test
    void aFileReplacedByRenameIsReadAtOnce() throws IOException {
        Path file = Files.writeString(dir.resolve("inventory.csv"), HEADER + rows(1, 2));
        try (Provisioning ztp = Provisioning.builder().inventory(CsvInventory.load(file)).globals(GLOBALS).build();
             ChangeWatcher watcher = new ChangeWatcher(ztp, Duration.ofHours(1))) {
            Path fresh = Files.writeString(dir.resolve("inventory.csv.tmp"), HEADER + rows(1, 5));
            Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

            watcher.reloadIfChanged();

            assertThat(hostnames(ztp)).hasSize(5);
        }
    }
}
