package org.ztp4j.testkit.platforms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.testing.Processes;

/**
 * The module descriptor works for module-path users: an application module that only says
 * {@code requires org.ztp4j.platform} finds the three adapters through {@code provides}, renders
 * the bundled templates (resources of a named module) and starts the facade.
 */
class ModulePathIT {

    @TempDir
    Path tmp;

    @Test
    void anApplicationModuleFindsTheAdaptersAndRendersBundledTemplates() throws IOException {
        String modulePath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(ModulePathIT::isRuntimeModule)
                .collect(Collectors.joining(File.pathSeparator));
        Path src = Files.createDirectories(tmp.resolve("src/app/app"));
        Files.writeString(src.getParent().resolve("module-info.java"), """
                module app {
                    requires org.ztp4j.platform;
                }
                """);
        Files.writeString(src.resolve("Main.java"), """
                package app;

                import org.ztp4j.core.PlatformAdapter;
                import org.ztp4j.core.PlatformAdapters;
                import org.ztp4j.core.inventory.CsvInventory;
                import org.ztp4j.server.Provisioning;

                public class Main {
                    public static void main(String[] args) throws Exception {
                        System.out.println(PlatformAdapters.discover().stream().map(PlatformAdapter::id).toList());
                        var inventory = CsvInventory.parse("app.csv",
                                "hostname,serial,mgmt_address,mgmt_gateway\\nleaf9,SAL9,10.0.0.9/24,10.0.0.1\\n");
                        try (Provisioning ztp = Provisioning.builder().inventory(inventory)
                                .global("admin_user", "u").global("admin_password", "p").global("domain_name", "d")
                                .tftpPort(0).httpPort(0).build().start()) {
                            System.out.print(ztp.day0Config("nxos", inventory.byHostname("leaf9").orElseThrow()));
                        }
                    }
                }
                """);
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        Processes.run(tmp, bin.resolve("javac").toString(), "-d", tmp.resolve("out").toString(),
                "--module-path", modulePath, "--module-source-path", tmp.resolve("src").toString(), "-m", "app");

        String java = bin.resolve("java").toString();
        Processes.Result run = Processes.run(tmp, java, "--module-path", modulePath + File.pathSeparator + tmp.resolve("out"),
                "-m", "app/app.Main");
        assertThat(run.stdout()).startsWith("[nxos, ios, iosxe]\n")
                .contains("hostname leaf9\n", "  ip address 10.0.0.9/24\n");
    }

    /** The platform module and what it needs at run time; no test jars (they split packages). */
    private static boolean isRuntimeModule(String entry) {
        String name = Path.of(entry).getFileName().toString();
        if (entry.endsWith("test-classes") || name.contains("tests")) {
            return false;
        }
        return entry.contains("ztp-platforms") || name.startsWith("ztp-core") || name.startsWith("ztp-tftp")
                || name.startsWith("compiler-") || name.startsWith("commons-net") || name.startsWith("commons-io")
                || name.startsWith("bc") || name.startsWith("slf4j-api");
    }
}
