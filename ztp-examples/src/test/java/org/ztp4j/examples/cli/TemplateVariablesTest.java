package org.ztp4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateVariablesTest {

    @TempDir
    Path dir;

    private final StringWriter warnings = new StringWriter();

    @Test
    void secretsComeFromFilesAndTheEnvironmentWithoutAWarning() throws Exception {
        Path pw = dir.resolve("pw");
        Files.writeString(pw, "Kv6-Rq3m-Wx8\n");
        TemplateVariables vars = new TemplateVariables();
        vars.values.put("admin_user", "admin");
        vars.files.put("admin_password", pw);
        vars.environment.put("snmp_community", "ZTP_COMMUNITY");
        Map<String, String> all = vars.resolve(Map.of("ZTP_COMMUNITY", "c0mm-x")::get, new PrintWriter(warnings));
        assertThat(all).containsExactly(Map.entry("admin_user", "admin"), Map.entry("admin_password", "Kv6-Rq3m-Wx8"),
                Map.entry("snmp_community", "c0mm-x"));
        assertThat(warnings.toString()).isEmpty();
    }

    @Test
    void aSecretOnTheCommandLineIsWarnedAboutWithoutItsValue() {
        TemplateVariables vars = new TemplateVariables();
        vars.values.put("admin_password", "Kv6-Rq3m-Wx8");
        vars.values.put("domain", "example.net");
        assertThat(vars.resolve(n -> null, new PrintWriter(warnings))).containsEntry("admin_password", "Kv6-Rq3m-Wx8");
        assertThat(warnings.toString()).isEqualTo("warning: --var admin_password is readable by every local user in the"
                + " process list; give it with --var-file admin_password=FILE or --var-env admin_password=VARIABLE\n");
    }

    @Test
    void onlyOneTrailingLineBreakIsDropped() throws Exception {
        Path pw = dir.resolve("pw");
        Files.writeString(pw, "a\r\n\r\n");
        TemplateVariables vars = new TemplateVariables();
        vars.files.put("admin_password", pw);
        // the line break left is refused later, at render, like any value holding one
        assertThat(vars.resolve(n -> null, null)).containsEntry("admin_password", "a\r\n");
    }

    @Test
    void missingSourcesAndTwiceGivenNamesAreErrorsThatNameThemAndNoValue() throws Exception {
        TemplateVariables unset = new TemplateVariables();
        unset.environment.put("admin_password", "ZTP_PW");
        assertThatThrownBy(() -> unset.resolve(n -> null, null)).hasMessage(
                "--var-env admin_password=ZTP_PW: environment variable ZTP_PW is not set");

        TemplateVariables missing = new TemplateVariables();
        missing.files.put("admin_password", dir.resolve("nope"));
        assertThatThrownBy(() -> missing.resolve(n -> null, null)).hasMessage(dir.resolve("nope") + ": no such file");

        Path big = dir.resolve("big");
        Files.write(big, new byte[TemplateVariables.MAX_FILE + 1]);
        TemplateVariables large = new TemplateVariables();
        large.files.put("admin_password", big);
        assertThatThrownBy(() -> large.resolve(n -> null, null)).hasMessage(
                "--var-file admin_password=" + big + ": larger than 64 KiB");

        Path latin1 = dir.resolve("latin1");
        Files.write(latin1, new byte[] {'p', (byte) 0xe9});
        TemplateVariables binary = new TemplateVariables();
        binary.files.put("admin_password", latin1);
        assertThatThrownBy(() -> binary.resolve(n -> null, null)).hasMessage(
                "--var-file admin_password=" + latin1 + ": not UTF-8 text");

        TemplateVariables twice = new TemplateVariables();
        twice.values.put("admin_password", "Kv6-Rq3m-Wx8");
        twice.environment.put("admin_password", "ZTP_PW");
        assertThatThrownBy(() -> twice.resolve(Map.of("ZTP_PW", "Zz9-Yy8-Xx7")::get, null))
                .hasMessage("--var-env admin_password: variable admin_password is given twice")
                .message().doesNotContain("Kv6").doesNotContain("Zz9");
    }
}
