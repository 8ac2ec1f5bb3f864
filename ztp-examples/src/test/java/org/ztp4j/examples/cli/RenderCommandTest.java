package org.ztp4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCommandTest {

    @TempDir
    Path dir;

    @Test
    void printsTheDemoSwitchsReachabilityDay0() {
        Cli r = Cli.run("render", "--platform", "nxos", "--serial", "sal1234abcd");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("hostname leaf101\n").contains("feature ssh\n")
                .contains("ip route 0.0.0.0/0 192.0.2.1\n").contains("ip address 192.0.2.11/24\n");
        assertThat(Cli.run("render", "--platform", "ios", "--mac", "0000.5e00.5302").out())
                .contains("hostname branch-rtr1").contains("transport input ssh");
    }

    @Test
    void userTemplatesOverrideTheBundledOnes() throws Exception {
        Files.createDirectories(dir.resolve("nxos"));
        Files.writeString(dir.resolve("nxos/day0.cfg"), "hostname {{hostname}}-custom\n");
        Cli r = Cli.run("render", "--platform", "nxos", "--serial", "SAL1234ABCD", "--templates", dir.toString());
        assertThat(r.out()).isEqualTo("hostname leaf101-custom\n");
    }

    @Test
    void aMissingVariableIsExitTwoNamingDeviceTemplateAndVariable() throws Exception {
        Path inv = dir.resolve("devices.csv");
        Files.writeString(inv, "hostname,serial,platform,mgmt_address,mgmt_gateway\nsw9,SAL9,nxos,10.0.0.9/24,10.0.0.1\n");
        Cli r = Cli.run("render", "--platform", "nxos", "--serial", "SAL9", "--inventory", inv.toString(), "--var", "admin_user=admin");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("ztp render: template nxos/").contains("for device sw9").contains("variable 'admin_password'")
                .doesNotContain("Exception").endsWith("\n");
        assertThat(r.err().lines()).hasSize(1);
    }

    @Test
    void anAdminPasswordNxosWouldRefuseIsExitTwoNamingDeviceAndRule() throws Exception {
        Cli r = Cli.run("render", "--platform", "nxos", "--serial", "SAL1234ABCD", "--var", "admin_password=Switch123");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("ztp render: admin_password for leaf101 would be refused by NX-OS:")
                .contains("dictionary word 'switch'").doesNotContain("Switch123");
        assertThat(r.err().lines()).hasSize(1);
    }

    @Test
    void aValueWithALineBreakIsExitTwoAndAddsNoLineToTheConfig() throws Exception {
        Cli r = Cli.run("render", "--platform", "ios", "--serial", "FTX1234ABCD",
                "--var", "admin_password=x\nusername evil privilege 15 secret y");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).doesNotContain("username evil");
        assertThat(r.err()).contains("branch-rtr1").contains("variable 'admin_password' holds a line feed")
                .doesNotContain("evil");
        assertThat(r.err().lines()).hasSize(1);
    }

    @Test
    void aSecretFromAFileIsRenderedAndAMissingOneNamed() throws Exception {
        Path pw = dir.resolve("admin-password");
        Files.writeString(pw, "Kv6-Rq3m-Wx8\n");
        Cli r = Cli.run("render", "--platform", "ios", "--serial", "FTX1234ABCD", "--var-file", "admin_password=" + pw);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Kv6-Rq3m-Wx8").doesNotContain("Kv6-Rq3m-Wx8\n\n");
        assertThat(r.err()).isEmpty();
        Cli unset = Cli.run("render", "--platform", "ios", "--serial", "FTX1234ABCD",
                "--var-env", "admin_password=ZTP4J_TEST_UNSET_VARIABLE");
        assertThat(unset.code()).isEqualTo(2);
        assertThat(unset.err()).isEqualTo("ztp render: --var-env admin_password=ZTP4J_TEST_UNSET_VARIABLE:"
                + " environment variable ZTP4J_TEST_UNSET_VARIABLE is not set\n");
    }

    @Test
    void unknownDevicesPlatformsAndInventoriesAreExitTwo() throws Exception {
        assertThat(Cli.run("render", "--platform", "nxos", "--serial", "NOPE").err())
                .isEqualTo("ztp render: --serial NOPE: no such device in the demo inventory\n");
        assertThat(Cli.run("render", "--platform", "acme", "--serial", "SAL1234ABCD").err())
                .startsWith("ztp render: --platform: 'acme' is not one of ").contains("nxos").contains("ios");
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "hostname,serial\nsw1,SAL1\nsw1,SAL2\n");
        Cli r = Cli.run("render", "--platform", "nxos", "--serial", "SAL1", "--inventory", bad.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("ztp render: " + bad + ":3: duplicate hostname sw1 (first on line 2)\n");
        assertThat(Cli.run("render", "--platform", "nxos").code()).isEqualTo(2);
        assertThat(Cli.run("render", "--platform", "nxos", "--serial", "A", "--mac", "00:00:00:00:00:01").code()).isEqualTo(2);
    }
}
