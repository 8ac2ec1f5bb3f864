package org.ztp4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ztp4j.core.checksum.PoapScript;

class PoapMd5CommandTest {

    @TempDir
    Path dir;

    @Test
    void stampsEachScriptInPlaceAndPrintsLikeMd5sum() throws Exception {
        Path a = dir.resolve("a.py");
        Path b = dir.resolve("b.py");
        Files.writeString(a, "#!/bin/env python\nprint(1)\n");
        Files.writeString(b, "#!/bin/env python\n#md5sum=\"0\"\nprint(2)\n");
        Cli r = Cli.run("poap-md5", a.toString(), b.toString());
        assertThat(r.code()).isZero();
        String ma = PoapScript.embedded(Files.readAllBytes(a)).orElseThrow();
        String mb = PoapScript.embedded(Files.readAllBytes(b)).orElseThrow();
        assertThat(r.out()).isEqualTo(ma + "  " + a + "\n" + mb + "  " + b + "\n");
        assertThat(Files.readString(a).lines().toList().get(1)).isEqualTo("#md5sum=\"" + ma + "\"");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void checkReportsEachFileAndExitsOneWhenAnyFails() throws Exception {
        Path ok = dir.resolve("ok.py");
        Path bad = dir.resolve("bad.py");
        Path none = dir.resolve("none.py");
        Files.write(ok, PoapScript.stamp("#!/bin/env python\nprint(1)\n".getBytes()));
        Files.writeString(bad, "#!/bin/env python\n#md5sum=\"00000000000000000000000000000000\"\nprint(1)\n");
        Files.writeString(none, "#!/bin/env python\nprint(1)\n");
        String computed = PoapScript.md5(Files.readAllBytes(bad));
        Cli r = Cli.run("poap-md5", "--check", ok.toString(), bad.toString(), none.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEqualTo(ok + ": OK\n"
                + bad + ": MISMATCH (embedded 00000000000000000000000000000000, computed " + computed + ")\n"
                + none + ": NO MD5 LINE\n");
        assertThat(Cli.run("poap-md5", "--check", ok.toString()).code()).isZero();
    }

    @Test
    void aMissingFileIsExitTwoWithOneLineNamingIt() {
        Path missing = dir.resolve("missing.py");
        Cli r = Cli.run("poap-md5", missing.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("ztp poap-md5: " + missing + ": no such file\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void badUsageIsExitTwo() {
        Cli none = Cli.run("poap-md5");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).startsWith("ztp: Missing required parameter").doesNotContain("Exception");
        assertThat(Cli.run("poap-md5", "--nope", "x").code()).isEqualTo(2);
        assertThat(Cli.run("no-such-command").code()).isEqualTo(2);
    }

    @Test
    void everyCommandHasHelp() {
        Cli r = Cli.run("poap-md5", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: ztp poap-md5").contains("--check");
    }
}
