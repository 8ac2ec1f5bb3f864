package org.ztp4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ztp4j.examples.testing.ZtpJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;

/** {@code ztp demo}: starts, says what to point DHCP at, and the commands it prints work as printed. */
class DemoCommandIT {

    @TempDir
    Path dir;

    @Test
    void theCommandsTheDemoPrintsFetchRealGeneratedFiles() throws Exception {
        ExternalTool.require("curl", "curl");
        int tftp = ZtpJar.freePort();
        int http = ZtpJar.freePort();
        try (ZtpJar demo = ZtpJar.start(dir, "demo", "--tftp-port", String.valueOf(tftp), "--http-port", String.valueOf(http))) {
            demo.await(Duration.ofSeconds(30), () -> out(demo).contains("Stop with Ctrl-C."), "the demo banner");
            String out = demo.out();
            assertThat(out).contains("nxos").contains("ios").contains("iosxe").contains("option 150 127.0.0.1")
                    .contains("option 67 poap.py").contains("option 67 http://127.0.0.1:" + http + "/ztp/iosxe.py");
            Matcher m = Pattern.compile("^  (curl -s \\S+)$", Pattern.MULTILINE).matcher(out);
            List<String> commands = m.results().map(r -> r.group(1)).toList();
            assertThat(commands).hasSize(2);
            for (String command : commands) {
                Processes.Result r = Processes.run(dir, command.split(" "));
                assertThat(r.stdout()).as(command).containsPattern("^(!|ip host )").contains("192.0.2.");
            }
            String status = ServeCommandIT.curl("http://127.0.0.1:" + http + "/api/devices");
            assertThat(status).contains("leaf101").contains("branch-rtr1").contains("access-sw1").contains("spine1").contains("access-pnp1").contains("leaf201").contains("spine201")
                    .contains("qfx101").contains("cx101").contains("dcleaf301").doesNotContain("Ztp4j-Demo-Only");
            Matcher state = Pattern.compile("^  State  state directory (\\S+) \\(deleted when it stops\\)$", Pattern.MULTILINE).matcher(out);
            assertThat(state.find()).as("the demo says where it keeps its state:\n" + out).isTrue();
            Path stateDir = Path.of(state.group(1));
            assertThat(stateDir).isDirectory().startsWith(Path.of(System.getProperty("java.io.tmpdir")));
            assertThat(dir.resolve("ztp4j-state")).doesNotExist();
            assertThat(demo.terminate()).isIn(0, 143);
            assertThat(stateDir).doesNotExist();
        }
    }

    private static String out(ZtpJar p) {
        return p.out();
    }
}
