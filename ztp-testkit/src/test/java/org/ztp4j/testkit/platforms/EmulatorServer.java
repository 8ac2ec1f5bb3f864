package org.ztp4j.testkit.platforms;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ztp4j.core.ProvisioningListener;
import org.ztp4j.core.inventory.CsvInventory;
import org.ztp4j.server.Provisioning;
import org.ztp4j.testkit.SampleInventory;

/** The server an emulator test runs its devices against, before the test's own settings. */
final class EmulatorServer {

    private EmulatorServer() {
    }

    /**
     * @param csv      the inventory, as CSV text
     * @param root     the served folder (made when missing)
     * @param listener where events go
     * @return a builder with the inventory, the sample globals, the root, free ports, no reachability
     *         probe and the status page on
     * @throws IOException when the folder cannot be made
     */
    static Provisioning.Builder builder(String csv, Path root, ProvisioningListener listener) throws IOException {
        return Provisioning.builder()
                .inventory(CsvInventory.parse("emulated.csv", csv))
                .globals(SampleInventory.GLOBALS)
                .root(Files.createDirectories(root))
                .tftpPort(0).httpPort(0)
                .reachabilityProbe(false)
                .statusPage()
                .listener(listener);
    }
}
