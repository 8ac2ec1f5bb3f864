package org.ztp4j.examples.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.BootServers;
import org.ztp4j.core.PlatformAdapter;
import org.ztp4j.core.PlatformAdapters;
import org.ztp4j.core.PlatformContext;
import org.ztp4j.core.inventory.InMemoryInventory;
import org.ztp4j.examples.cli.ZtpCommand;

/**
 * The example adapter is not a shipped platform: ztp-examples does not register it, so neither
 * {@link PlatformAdapters#discover()} nor {@code ztp platforms} sees it. A user's jar that names it
 * in {@code META-INF/services/org.ztp4j.core.PlatformAdapter} is all it takes to plug it in.
 */
class Os10ServiceLoaderTest {

    @TempDir
    Path dir;

    @Test
    void theShippedPlatformsDoNotIncludeTheExample() {
        assertThat(PlatformAdapters.discover()).extracting(PlatformAdapter::id)
                .contains("nxos", "ios", "iosxe", "eos", "junos").doesNotContain("os10");
        StringWriter out = new StringWriter();
        int code = ZtpCommand.run(new String[] {"platforms"}, new PrintWriter(out), new PrintWriter(new StringWriter()));
        assertThat(code).isZero();
        assertThat(out.toString()).contains("\neos  Arista EOS ZTP").doesNotContain("os10").doesNotContain("OS10");
    }

    @Test
    void aJarNamingItInMetaInfServicesPlugsItIn() throws Exception {
        Path jar = dir.resolve("my-adapters.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("META-INF/services/" + PlatformAdapter.class.getName()));
            out.write(("# the adapters of my-adapters.jar\n" + Os10ZtdAdapter.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            List<PlatformAdapter> adapters = PlatformAdapters.discover(loader);

            assertThat(adapters).extracting(PlatformAdapter::id).contains("nxos", "eos", "os10");
            PlatformAdapter os10 = PlatformAdapters.byId(adapters, "os10").orElseThrow();
            assertThat(os10).isInstanceOf(Os10ZtdAdapter.class);
            PlatformContext context = new PlatformContext(InMemoryInventory.of(List.of(Os10ZtdAdapterIT.LEAF)), null,
                    new BootServers(List.of(InetAddress.getByName("192.0.2.1")), 69, URI.create("http://192.0.2.1:8080"), null),
                    null, null, Map.of("admin_user", "admin", "admin_password", "Replace-Me-7q"), null);
            assertThat(os10.day0Config(Os10ZtdAdapterIT.LEAF, context)).contains("hostname leaf-os10-1\n");
            assertThat(os10.bootOffer(context).option(240)).isPresent();
        }
    }
}
