package org.ztp4j.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.FileRequest;
import org.ztp4j.core.FileResource;
import org.ztp4j.core.Protocol;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.ProvisioningListener;
import org.ztp4j.core.files.TemplateFileProvider;
import org.ztp4j.core.inventory.CsvInventory;
import org.ztp4j.core.template.TemplateException;
import org.ztp4j.core.template.TemplateSet;

/**
 * Passwords in inventory columns and globals reach the rendered config and nothing else: not the
 * log (slf4j-simple writes to System.err, captured here), not exception messages. Random secrets,
 * quotes and commas included, so no escaping happens to hide a leak.
 */
class TemplateSecretsFuzzTest {

    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);
    private static final String PUNCTUATION = "!#$%&()*+-./:;<=>?@[]^_|~\"',";

    @Test
    void theFixedPasswordFromTheIssueNeverReachesTheLog() throws Exception {
        assertSecretsStayInTheConfig("S3cret!", "En4ble$ecret");
    }

    @Test
    void randomPasswordsNeverReachTheLogOrExceptionMessages() throws Exception {
        SplittableRandom rnd = new SplittableRandom(20261124L);
        for (int i = 0; i < 200; i++) {
            assertSecretsStayInTheConfig(secret(rnd), secret(rnd));
        }
    }

    private static void assertSecretsStayInTheConfig(String password, String enable) throws Exception {
        String csv = "hostname,serial,mac,platform,admin_password\n"
                + "leaf1,SAL1,00:11:22:33:44:55,nxos," + csvField(password) + "\n";
        CsvInventory inventory = CsvInventory.parse("secrets.csv", csv);
        TemplateSet templates = TemplateSet.of(Map.of(
                "day0", "hostname {{hostname}}\nusername admin password {{admin_password}}\nenable secret {{enable_secret}}\n",
                "broken", "username admin password {{admin_password}}\nsnmp-server community {{snmp_community}}\n",
                "unparsable", "username admin password {{admin_password}}\n{{#section}}never closed\n",
                "network", "{{#devices}}{{hostname}} {{admin_password}}\n{{/devices}}{{no_such_global}}\n"));
        List<ProvisioningEvent> events = new ArrayList<>();
        ProvisioningListener throwing = e -> {
            throw new IllegalStateException("listener refuses " + e.getClass().getSimpleName());
        };
        TemplateFileProvider provider = TemplateFileProvider.builder()
                .templates(templates).inventory(inventory)
                .listener(ProvisioningListener.all(List.of(events::add, throwing)))
                .globals(Map.of("enable_secret", enable))
                .file("conf.{serial}", "day0")
                .file("broken.{serial}", "broken")
                .file("unparsable.{serial}", "unparsable")
                .file("network-confg", "network")
                .build();

        List<Throwable> thrown = new ArrayList<>();
        String served;
        String log;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setErr(capture);
            served = read(provider.open(request("conf.SAL1")));
            thrown.add(catchThrowable(() -> provider.open(request("broken.SAL1"))));
            thrown.add(catchThrowable(() -> provider.open(request("unparsable.SAL1"))));
            thrown.add(catchThrowable(() -> provider.open(request("network-confg"))));
            thrown.add(catchThrowable(() -> templates.render("broken", inventory.devices().iterator().next().templateScope(), "leaf1")));
        } finally {
            System.setErr(err);
        }
        log = captured.toString(StandardCharsets.UTF_8);

        assertThat(served).contains("password " + password + "\n", "enable secret " + enable + "\n");
        assertThat(thrown).doesNotContainNull();
        assertThat(thrown.get(3)).isInstanceOf(TemplateException.class);
        assertThat(log).as("the failures were logged").contains("broken.SAL1", "snmp_community");
        assertThat(log).doesNotContain(password).doesNotContain(enable);
        for (Throwable t : thrown) {
            for (Throwable c = t; c != null; c = c.getCause()) {
                assertThat(String.valueOf(c.getMessage())).doesNotContain(password).doesNotContain(enable);
                assertThat(c.toString()).doesNotContain(password).doesNotContain(enable);
            }
        }
        for (ProvisioningEvent e : events) {
            if (e instanceof ProvisioningEvent.ConfigRendered rendered) {
                assertThat(rendered.toString()).doesNotContain(password).doesNotContain(enable);
            }
        }
    }

    private static String secret(SplittableRandom rnd) {
        StringBuilder s = new StringBuilder("pw");
        int length = 8 + rnd.nextInt(17);
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789" + PUNCTUATION;
        while (s.length() < length) {
            s.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private static String csvField(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private static FileRequest request(String path) {
        return new FileRequest(path, CLIENT, Protocol.TFTP, null);
    }

    private static String read(Optional<FileResource> resource) throws Exception {
        try (InputStream in = resource.orElseThrow().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
