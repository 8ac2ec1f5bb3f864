package org.ztp4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code ztp platforms}, and {@code --set} checked against the settings the adapters declare. */
class PlatformsCommandTest {

    @Test
    void listsEveryInstalledAdapterWithItsMatchBootFileAndSettings() {
        Cli r = Cli.run("platforms");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith(org.ztp4j.core.PlatformAdapters.discover().size() + " platform adapters installed; offers as devices see them with TFTP server 192.0.2.1"
                + " and HTTP base http://192.0.2.1:8080, every setting at its default.\n");
        assertThat(r.out()).contains("\nnxos  Cisco NX-OS POAP  (org.ztp4j.platform.nxos.NxosPoapAdapter)\n"
                + "  DHCP match:  option 77 (user class) starts with \"Cisco-POAP\"\n"
                + "  boot file:   option 67 poap.py; TFTP server in options 150 and 66 and next-server\n"
                + "  settings:\n");
        assertThat(r.out()).containsPattern("\n    nxos\\.transfer +one of tftp\\|http\\|https\\|scp +default tftp\n"
                + "        how the script downloads");
        assertThat(r.out()).containsPattern("\n    nxos\\.image +file name +default none\n");
        assertThat(r.out()).containsPattern("\n    ios\\.save +boolean +default false\n        add an EEM applet");
        assertThat(r.out()).contains("\nios  Cisco IOS AutoInstall", "  DHCP match:  every device no other platform matches\n",
                "  boot file:   none (option 67 not sent); TFTP server in options 150 and 66 and next-server\n");
        assertThat(r.out()).contains("\niosxe  Cisco IOS-XE ZTP", "  DHCP match:  option 60 (vendor class) starts with \"ciscopnp\"\n",
                "  boot file:   option 67 http://192.0.2.1:8080/ztp/iosxe.py\n");
        assertThat(r.out()).containsPattern("\n    iosxe\\.mgmt-vrf +text \\(a VRF name, or none\\) +default Mgmt-vrf\n");
        assertThat(r.out()).contains("\neos  Arista EOS ZTP", "  boot file:   option 67 http://192.0.2.1:8080/eos/bootstrap\n");
        assertThat(r.out()).containsPattern("\n    eos\\.image +file name +default none\n        an EOS image");
        assertThat(r.out()).contains("\njunos  Juniper Junos ZTP", "  DHCP match:  option 60 (vendor class) starts with \"Juniper-\"\n",
                "  options:     option 43 sub-options 1=\"junos/ztp.conf\" 3=\"tftp\"\n");
        assertThat(r.out()).contains("\naoscx  Aruba AOS-CX ZTP", "  boot file:   option 67 aoscx/ztp.cfg; TFTP server in options 150 and 66 and next-server\n");
        assertThat(r.out()).contains("\npnp  Cisco Plug and Play", "  boot file:   none (option 67 not sent)\n",
                "  options:     option 43 text \"5A1N;B2;K4;I192.0.2.1;J8080\"\n");
        assertThat(r.out()).containsPattern("\n    pnp\\.apply-to +one of running\\|startup +default running\n");
        for (String key : new String[] {"nxos.mode", "nxos.vrf", "nxos.https-ignore-certificate", "nxos.transfer-user",
                "ios.mgmt-interface", "ios.default-config", "iosxe.transfer", "iosxe.image", "iosxe.mgmt-interface", "iosxe.netconf"}) {
            assertThat(r.out()).contains("\n    " + key + " ");
        }
    }

    @Test
    void showsTheOffersWithTheServersGiven() {
        Cli r = Cli.run("platforms", "--tftp-server", "10.0.0.1", "--http-base", "http://10.0.0.1:80");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("  boot file:   option 67 http://10.0.0.1:80/ztp/iosxe.py\n");
        assertThat(Cli.run("platforms", "--tftp-server", "nope").err()).isEqualTo("ztp platforms: --tftp-server: 'nope' is not an IP address\n");
    }

