package org.ztp4j.server.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ztp4j.server.status.Samples.bySerial;
import static org.ztp4j.server.status.Samples.client;
import static org.ztp4j.server.status.Samples.ip;
import static org.ztp4j.server.status.Samples.record;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.DeviceIdentity;
import org.ztp4j.core.Protocol;
import org.ztp4j.core.ProvisioningEvent;

class EventJsonTest {

    static final Instant T = Instant.parse("2026-11-24T10:00:32Z");
    static final DeviceIdentity LEAF = bySerial("SAL1234ABCD", "10.0.0.7").withPlatform("nxos");
    static final String DEVICE = "\"device\":{\"serial\":\"SAL1234ABCD\",\"mac\":null,\"address\":\"10.0.0.7\",\"platform\":\"nxos\"}";

    @Test
    void aServedFileHasPathProtocolClientBytesAndDuration() {
        String json = EventJson.of(new ProvisioningEvent.FileServed(T, LEAF, "conf.SAL1234ABCD", Protocol.TFTP, client(LEAF),
                2000, Duration.ofMillis(200)));
        assertThat(json).isEqualTo("{\"type\":\"FileServed\",\"time\":\"2026-11-24T10:00:32Z\"," + DEVICE
                + ",\"path\":\"conf.SAL1234ABCD\",\"protocol\":\"TFTP\",\"client\":\"10.0.0.7:49152\",\"bytes\":2000,\"durationMillis\":200,\"sha256\":null}");
    }

    @Test
    void everyOtherEventTypeHasItsOwnFields() {
        assertThat(EventJson.of(new ProvisioningEvent.FileRequested(T, LEAF, "poap.py", Protocol.HTTP, client(LEAF))))
                .endsWith(DEVICE + ",\"path\":\"poap.py\",\"protocol\":\"HTTP\",\"client\":\"10.0.0.7:49152\"}");
        assertThat(EventJson.of(new ProvisioningEvent.TransferFailed(T, LEAF, "x.bin", Protocol.HTTP, client(LEAF), 5, "client went away")))
                .endsWith(",\"path\":\"x.bin\",\"protocol\":\"HTTP\",\"client\":\"10.0.0.7:49152\",\"bytesSent\":5,\"reason\":\"client went away\"}");
        assertThat(EventJson.of(new ProvisioningEvent.TransferProgress(T, LEAF, "x.bin", Protocol.HTTP, 40, 100)))
                .endsWith(",\"path\":\"x.bin\",\"protocol\":\"HTTP\",\"bytesSent\":40,\"totalBytes\":100}");
        assertThat(EventJson.of(new ProvisioningEvent.ConfigRendered(T, LEAF, "nxos.mustache", "conf.SAL1234ABCD", 2000)))
                .endsWith(",\"template\":\"nxos.mustache\",\"path\":\"conf.SAL1234ABCD\",\"bytes\":2000}");
        assertThat(EventJson.of(new ProvisioningEvent.DeviceReported(T, LEAF, false, "no \"space\"")))
                .endsWith(",\"success\":false,\"message\":\"no \\\"space\\\"\"}");
        assertThat(EventJson.of(new ProvisioningEvent.DeviceReachable(T, LEAF, ip("192.0.2.11"), "tcp/22 open")))
                .startsWith("{\"type\":\"DeviceReachable\",").endsWith(",\"address\":\"192.0.2.11\",\"how\":\"tcp/22 open\"}");
    }

    @Test
    void anIdentifiedDeviceShowsItsNameButNeverItsTemplateVariables() {
        String json = EventJson.of(new ProvisioningEvent.DeviceIdentified(T, LEAF, record("leaf101"), "serial in file name"));
        assertThat(json).endsWith(DEVICE + ",\"hostname\":\"leaf101\",\"managementAddress\":\"192.0.2.11\",\"how\":\"serial in file name\"}");
        assertThat(json).doesNotContain(Samples.SECRET).doesNotContain("admin_password");
    }

    @Test
    void anIpv6ClientIsBracketedAndAnUnknownDeviceHasNulls() {
        DeviceIdentity v6 = DeviceIdentity.ofAddress(ip("2001:db8::7"));
        String json = EventJson.of(new ProvisioningEvent.FileRequested(T, v6, "ztp.py", Protocol.HTTP, client(v6)));
        assertThat(json).contains("\"device\":{\"serial\":null,\"mac\":null,\"address\":\"2001:db8:0:0:0:0:0:7\",\"platform\":null}")
                .contains("\"client\":\"[2001:db8:0:0:0:0:0:7]:49152\"");
    }
}
