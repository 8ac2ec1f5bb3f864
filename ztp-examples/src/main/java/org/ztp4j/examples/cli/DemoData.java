package org.ztp4j.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.ztp4j.core.Inventory;
import org.ztp4j.core.inventory.CsvInventory;

/** The bundled demo: a sample inventory (one NX-OS, one IOS, one IOS-XE device) and its globals. */
final class DemoData {

    static final String BASE = "org/ztp4j/examples/demo/";

    private DemoData() {
    }

    static CsvInventory inventory() {
        return CsvInventory.parse("demo inventory.csv", resource("inventory.csv"));
    }

    static Inventory inventoryOrDemo(Path file) throws IOException {
        if (file == null) {
            return inventory();
        }
        CliFiles.requireRegularFile(file);
        return CsvInventory.load(file);
    }

    /** @return the demo's template globals (admin user, domain, ...) */
    static Map<String, String> globals() {
        Properties p = new Properties();
        try (var r = new java.io.StringReader(resource("globals.properties"))) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> m = new LinkedHashMap<>();
        p.stringPropertyNames().stream().sorted().forEach(k -> m.put(k, p.getProperty(k)));
        return m;
    }

    static String resource(String name) {
        try (InputStream in = DemoData.class.getClassLoader().getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("demo resource " + BASE + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
