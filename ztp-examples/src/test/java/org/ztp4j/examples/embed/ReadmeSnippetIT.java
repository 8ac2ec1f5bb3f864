package org.ztp4j.examples.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's embedding snippet compiles against the real API, exactly as printed: its imports
 * go on top of a class, its statements into a method whose parameters are the application's own
 * objects the snippet uses ({@code cmdb}, {@code vault}, {@code pipeline}, {@code dhcp}).
 */
class ReadmeSnippetIT {

    @TempDir
    Path tmp;

    @Test
    void theReadmeEmbeddingSnippetCompiles() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        String section = readme.substring(readme.indexOf("## Embed it"));
        Matcher m = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(section);
        assertThat(m.find()).as("a java block under '## Embed it'").isTrue();
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : m.group(1).split("\n")) {
            (line.startsWith("import ") ? imports : body).append(line).append('\n');
        }
        assertThat(body.toString()).contains("Provisioning.builder()", "DeviceReachable");
        String source = imports + """
                public class Snippet {
                    interface Cmdb { java.util.List<org.ztp4j.core.DeviceRecord> devicesToProvision(); }
                    interface Vault { String secret(String key); }
                    interface Pipeline { void onboard(org.ztp4j.core.DeviceIdentity device, java.net.InetAddress address); }
                    interface Dhcp { void apply(org.ztp4j.core.BootOffer offer); }

                    static void run(Cmdb cmdb, Vault vault, Pipeline pipeline, Dhcp dhcp) throws Exception {
                """ + body + """
                    }
                }
                """;
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Snippet.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        StringWriter diagnostics = new StringWriter();
        List<String> options = new ArrayList<>(List.of("-d", tmp.toString(), "-classpath", System.getProperty("java.class.path")));
        boolean ok = javac.getTask(diagnostics, null, null, options, null, List.of(file)).call();
        assertThat(ok).as("javac said:\n" + diagnostics + "\nsource:\n" + source).isTrue();
        assertThat(Files.exists(tmp.resolve("Snippet.class"))).isTrue();
    }
}
