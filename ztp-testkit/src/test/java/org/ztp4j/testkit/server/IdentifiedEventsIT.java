package org.ztp4j.testkit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.Protocol;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.SerialNumber;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;
import org.ztp4j.testkit.ZtpServerExtension;

/**
 * Once a provider tied a request to a device, the server's events about that transfer name the
 * device, not just the address that asked; and a path is spelt the same over TFTP and HTTP.
 */
class IdentifiedEventsIT {

    @RegisterExtension
    static final ZtpServerExtension ZTP = ZtpServerExtension.builder().configure(b -> b.reachabilityProbe(false)).build();

    @TempDir
    Path tmp;

    @Test
    void fileServedNamesTheIdentifiedDeviceWithOnePathSpellingOverTftpAndHttp() throws Exception {
        String curl = ExternalTool.require("curl", "curl").toString();
        Processes.run(tmp, curl, "-sS", "-o", tmp.resolve("t").toString(), ZTP.tftpUrl("conf.SAL1234ABCD"));
        Processes.run(tmp, curl, "-sS", "-o", tmp.resolve("h").toString(), ZTP.httpUrl("conf.SAL1234ABCD").toString());
        Processes.run(tmp, curl, "-sS", "-o", tmp.resolve("m").toString(), ZTP.httpUrl("conf.SAL1234ABCD.md5").toString());

        List<ProvisioningEvent.FileServed> served = List.of(
                await(Protocol.TFTP, "conf.SAL1234ABCD"), await(Protocol.HTTP, "conf.SAL1234ABCD"),
                await(Protocol.HTTP, "conf.SAL1234ABCD.md5"));
        assertThat(served).allSatisfy(e -> {
            assertThat(e.device().serial()).isEqualTo(SerialNumber.of("SAL1234ABCD"));
            assertThat(e.device().platform()).isEqualTo("nxos");
            assertThat(e.device().clientAddress()).isNotNull();
        });
        assertThat(ZTP.events().of(ProvisioningEvent.FileRequested.class))
                .extracting(ProvisioningEvent.FileRequested::protocol, ProvisioningEvent.FileRequested::path)
                .contains(tuple(Protocol.TFTP, "conf.SAL1234ABCD"), tuple(Protocol.HTTP, "conf.SAL1234ABCD"));
    }

    private static ProvisioningEvent.FileServed await(Protocol protocol, String path) throws InterruptedException {
        return ZTP.events().await(ProvisioningEvent.FileServed.class, org.ztp4j.testing.Eventually.WAIT,
                e -> e.protocol() == protocol && e.path().equals(path)).orElseThrow(() -> new AssertionError(
                        "no FileServed " + protocol + " " + path + " in " + ZTP.events().all()));
    }
}
