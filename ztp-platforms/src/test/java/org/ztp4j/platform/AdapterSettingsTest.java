package org.ztp4j.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ztp4j.core.PlatformAdapter;
import org.ztp4j.core.PlatformAdapters;
import org.ztp4j.core.PlatformContext;
import org.ztp4j.core.PlatformSetting;
import org.ztp4j.core.PlatformSettings;
import org.ztp4j.platform.iosxe.IosXeZtpAdapter;
import org.ztp4j.platform.nxos.NxosPoapAdapter;

/**
 * Every shipped adapter declares the settings it reads, with defaults that are what it uses when a
 * setting is not given, and reads every one it declares (a bad value for each is refused, naming it).
 */
class AdapterSettingsTest {

    static List<PlatformAdapter> adapters() {
        return PlatformAdapters.discover();
    }

    /** Everything of an adapter that reads settings: the offer, the files, a day-0, the scripts. */
    private static String exercise(PlatformAdapter adapter, PlatformContext context) {
        StringBuilder seen = new StringBuilder();
        seen.append(adapter.bootOffer(context)).append('\n');
        Objects.requireNonNull(adapter.files(context));
        String host = switch (adapter.id()) {
            case "nxos" -> "leaf1";
            case "ios" -> "Branch-Rtr1";
            default -> "access1";
        };
        seen.append(adapter.day0Config(Fixtures.device(host), context));
        if (adapter instanceof NxosPoapAdapter nxos) {
            seen.append(new String(nxos.script(context), java.nio.charset.StandardCharsets.UTF_8));
        }
        if (adapter instanceof IosXeZtpAdapter iosxe) {
            seen.append(iosxe.script(context));
        }
        return seen.toString();
    }

    @Test
    void theShippedAdaptersDeclareTheirSettings() {
        Map<String, PlatformSetting<?>> declared = PlatformSettings.declared(adapters());
        assertThat(declared.keySet()).containsExactly(
                "nxos.mode", "nxos.transfer", "nxos.vrf", "nxos.image", "nxos.https-ignore-certificate", "nxos.transfer-user",
                "nxos.scp-folder", "nxos.required-space", "nxos.password-strength-check",
                "ios.mgmt-interface", "ios.autoinstall-interface", "ios.save", "ios.default-config",
                "iosxe.transfer", "iosxe.image", "iosxe.mgmt-interface", "iosxe.mgmt-vrf", "iosxe.netconf",
                "eos.image",
                "junos.transfer", "junos.image", "junos.mgmt-interface", "junos.management-instance", "junos.ztp-file",
                "aoscx.vendor-class", "aoscx.image",
                "pnp.transport", "pnp.discovery", "pnp.apply-to", "pnp.image", "pnp.image-md5", "pnp.backoff-minutes", "pnp.mgmt-interface",
                "pnp.mgmt-vrf",
                "sonic.boot", "sonic.image",
                "cumulus.password-hardening", "cumulus.image", "cumulus.release",
                "srlinux.vendor-class", "srlinux.image", "srlinux.release");
        assertThat(declared.values()).allSatisfy(s -> assertThat(s.description()).isNotBlank().doesNotEndWith("."));
        assertThat(declared.get("nxos.transfer").type()).isEqualTo("one of tftp|http|https|scp");
        assertThat(declared.get("ios.save").defaultText()).isEqualTo("false");
        assertThat(declared.get("iosxe.mgmt-vrf").defaultText()).isEqualTo("Mgmt-vrf");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adapters")
    void givingEveryDefaultExplicitlyChangesNothing(PlatformAdapter adapter) {
        Map<String, String> defaults = new HashMap<>();
        for (PlatformSetting<?> s : adapter.settings()) {
            if (s.defaultValue() != null) {
                defaults.put(s.key(), s.defaultText());
            }
        }
        assertThat(exercise(adapter, Fixtures.context(defaults))).isEqualTo(exercise(adapter, Fixtures.context(Map.of())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adapters")
    void everyDeclaredSettingIsReadSoABadValueIsRefusedNamingIt(PlatformAdapter adapter) {
        assertThatCode(() -> exercise(adapter, Fixtures.context(Map.of()))).doesNotThrowAnyException();
        for (PlatformSetting<?> s : adapter.settings()) {
            String bad = "no such value!";
            assertThatThrownBy(() -> s.parse(bad)).as(s.key()).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> exercise(adapter, Fixtures.context(Map.of(s.key(), bad)))).as(s.key())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("setting " + s.key() + "=" + bad + ": ");
        }
    }

    @Test
    void aMisspeltSettingOfAShippedAdapterNamesTheRightOne() {
        assertThatThrownBy(() -> PlatformSettings.check(adapters(), Map.of("nxos.tranfser", "http")))
                .hasMessage("unknown setting nxos.tranfser (did you mean nxos.transfer?)");
        assertThatThrownBy(() -> PlatformSettings.check(adapters(), Map.of("ios.mgmt_interface", "Gi0/1")))
                .hasMessage("unknown setting ios.mgmt_interface (did you mean ios.mgmt-interface?)");
        assertThatThrownBy(() -> PlatformSettings.check(adapters(), Map.of("iosxe.netconf", "yes")))
                .hasMessage("setting iosxe.netconf=yes: must be true or false");
        assertThatCode(() -> PlatformSettings.check(adapters(), Map.of("nxos.transfer", "scp", "nxos.transfer-user", "ztp",
                "iosxe.mgmt-vrf", "none", "ios.save", "true"))).doesNotThrowAnyException();
    }

    @Test
    void anAdapterThatReadsASettingItDoesNotDeclareFailsLoudly() {
        TemplatedPlatformAdapter sneaky = new TemplatedPlatformAdapter("eos", "Sneaky", "eos/day0.cfg") {
            @Override
            public boolean recognises(org.ztp4j.core.DhcpFingerprint dhcp) {
                return false;
            }

            @Override
            public org.ztp4j.core.BootOffer bootOffer(PlatformContext context) {
                setting(context, NxosPoapAdapter.TRANSFER);
                return null;
            }

            @Override
            public org.ztp4j.core.FileProvider files(PlatformContext context) {
                return null;
            }
        };
        assertThatThrownBy(() -> sneaky.bootOffer(Fixtures.context(Map.of())))
                .isInstanceOf(IllegalStateException.class).hasMessage("eos reads setting nxos.transfer without declaring it in settings()");
    }
}
