package org.ztp4j.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.store.ProvisioningStore;
import org.ztp4j.testing.ProvisioningStoreContract;
import org.ztp4j.core.store.StoreException;

/** The store contract on the embedded default: H2 in a state directory, reopened from its file. */
class JdbcProvisioningStoreH2Test extends ProvisioningStoreContract {

    @TempDir
    Path dir;

    @Override
    protected ProvisioningStore newStore() {
        return JdbcProvisioningStore.inDirectory(dir.resolve("state"));
    }

    @Override
    protected ProvisioningStore reopen() {
        store.close();
        return JdbcProvisioningStore.inDirectory(dir.resolve("state"));
    }

    @Test
    void keepsItsDatabaseInOneFileOfTheStateDirectory() {
        assertThat(dir.resolve("state").resolve(JdbcProvisioningStore.H2_NAME + ".mv.db")).isRegularFile();
        assertThat(store.describe()).isEqualTo("state directory " + dir.resolve("state").toAbsolutePath());
    }

    @Test
    void aSecondServerOnTheSameStateDirectoryIsRefusedNamingIt() {
        assertThatThrownBy(() -> JdbcProvisioningStore.inDirectory(dir.resolve("state")))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("state directory " + dir.resolve("state").toAbsolutePath())
                .hasMessageContaining("in use");
    }

    @Test
    void aStateDirectoryThatCannotBeWrittenIsNamed() throws Exception {
        Path locked = Files.createDirectory(dir.resolve("locked"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r-x------")));
        Path inside = locked.resolve("state");
        // Root may write anywhere: then the directory is created, and the store opens.
        if (Files.isWritable(locked)) {
            JdbcProvisioningStore.inDirectory(inside).close();
            assertThat(inside).isDirectory();
        } else {
            assertThatThrownBy(() -> JdbcProvisioningStore.inDirectory(inside)).isInstanceOf(StoreException.class)
                    .hasMessageStartingWith("state directory " + inside.toAbsolutePath() + ": cannot be created");
        }
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        assertThatThrownBy(() -> JdbcProvisioningStore.inDirectory(file)).isInstanceOf(StoreException.class)
                .hasMessageStartingWith("state directory " + file.toAbsolutePath());
    }

    @Test
    void aUrlThatCannotConnectIsNamedWithoutItsPassword() {
        assertThatThrownBy(() -> JdbcProvisioningStore.open("jdbc:postgresql://127.0.0.1:1/ztp?user=ztp&password=s3cret"))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("jdbc:postgresql://127.0.0.1:1/ztp?user=ztp&password=***: cannot connect")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> JdbcProvisioningStore.open("jdbc:mysql://db/ztp")).isInstanceOf(StoreException.class)
                .hasMessageContaining("not a PostgreSQL");
        assertThat(JdbcProvisioningStore.withoutPassword("jdbc:postgresql://ztp:pw@db/ztp")).isEqualTo("jdbc:postgresql://ztp:***@db/ztp");
    }
}
