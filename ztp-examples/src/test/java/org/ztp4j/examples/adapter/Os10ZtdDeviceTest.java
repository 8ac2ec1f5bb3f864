package org.ztp4j.examples.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.PlatformSettings;
import org.ztp4j.core.inventory.InMemoryInventory;
import org.ztp4j.server.Provisioning;

/**
 * The emulated switch refuses the CLI batch files OS10 ZTD refuses (so that the end-to-end test
 * would catch a template that breaks them), the bundled day-0 passes, and a bad
 * {@code os10.vendor-class} is refused naming the setting.
 */
class Os10ZtdDeviceTest {

    @Test
    void refusesTheBatchFilesZtdRefuses() {
        assertThat(Os10ZtdDevice.batchFileProblem("# PRE-CONFIG\n# POST-CONFIG\nhostname a\n")).isNull();
        assertThat(Os10ZtdDevice.batchFileProblem("# PRE-CONFIG\nswitch-port-profile 1/1 profile-2\n# POST-CONFIG\nhostname a\n")).isNull();
        assertThat(Os10ZtdDevice.batchFileProblem("# PRE-CONFIG\n\n# POST-CONFIG\nhostname a\n"))
                .isEqualTo("blank line between an empty PRE-CONFIG section and '# POST-CONFIG'");
        assertThat(Os10ZtdDevice.batchFileProblem("# PRE-CONFIG\r\n# POST-CONFIG\r\nhostname a\r\n"))
                .isEqualTo("not Unix-style line formatted");
        assertThat(Os10ZtdDevice.batchFileProblem("# POST-CONFIG\nhostname a\n# PRE-CONFIG\n"))
                .isEqualTo("needs a '# PRE-CONFIG' line and then a '# POST-CONFIG' line");
        assertThat(Os10ZtdDevice.batchFileProblem("#PRE-CONFIG\n#POST-CONFIG\nhostname a\n"))
                .as("the hash sign and a space").isEqualTo("needs a '# PRE-CONFIG' line and then a '# POST-CONFIG' line");
    }

    @Test
    void theBundledDay0IsABatchFileZtdTakes() {
        Provisioning p = Provisioning.builder().inventory(InMemoryInventory.of(List.of(Os10ZtdAdapterIT.LEAF)))
                .adapters(List.of(new Os10ZtdAdapter())).global("admin_user", "admin").global("admin_password", "Replace-Me-7q")
                .build();
        assertThat(Os10ZtdDevice.batchFileProblem(p.day0Config("os10", Os10ZtdAdapterIT.LEAF))).isNull();
    }

    @Test
    void aVendorClassWithAQuoteIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> PlatformSettings.check(List.of(new Os10ZtdAdapter()),
                java.util.Map.of("os10.vendor-class", "Dell\"OS10")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setting os10.vendor-class=Dell\"OS10: not printable text without quotes, at most 64 characters");
        assertThatThrownBy(() -> PlatformSettings.check(List.of(new Os10ZtdAdapter()), java.util.Map.of("os10.vendor-clas", "x")))
                .hasMessageContaining("did you mean os10.vendor-class?");
    }
}
