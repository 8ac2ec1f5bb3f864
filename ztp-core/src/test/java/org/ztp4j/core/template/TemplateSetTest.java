package org.ztp4j.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateSetTest {

    @TempDir
    Path dir;

    @Test
    void writesValuesExactlyWithoutHtmlEscaping() {
        TemplateSet t = TemplateSet.of(Map.of("c", "banner motd ^{{banner}}^\npassword {{{secret}}}\r\nend"));
        String out = t.render("c", Map.of("banner", "<Authorized & \"only\"> 'users'", "secret", "a&b<c>"), "sw1");
        assertThat(out).isEqualTo("banner motd ^<Authorized & \"only\"> 'users'^\npassword a&b<c>\r\nend");
    }

    @Test
    void aMissingVariableNamesTemplateVariableDeviceAndLine() {
        TemplateSet t = TemplateSet.of(Map.of("nxos/day0.cfg", "hostname {{hostname}}\nvrf context {{mgmt_vrf}}\n"));
        assertThatThrownBy(() -> t.render("nxos/day0.cfg", Map.of("hostname", "leaf1"), "leaf1"))
                .isInstanceOfSatisfying(TemplateException.class, e -> {
                    assertThat(e.template()).isEqualTo("nxos/day0.cfg");
                    assertThat(e.variable()).isEqualTo("mgmt_vrf");
                    assertThat(e.device()).isEqualTo("leaf1");
                })
                .hasMessage("template nxos/day0.cfg for device leaf1: variable 'mgmt_vrf' has no value (line 2)");
    }

    @Test
    void aMissingVariableInsideASectionIsStillAnError() {
        TemplateSet t = TemplateSet.of(Map.of("t", "{{#users}}username {{name}} password {{password}}\n{{/users}}"));
        assertThatThrownBy(() -> t.render("t", Map.of("users", List.of(Map.of("name", "admin"))), "sw1"))
                .hasMessageContaining("variable 'password'");
    }

    @Test
    void sectionsMakePartsOptional() {
        TemplateSet t = TemplateSet.of(Map.of("t", "a\n{{#mgmt_vrf}}vrf {{mgmt_vrf}}\n{{/mgmt_vrf}}{{^mgmt_vrf}}no vrf\n{{/mgmt_vrf}}b\n"));
        assertThat(t.render("t", Map.of(), null)).isEqualTo("a\nno vrf\nb\n");
        assertThat(t.render("t", Map.of("mgmt_vrf", "management"), null)).isEqualTo("a\nvrf management\nb\n");
    }

    @Test
    void anEmptyStringIsAValueNotAMissingVariable() {
        assertThat(TemplateSet.of(Map.of("t", "[{{x}}]")).render("t", Map.of("x", ""), null)).isEqualTo("[]");
    }

    @Test
    void userDirectoryOverridesBundledTemplatesOneFileAtATime() throws Exception {
        Files.writeString(dir.resolve("day0"), "user {{hostname}}");
        TemplateSet t = TemplateSet.builder().directory(dir)
                .templates(Map.of("day0", "bundled {{hostname}}", "other", "bundled other")).build();
        assertThat(t.render("day0", Map.of("hostname", "x"), null)).isEqualTo("user x");
        assertThat(t.render("other", Map.of(), null)).isEqualTo("bundled other");
    }

    @Test
    void partialsResolveAcrossSources() {
        TemplateSet t = TemplateSet.of(Map.of("main", "A{{> part}}C", "part", "B{{x}}"));
        assertThat(t.render("main", Map.of("x", "!"), null)).isEqualTo("AB!C");
    }

    @Test
    void reloadPicksUpEditedFiles() throws Exception {
        Files.writeString(dir.resolve("t"), "one");
        TemplateSet t = TemplateSet.ofDirectory(dir);
        assertThat(t.render("t", Map.of(), null)).isEqualTo("one");
        Files.writeString(dir.resolve("t"), "two");
        assertThat(t.render("t", Map.of(), null)).isEqualTo("one");
        t.reload();
        assertThat(t.render("t", Map.of(), null)).isEqualTo("two");
    }

    @Test
    void aSetBuiltOnAFallbackSeesTheFallbacksReload() throws Exception {
        Files.writeString(dir.resolve("t"), "one");
        TemplateSet user = TemplateSet.ofDirectory(dir);
        TemplateSet combined = TemplateSet.builder().fallback(user).templates(Map.of("t", "bundled", "u", "u")).build();
        assertThat(combined.render("t", Map.of(), null)).isEqualTo("one");
        Files.writeString(dir.resolve("t"), "two");
        assertThat(combined.render("t", Map.of(), null)).isEqualTo("one");
        user.reload();
        assertThat(combined.render("t", Map.of(), null)).isEqualTo("two");
    }

    @Test
    void missingAndBrokenTemplatesAreClearErrors() throws Exception {
        Files.writeString(dir.resolve("broken"), "{{#open}} never closed");
        TemplateSet t = TemplateSet.ofDirectory(dir);
        assertThatThrownBy(() -> t.render("nope", Map.of(), "sw1")).isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("template nope for device sw1: no such template");
        assertThatThrownBy(() -> t.check("broken")).isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("template broken:");
        assertThatThrownBy(() -> t.render("../etc/passwd", Map.of(), null)).isInstanceOf(TemplateException.class)
                .hasMessageContaining("not a valid template name");
        assertThat(t.exists("broken")).isTrue();
        assertThat(t.exists("nope")).isFalse();
    }

    @Test
    void rendersTheSameFromManyThreads() throws Exception {
        TemplateSet t = TemplateSet.of(Map.of("t", "hostname {{h}}\n"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                String h = "sw" + i;
                results.add(pool.submit(() -> t.render("t", Map.of("h", h), h).equals("hostname " + h + "\n")));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aValueWithALineBreakCannotAddALineToAConfigAndTheErrorNamesDeviceAndVariable() {
        TemplateSet t = TemplateSet.of(Map.of("ios/day0.cfg", "hostname {{hostname}}\nusername admin secret {{admin_password}}\n"));
        for (String evil : List.of("x\nusername evil privilege 15 secret y", "x\rusername evil", "x\u0000y", "x\u2028y",
                "x\u001by")) {
            assertThatThrownBy(() -> t.render("ios/day0.cfg", Map.of("hostname", "r1", "admin_password", evil), "r1"))
                    .as(evil)
                    .isInstanceOfSatisfying(TemplateException.class, e -> {
                        assertThat(e.variable()).isEqualTo("admin_password");
                        assertThat(e.device()).isEqualTo("r1");
                    })
                    .hasMessageContaining("variable 'admin_password' holds")
                    .hasMessageContaining("(line 2)")
                    .hasMessageNotContaining("evil");
        }
        assertThat(t.render("ios/day0.cfg", Map.of("hostname", "r1", "admin_password", "Tab\tand$pecial;chars"), "r1"))
                .isEqualTo("hostname r1\nusername admin secret Tab\tand$pecial;chars\n");
    }

    @Test
    void aTemplateThatMeansToInsertABlockSaysSoWithTripleBraces() {
        TemplateSet t = TemplateSet.of(Map.of("c", "crypto pki certificate chain tp\n{{{certificate}}}\nquit\n"));
        assertThat(t.render("c", Map.of("certificate", " certificate 01\n  3082 0122\n"), "sw1"))
                .isEqualTo("crypto pki certificate chain tp\n certificate 01\n  3082 0122\n\nquit\n");
    }
}
