package org.ztp4j.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The host names a server answers to: DNS rebinding sends a name that is not one of them. */
class AllowedHostsTest {

    @Test
    void onLoopbackLocalhostAndEveryLoopbackLiteralAnswerButNoOtherName() throws Exception {
        AllowedHosts hosts = AllowedHosts.forServer(InetAddress.getByName("127.0.0.1"), null, List.of());
        assertThat(hosts.permits("127.0.0.1:8080")).isTrue();
        assertThat(hosts.permits("127.0.0.2")).isTrue();
        assertThat(hosts.permits("localhost:8080")).isTrue();
        assertThat(hosts.permits("LOCALHOST.")).isTrue();
        assertThat(hosts.permits("[::1]:8080")).isTrue();
        assertThat(hosts.permits("[0:0:0:0:0:0:0:1]")).isTrue();
        assertThat(hosts.permits(InetAddress.getLocalHost().getHostName())).isTrue();
        assertThat(hosts.permits("evil.example:8080")).isFalse();
        assertThat(hosts.permits("localhost.evil.example")).isFalse();
        assertThat(hosts.permits("127.0.0.1.evil.example")).isFalse();
        assertThat(hosts.permits("192.0.2.10")).isFalse();
        assertThat(hosts.permits("")).isFalse();
        assertThat(hosts.permits(":8080")).isFalse();
    }

    @Test
    void onAnAddressItsLiteralTheAdvertisedOneAndTheNamesGivenAnswerButNotLocalhost() throws Exception {
        AllowedHosts hosts = AllowedHosts.forServer(InetAddress.getByName("192.0.2.2"), InetAddress.getByName("198.51.100.7"),
                List.of("ztp.example.net", "[2001:db8::5]"));
        assertThat(hosts.permits("192.0.2.2:8080")).isTrue();
        assertThat(hosts.permits("198.51.100.7")).isTrue();
        assertThat(hosts.permits("ZTP.example.net:8443")).isTrue();
        assertThat(hosts.permits("[2001:db8:0::5]:8080")).isTrue();
        assertThat(hosts.permits("localhost:8080")).isFalse();
        assertThat(hosts.permits("127.0.0.1:8080")).isFalse();
        assertThat(hosts.permits("192.0.2.3")).isFalse();
        assertThat(hosts.permits("example.net")).isFalse();
    }

    @Test
    void onTheWildcardEveryAddressOfThisMachineAnswers() throws Exception {
        AllowedHosts hosts = AllowedHosts.forServer(InetAddress.getByName("0.0.0.0"), InetAddress.getByName("192.0.2.2"), List.of());
        assertThat(hosts.permits("localhost")).isTrue();
        assertThat(hosts.permits("127.0.0.1")).isTrue();
        for (var n : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            for (var a : java.util.Collections.list(n.getInetAddresses())) {
                if (a instanceof java.net.Inet4Address) {
                    assertThat(hosts.permits(a.getHostAddress())).as(a.toString()).isTrue();
                }
            }
        }
        assertThat(hosts.permits("evil.example")).isFalse();
    }

    @Test
    void aNameThatIsNotAHostNameIsRefused() {
        assertThatThrownBy(() -> AllowedHosts.forServer(InetAddress.getLoopbackAddress(), null, List.of("evil example")))
                .hasMessage("allowed host 'evil example': not a host name or address literal");
        assertThatThrownBy(() -> AllowedHosts.forServer(InetAddress.getLoopbackAddress(), null, List.of(" ")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
