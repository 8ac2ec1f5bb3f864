package org.ztp4j.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ztp4j.core.checksum.PoapScript;
import org.ztp4j.platform.iosxe.IosXeZtpAdapter;
import org.ztp4j.platform.nxos.NxosPoapAdapter;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;

/**
 * Every script the adapters generate compiles with python3 (Python 3 on NX-OS 9.3+ and Guest Shell
 * 17.x), and with python2 where one is installed (NX-OS 7.x and Guest Shell 16.x run 2.7).
 */
class GeneratedScriptsCompileIT {

    @TempDir
    Path tmp;

    private void compiles(byte[] script, String name) throws IOException {
        Path file = tmp.resolve(name);
        Files.write(file, script);
        Path python3 = ExternalTool.require("python3", "python3");
        Processes.run(tmp, python3.toString(), "-m", "py_compile", file.toString());
        if (python2Works()) {
            Processes.run(tmp, "python2", "-m", "py_compile", file.toString());
        }
    }

    /** A python2 that actually runs (a pyenv shim without an interpreter behind it does not count). */
    private boolean python2Works() {
        if (ExternalTool.find("python2").isEmpty()) {
            return false;
        }
        return Processes.runAllowingFailure(tmp, 30, "python2", "-c", "import sys; sys.exit(0 if sys.version_info[0] == 2 else 1)")
                .exitCode() == 0;
    }

    @ParameterizedTest(name = "POAP script, mode {0} over {1}, image {2}")
    @CsvSource({
            "serial, tftp, ''",
            "serial, http, ''",
            "mac, https, ''",
            "hostname, tftp, ''",
            "serial, scp, ''",
            "serial, http, nxos64-cs.10.4.3.F.bin",
            "mac, tftp, nxos64-cs.10.4.3.F.bin"})
    void poapScriptsCompileAndCarryAValidMd5(String mode, String transfer, String image) throws IOException {
        Map<String, String> settings = new java.util.HashMap<>(Map.of("nxos.mode", mode, "nxos.transfer", transfer,
                "nxos.image", image, "nxos.transfer-user", "poap"));
        Map<String, String> globals = new java.util.HashMap<>(Fixtures.GLOBALS);
        globals.put("transfer_password", "pa\"ss\\word");
        var servers = new org.ztp4j.core.BootServers(Fixtures.servers().tftpServers(), 69,
                java.net.URI.create("http://192.0.2.1:8080"), java.net.URI.create("https://192.0.2.1:8443"));
        var context = new org.ztp4j.core.PlatformContext(Fixtures.inventory(), null, servers, null, null, globals, settings);
        byte[] script = new NxosPoapAdapter().script(context);

        assertThat(PoapScript.verify(script).status()).isEqualTo(PoapScript.Status.OK);
        assertThat(new String(script, java.nio.charset.StandardCharsets.UTF_8))
                .contains("MODE = \"" + mode + "\"", "PROTOCOL = \"" + transfer + "\"", "IMAGE = \"" + image + "\"")
                .doesNotContain("{{");
        compiles(script, "poap_" + mode + "_" + transfer + ".py");
    }

    @ParameterizedTest(name = "IOS-XE script over {0}, image {1}")
    @CsvSource({"http, ''", "http, cat9k_iosxe.17.09.05.SPA.bin", "tftp, ''", "tftp, cat9k_iosxe.17.09.05.SPA.bin"})
    void iosXeScriptsCompile(String transfer, String image) throws IOException {
        String script = new IosXeZtpAdapter().script(Fixtures.context(Map.of("iosxe.transfer", transfer, "iosxe.image", image)));
        assertThat(script).contains("IMAGE = \"" + image + "\"").doesNotContain("{{");
        compiles(script.getBytes(java.nio.charset.StandardCharsets.UTF_8), "iosxe_" + transfer + ".py");
    }

    @Test
    void theScriptsUsePython27CompatibleSyntaxOnly() {
        String poap = new String(new NxosPoapAdapter().script(Fixtures.context(Map.of())), java.nio.charset.StandardCharsets.UTF_8);
        String iosxe = new IosXeZtpAdapter().script(Fixtures.context(Map.of()));
        for (String s : new String[] {poap, iosxe}) {
            assertThat(s).contains("from __future__ import print_function")
                    .doesNotContainPattern("(?m)\\bf\"|\\bf'")   // no f-strings
                    .doesNotContain("nonlocal").doesNotContain("async ");
        }
    }
}
