package org.ztp4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.FileProvider;
import org.ztp4j.core.files.BytesResource;
import org.ztp4j.core.http.EndpointResponse;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;

/**
 * A provider and an endpoint see the header fields the device sent, names matched without case:
 * a Cumulus switch names itself in {@code CUMULUS-SERIAL} when it fetches its ZTP script.
 */
class RequestHeadersIT {

    @TempDir
    Path tmp;

    @Test
    void aProviderAndAnEndpointSeeTheDevicesHeaderFields() throws Exception {
        FileProvider bySerialHeader = request -> request.path().equals("/ztp.sh")
                ? request.headers().first("cumulus-serial").map(serial ->
                        BytesResource.of("ztp.sh", ("#!/bin/bash\n# for " + serial + "\n").getBytes(StandardCharsets.US_ASCII)))
                : Optional.empty();
        try (HttpFileServer server = HttpFileServer.builder()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .fileProvider(bySerialHeader)
                .endpoint("/whoami", request -> EndpointResponse.text(200, String.join(",",
                        request.headers().all("X-Device-Model")) + " " + request.header("user-agent")))
                .build().start()) {
            String curl = ExternalTool.require("curl", "curl").toString();
            String base = "http://127.0.0.1:" + server.port();
            assertThat(Processes.run(tmp, curl, "-sS", "-H", "CUMULUS-SERIAL: MT1234X00042", base + "/ztp.sh").stdout())
                    .isEqualTo("#!/bin/bash\n# for MT1234X00042\n");
            assertThat(Processes.run(tmp, curl, "-s", "-o", "/dev/null", "-w", "%{http_code}", base + "/ztp.sh").stdout())
                    .as("without the header the provider has no file for it").isEqualTo("404");
            assertThat(Processes.run(tmp, curl, "-sS", "-A", "ztp-test", "-H", "X-Device-Model: a", "-H", "X-Device-Model: b",
                    base + "/whoami").stdout()).isEqualTo("a,b ztp-test\n");
        }
    }
}
