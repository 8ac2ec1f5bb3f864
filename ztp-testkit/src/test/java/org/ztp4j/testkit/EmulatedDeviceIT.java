package org.ztp4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.testing.ExternalTool;

/** Runs scripts on emulated devices with the real python3: time bounds and state folders. */
class EmulatedDeviceIT {

    @TempDir
    Path tmp;

    @AfterEach
    void stopWhatATestLeftRunning() {
        // A regression would leave the sleeping script behind: do not let it outlive the test.
        ProcessHandle.current().descendants()
                .filter(h -> h.info().commandLine().orElse("").contains(tmp.toString()))
                .forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void aScriptThatNeverEndsIsStoppedAtTheTimeoutAndItsOutputSoFarIsNamed() {
        ExternalTool.require("python3", "python3");
        EmulatedDevice device = EmulatedDevice.create(tmp, EmulatedDevice.Kind.NXOS).withTimeout(Duration.ofSeconds(2));
        byte[] script = """
                import sys, time
                print("poap: waiting for the server")
                sys.stdout.flush()
                time.sleep(3600)
                """.getBytes(StandardCharsets.UTF_8);

        long t0 = System.nanoTime();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatIllegalStateException()
                .isThrownBy(() -> device.run(script, Map.of("POAP_SERIAL", "SAL1234ABCD")))
                .withMessageContaining("still ran after 2 s")
                .withMessageContaining("poap: waiting for the server"));

        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
        assertThat(device.timeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aScriptThatEndsInTimeReportsItsExitCodeAndOutput() {
        ExternalTool.require("python3", "python3");
        EmulatedDevice device = EmulatedDevice.create(tmp, "NXOS").withTimeout(Duration.ofSeconds(30));

        EmulatedDevice.Run run = device.run("print('done')\nraise SystemExit(3)\n".getBytes(StandardCharsets.UTF_8), Map.of());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.output()).isEqualTo("done\n");
    }

    @Test
    void twoDevicesOfOneKindUnderOneParentKeepTheirOwnFlashAndCommands() {
        ExternalTool.require("python3", "python3");
        EmulatedDevice leaf1 = EmulatedDevice.create(tmp, EmulatedDevice.Kind.NXOS);
        EmulatedDevice leaf2 = EmulatedDevice.create(tmp, EmulatedDevice.Kind.NXOS);
        String script = """
                import os
                from cli import cli
                cli("show %s")
                with open(os.path.join(os.environ["ZTP4J_BOOTFLASH"], "who"), "w") as f:
                    f.write("%s")
                """;

        EmulatedDevice.Run one = leaf1.run(script.formatted("version", "leaf1").getBytes(StandardCharsets.UTF_8), Map.of());
        EmulatedDevice.Run two = leaf2.run(script.formatted("hostname", "leaf2").getBytes(StandardCharsets.UTF_8), Map.of());

        assertThat(one.exitCode()).as(one.output()).isZero();
        assertThat(two.exitCode()).as(two.output()).isZero();
        assertThat(leaf1.state()).isNotEqualTo(leaf2.state()).startsWith(tmp);
        assertThat(leaf1.commands()).containsExactly("cli show version");
        assertThat(leaf2.commands()).containsExactly("cli show hostname");
        assertThat(leaf1.flash().resolve("who")).hasContent("leaf1");
        assertThat(leaf2.flash().resolve("who")).hasContent("leaf2");
    }

    @Test
    void aTimeoutMustBePositive() {
        EmulatedDevice device = EmulatedDevice.create(tmp, EmulatedDevice.Kind.EOS);
        assertThatIllegalArgumentException().isThrownBy(() -> device.withTimeout(Duration.ZERO))
                .withMessageContaining("timeout PT0S");
    }

    @Test
    void aPython27ReleaseRunsItsScriptOnJythonAndTheModelKnowsItsRelease() {
        EmulatedDevice device = EmulatedDevice.create(tmp, EmulatedDevice.Kind.IOSXE)
                .withInterpreter(EmulatedDevice.Interpreter.JYTHON);
        String script = """
                from __future__ import print_function
                import os, sys
                print("python %d.%d" % sys.version_info[:2], os.environ["EMULATOR_RELEASE"], os.environ["EMULATOR_INTERPRETER"])
                import cli
                print(cli.cli("show version").splitlines()[0])
                """;

        EmulatedDevice.Run run = device.run(script.getBytes(StandardCharsets.UTF_8), Map.of());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("python 2.7 16.12.05 jython");
        assertThat(device.release()).isEqualTo("16.12.05");
        assertThat(device.withRelease("16.9.3").withInterpreter(EmulatedDevice.Interpreter.PYTHON3).release())
                .as("a release given stays when the interpreter changes").isEqualTo("16.9.3");
        assertThat(device.withInterpreter(EmulatedDevice.Interpreter.PYTHON3).release()).isEqualTo("17.09.04a");
    }

    @Test
    void aReleaseThatIsNotAReleaseNameIsRefusedNamingIt() {
        EmulatedDevice device = EmulatedDevice.create(tmp, EmulatedDevice.Kind.NXOS);

        assertThatIllegalArgumentException().isThrownBy(() -> device.withRelease("9.3; rm -rf /"))
                .withMessageContaining("release '9.3; rm -rf /'")
                .withMessageContaining("10.3(4a)");
    }
}
