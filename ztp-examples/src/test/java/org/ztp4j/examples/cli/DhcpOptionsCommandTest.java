package org.ztp4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DhcpOptionsCommandTest {

    @Test
    void printsTheSpecExampleForOption150() {
        Cli r = Cli.run("dhcp-options", "--tftp-server", "10.0.0.1,10.0.0.2");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("150 96080a0000010a000002\n");
    }

    @Test
    void printsOptions150Then66Then67ThenExtrasAsWholeTlvs() {
        // 66 "10.0.0.1": 0x42, length 8, ASCII; 67 "poap.py": 0x43, length 7, ASCII; 43 as given.
        Cli r = Cli.run("dhcp-options", "--bootfile", "poap.py", "--tftp-server-name", "10.0.0.1",
                "--tftp-server", "10.0.0.1", "--option", "43=0104c0a80001");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("150 96040a000001\n"
                + "66 42083130 2e302e30 2e31".replace(" ", "").replaceFirst("^6642", "66 42") + "\n"
                + "67 4307706f61702e7079\n"
                + "43 2b060104c0a80001\n");
    }

    @Test
    void badValuesAreExitTwoNamingTheFlagAndValue() {
        Cli v6 = Cli.run("dhcp-options", "--tftp-server", "2001:db8::1");
        assertThat(v6.code()).isEqualTo(2);
        assertThat(v6.err()).isEqualTo("ztp dhcp-options: --tftp-server: '2001:db8::1' is IPv6; an IPv4 address is needed here\n");
        Cli name = Cli.run("dhcp-options", "--tftp-server", "tftp.example.net");
        assertThat(name.err()).isEqualTo("ztp dhcp-options: --tftp-server: 'tftp.example.net' is not an IP address\n");
        Cli hex = Cli.run("dhcp-options", "--option", "43=xyz");
        assertThat(hex.code()).isEqualTo(2);
        assertThat(hex.err()).contains("option 43").contains("'xyz'");
        assertThat(Cli.run("dhcp-options").err()).contains("nothing to encode");
    }
}
