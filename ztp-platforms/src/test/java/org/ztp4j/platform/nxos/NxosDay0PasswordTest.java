package org.ztp4j.platform.nxos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.LeaseLookup;
import org.ztp4j.core.PlatformContext;
import org.ztp4j.core.ProvisioningListener;
import org.ztp4j.core.template.TemplateSet;
import org.ztp4j.platform.Fixtures;

/** The NX-OS day-0 is refused at render time when the switch would refuse its admin password. */
class NxosDay0PasswordTest {

    private final NxosPoapAdapter nxos = new NxosPoapAdapter();

    private static PlatformContext context(String password, Map<String, String> settings, TemplateSet templates) {
        Map<String, String> globals = new HashMap<>(Fixtures.GLOBALS);
        globals.put("admin_password", password);
        return new PlatformContext(Fixtures.inventory(), templates, Fixtures.servers(), LeaseLookup.NONE,
                ProvisioningListener.NONE, globals, settings);
    }

    @Test
    void aWeakAdminPasswordIsRefusedNamingTheDeviceAndTheRuleButNotThePassword() {
        assertThatThrownBy(() -> nxos.day0Config(Fixtures.device("leaf1"), context("S3cret!", Map.of(), null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("admin_password for leaf1")
                .hasMessageContaining("shorter than 8 characters")
                .hasMessageContaining("nxos.password-strength-check=false")
                .hasMessageNotContaining("S3cret!");
    }

    @Test
    void turningTheCheckOffPutsItInTheDay0AndLetsAWeakPasswordThrough() {
        String config = nxos.day0Config(Fixtures.device("leaf1"),
                context("letmein", Map.of("nxos.password-strength-check", "false"), null));
        assertThat(config).contains("feature ssh\nno password strength-check\nusername netops password letmein role network-admin\n");
    }

    @Test
    void withTheCheckOnTheDay0DoesNotMentionIt() {
        assertThat(nxos.day0Config(Fixtures.device("leaf1"), context("Tq8-Lw3v-Zr5", Map.of(), null)))
                .doesNotContain("strength-check");
    }

    @Test
    void whatNoClearTextPasswordMayHoldIsRefusedEvenWithTheCheckOff() {
        assertThatThrownBy(() -> nxos.day0Config(Fixtures.device("leaf1"),
                context("Kq7$Wv2-Zr5", Map.of("nxos.password-strength-check", "false"), null)))
                .hasMessageContaining("admin_password for leaf1").hasMessageContaining("'$'");
    }

    @Test
    void aUserDay0ThatTurnsTheCheckOffItselfIsHonoured() {
        TemplateSet mine = TemplateSet.of(Map.of("nxos/day0.cfg",
                "hostname {{hostname}}\nno password strength-check\nusername {{admin_user}} password {{admin_password}} role network-admin\n"));
        assertThat(nxos.day0Config(Fixtures.device("leaf1"), context("letmein", Map.of(), mine))).contains("password letmein");
    }

    @Test
    void aUserDay0ThatSetsNoPasswordFromAdminPasswordIsNotChecked() {
        TemplateSet mine = TemplateSet.of(Map.of("nxos/day0.cfg", "hostname {{hostname}}\n"));
        assertThat(nxos.day0Config(Fixtures.device("leaf1"), context("weak", Map.of(), mine))).isEqualTo("hostname leaf1\n");
    }
}