    @Test
    void aMisspeltSettingIsExitTwoNamingTheNearestKnownOne() {
        Cli r = Cli.run("dhcp", "--format", "isc", "--platform", "nxos", "--tftp-server", "10.0.0.1", "--set", "nxos.tranfser=http");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("ztp dhcp: --set: unknown setting nxos.tranfser (did you mean nxos.transfer?)\n");

        Cli render = Cli.run("render", "--platform", "ios", "--mac", "0000.5e00.5302", "--set", "ios.sav=true");
        assertThat(render.code()).isEqualTo(2);
        assertThat(render.err()).isEqualTo("ztp render: --set: unknown setting ios.sav (did you mean ios.save?)\n");

        Cli platform = Cli.run("render", "--platform", "ios", "--mac", "0000.5e00.5302", "--set", "nxox.image=x.tgz");
        assertThat(platform.err()).startsWith("ztp render: --set: unknown setting nxox.image: no installed platform is nxox (installed: ")
                .endsWith("(did you mean nxos.image?)\n");
    }

    @Test
    void aBadValueIsExitTwoNamingTheSettingAndTheValue() {
        Cli r = Cli.run("dhcp", "--format", "isc", "--platform", "iosxe", "--tftp-server", "10.0.0.1", "--set", "iosxe.transfer=ftp");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("ztp dhcp: --set: setting iosxe.transfer=ftp: must be one of http, tftp\n");
        assertThat(Cli.run("render", "--platform", "ios", "--mac", "0000.5e00.5302", "--set", "ios.save=yes").err())
                .isEqualTo("ztp render: --set: setting ios.save=yes: must be true or false\n");
    }

    @Test
    void knownSettingsStillWork() {
        Cli r = Cli.run("dhcp", "--format", "dnsmasq", "--platform", "iosxe", "--tftp-server", "10.0.0.1",
                "--http-base", "http://10.0.0.1:8080", "--set", "iosxe.transfer=tftp");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("67,\"ztp/iosxe.py\"");
        Cli save = Cli.run("render", "--platform", "ios", "--mac", "0000.5e00.5302", "--set", "ios.save=TRUE");
        assertThat(save.code()).as(save.err()).isZero();
        assertThat(save.out()).contains("write memory");
    }

    @Test
    void sonicAndCumulusAreListedWithTheirOffersAndSettings() {
        Cli r = Cli.run("platforms");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\nsonic  SONiC ZTP", "  DHCP match:  option 77 (user class) starts with \"SONiC-ZTP\"\n",
                "  boot file:   option 67 http://192.0.2.1:8080/sonic/ztp.json\n",
                "  options:     option 239 text \"http://192.0.2.1:8080/sonic/bootstrap.sh\"\n", "sonic.boot", "sonic.image");
        assertThat(r.out()).contains("\ncumulus  NVIDIA Cumulus Linux ZTP",
                "  DHCP match:  option 60 (vendor class) starts with \"cumulus-linux\"\n",
                "  options:     option 239 text \"http://192.0.2.1:8080/cumulus/ztp.sh\"\n", "cumulus.password-hardening",
                "cumulus.image", "cumulus.release");
    }

    @Test
    void srlinuxIsListedWithItsOfferAndSettings() {
        Cli r = Cli.run("platforms");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\nsrlinux  Nokia SR Linux ZTP  (org.ztp4j.platform.srlinux.SrLinuxZtpAdapter)\n",
                "  DHCP match:  option 60 (vendor class) starts with \"NOKIA\"\n",
                "  boot file:   option 67 http://192.0.2.1:8080/srlinux/provision.py\n");
        assertThat(r.out()).containsPattern("\n    srlinux\\.vendor-class +text .*default NOKIA\n");
        assertThat(r.out()).contains("\n    srlinux.image ", "\n    srlinux.release ");
    }
}
