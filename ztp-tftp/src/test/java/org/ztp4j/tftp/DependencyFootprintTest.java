package org.ztp4j.tftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An application that only wants a TFTP server gets ztp-core, Mustache and the SLF4J API: no
 * Bouncy Castle, no Commons, no JDK HTTP server. The list comes from Maven's own resolution of
 * ztp-tftp's runtime dependencies ({@code target/runtime-dependencies.txt}, written by the build).
 */
class DependencyFootprintTest {

    @Test
    void anAppThatImportsZtpTftpAloneGetsNoBouncyCastleNoCommonsAndNoJdkHttpServer() throws IOException {
        Path list = Path.of("target/runtime-dependencies.txt");
        assertThat(list).as("written by maven-dependency-plugin in generate-test-resources").exists();
        List<String> artifacts = Files.readAllLines(list).stream().map(String::strip)
                .filter(l -> l.matches("[\\w.-]+:[\\w.-]+:.*")).toList();
        assertThat(artifacts).isNotEmpty()
                .allSatisfy(a -> assertThat(a).doesNotContain("bouncycastle", "commons-", "netty"))
                .anySatisfy(a -> assertThat(a).startsWith("org.ztp4j:ztp-core:"));
        assertThat(artifacts).extracting(a -> a.split(":")[1])
                .containsExactlyInAnyOrder("ztp-core", "compiler", "slf4j-api");

        ModuleDescriptor tftp = ModuleFinder.of(Path.of("target/classes")).find("org.ztp4j.tftp").orElseThrow().descriptor();
        assertThat(tftp.requires()).extracting(ModuleDescriptor.Requires::name)
                .doesNotContain("jdk.httpserver", "org.apache.commons.net")
                .contains("org.ztp4j.core");
    }
}
