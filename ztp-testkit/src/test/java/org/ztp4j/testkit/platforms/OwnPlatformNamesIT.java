package org.ztp4j.testkit.platforms;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.files.TemplateFileProvider;
import org.ztp4j.core.inventory.CsvInventory;
import org.ztp4j.server.Provisioning;
import org.ztp4j.testkit.SampleInventory;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;

/**
 * Every shipped adapter serves a device's files only under its own platform's names, over TFTP and
 * HTTP: {@code leaf1-confg} (an IOS name) does not return the NX-OS switch's config, nor
 * {@code conf.<SERIAL>} (an NX-OS name) the IOS router's. A device whose platform is not set is
 * served under no name at all, and the inventory load says so.
 */
class OwnPlatformNamesIT {

    @TempDir
    Path tmp;

    /** The sample devices, one per platform, and one whose platform nobody set. */
    static final String CSV = SampleInventory.CSV + "orphan1,SAL9999ZZZZ,00:00:5e:00:53:99,,192.0.2.99/24,192.0.2.1,,\n"
            + "leaf51,SNC5151ABCD,0c:42:a1:00:00:51,sonic,192.0.2.51/24,192.0.2.1,,\n"
            + "spine61,MT6161X0ABC,1c:34:da:00:00:61,cumulus,192.0.2.61/24,192.0.2.1,,\n"
            + "dcleaf81,NS8181T0081,1a:b0:81:ff:00:00,srlinux,192.0.2.81/24,192.0.2.1,,\n";

    /** Each platform's names for a device. */
    static Map<String, List<String>> namesOf(DeviceRecord d) {
        Map<String, List<String>> names = new LinkedHashMap<>();
        String serial = d.serial().value();
        names.put("nxos", List.of("conf." + serial, "conf." + serial + ".md5", "conf_" + d.mac().toHex12() + ".cfg",
                "conf_" + d.hostname() + ".cfg"));
        names.put("ios", List.of(d.hostname().toLowerCase() + "-confg", TemplateFileProvider.hostname8(d.hostname()) + ".cfg"));
        names.put("iosxe", List.of("ztp/day0/" + serial + ".cfg"));
        names.put("eos", List.of("eos/day0/" + serial + ".cfg"));
        names.put("junos", List.of("junos/day0/" + serial + ".conf", "junos/day0/" + serial + ".conf.md5"));
        names.put("aoscx", List.of("aoscx/day0/" + serial + ".cfg", "aoscx/day0/" + serial + ".cfg.md5"));
        names.put("sonic", List.of("sonic/config_db/" + serial + ".json"));
        names.put("cumulus", List.of("cumulus/ztp/" + serial + ".sh"));
        names.put("srlinux", List.of("srlinux/provision/" + serial + ".py"));
        return names;
    }

    private Optional<String> curl(String url) {
        Processes.Result r = Processes.runAllowingFailure(tmp, 30, ExternalTool.require("curl", "curl").toString(), "-sf", url);
        return r.exitCode() == 0 ? Optional.of(r.stdout()) : Optional.empty();
    }

    @Test
    void eachAdapterServesADeviceOnlyUnderItsOwnPlatformsNamesOverTftpAndHttp() throws Exception {
        CsvInventory inventory = CsvInventory.parse("own-names.csv", CSV);
        try (Provisioning ztp = Provisioning.builder().inventory(inventory).globals(SampleInventory.GLOBALS)
                .tftpPort(0).httpPort(0).reachabilityProbe(false).build().start()) {
            assertThat(ztp.adapters()).extracting(a -> a.id()).containsExactlyInAnyOrder("nxos", "ios", "iosxe", "eos", "junos", "aoscx", "pnp", "sonic", "cumulus", "srlinux");
            assertThat(ztp.warnings()).containsExactly(
                    "device orphan1: no platform, so no adapter serves it (give it one of " + ztp.adapters().stream().map(a -> a.id()).toList() + ")");
            List<String> bases = List.of("tftp://127.0.0.1:" + ztp.tftpAddress().getPort() + "/",
                    "http://127.0.0.1:" + ztp.httpAddress().getPort() + "/");
            List<String> wrong = new ArrayList<>();
            int served = 0;
            for (DeviceRecord d : inventory.devices()) {
                for (Map.Entry<String, List<String>> platform : namesOf(d).entrySet()) {
                    boolean own = platform.getKey().equals(d.platform());
                    for (String name : platform.getValue()) {
                        for (String base : bases) {
                            Optional<String> got = curl(base + name);
                            if (got.isPresent() != own) {
                                wrong.add(d.hostname() + " (" + d.platform() + ") " + base + name + (own ? " not served" : " served"));
                            } else if (own && !name.endsWith(".md5")) {
                                // IOS-XE's and EOS's served day-0 starts with the line that gives its script the device's token
                                String head = d.platform().equals("iosxe") || d.platform().equals("eos")
                                        ? "! ztp4j-device-token " + ztp.access().tokens().tokenFor(d) + "\n" : "";
                                assertThat(got.get()).as(base + name).isEqualTo(head + ztp.day0Config(d.platform(), d));
                                served++;
                            }
                        }
                    }
                }
            }
            assertThat(wrong).isEmpty();
            assertThat(served).isEqualTo(2 * (3 + 2 + 1 + 1 + 1 + 1 + 1)); // every own name of the seven devices, both protocols
        }
    }
}
