package org.ztp4j.core.checksum;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoapScriptTest {

    @TempDir
    Path dir;

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void hashesTheScriptWithoutItsMd5sumLines() {
        // md5 of "#!/bin/env python\nprint(1)\n", worked out with md5sum
        String body = "#!/bin/env python\nprint(1)\n";
        String expected = Checksums.hex(b(body), ChecksumAlgorithm.MD5);
        assertThat(PoapScript.md5(b("#!/bin/env python\n#md5sum=\"00000000000000000000000000000000\"\nprint(1)\n"))).isEqualTo(expected);
        assertThat(PoapScript.md5(b(body))).isEqualTo(expected);
        assertThat(PoapScript.md5(b("#md5sumXYZ\n" + body + "#md5sum"))).isEqualTo(expected);
    }

    @Test
    void linesThatOnlyContainMd5sumElsewhereCount() {
        String s = "#!/bin/env python\n  #md5sum=\"x\"\nx = '#md5sum='\n";
        assertThat(PoapScript.md5(b(s))).isEqualTo(Checksums.hex(b(s), ChecksumAlgorithm.MD5));
    }

    @Test
    void stampInsertsTheLineAsLineTwoWhenThereIsNone() {
        byte[] stamped = PoapScript.stamp(b("#!/bin/env python\nprint(1)\n"));
        String hash = PoapScript.md5(b("#!/bin/env python\nprint(1)\n"));
        assertThat(new String(stamped, StandardCharsets.UTF_8))
                .isEqualTo("#!/bin/env python\n#md5sum=\"" + hash + "\"\nprint(1)\n");
        assertThat(PoapScript.verify(stamped).status()).isEqualTo(PoapScript.Status.OK);
    }

    @Test
    void stampKeepsCrlfLineEndingsOfTheOtherLinesWhenInserting() {
        // The md5sum line itself ends in LF alone, as Cisco's sed recipe leaves it: its ".*" takes the CR.
        byte[] stamped = PoapScript.stamp(b("#!/bin/env python\r\nprint(1)\r\n"));
        assertThat(new String(stamped, StandardCharsets.UTF_8)).matches("#!/bin/env python\r\n#md5sum=\"[0-9a-f]{32}\"\nprint\\(1\\)\r\n");
        assertThat(PoapScript.verify(stamped).status()).isEqualTo(PoapScript.Status.OK);
    }

    @Test
    void stampHandlesEmptyAndOneLineScripts() {
        assertThat(new String(PoapScript.stamp(new byte[0]), StandardCharsets.UTF_8)).matches("#md5sum=\"[0-9a-f]{32}\"\n");
        assertThat(new String(PoapScript.stamp(b("#!/bin/sh")), StandardCharsets.UTF_8)).matches("#!/bin/sh\n#md5sum=\"[0-9a-f]{32}\"");
        assertThat(PoapScript.verify(PoapScript.stamp(b("#!/bin/sh"))).status()).isEqualTo(PoapScript.Status.OK);
    }

    @Test
    void stampIsIdempotent() {
        byte[] once = PoapScript.stamp(b("#!/bin/env python\n#md5sum=\"x\"\nprint(1)"));
        assertThat(PoapScript.stamp(once)).isEqualTo(once);
    }

    @Test
    void verifyReportsMismatchAndMissingLines() {
        byte[] stamped = PoapScript.stamp(b("#!/bin/env python\nprint(1)\n"));
        byte[] edited = new String(stamped, StandardCharsets.UTF_8).replace("print(1)", "print(2)").getBytes(StandardCharsets.UTF_8);
        PoapScript.Verification v = PoapScript.verify(edited);
        assertThat(v.status()).isEqualTo(PoapScript.Status.MISMATCH);
        assertThat(v.embedded()).isEqualTo(PoapScript.embedded(stamped).orElseThrow());
        assertThat(v.computed()).isEqualTo(PoapScript.md5(edited));
        assertThat(PoapScript.verify(b("#!/bin/sh\n")).status()).isEqualTo(PoapScript.Status.NO_MD5_LINE);
        assertThat(PoapScript.verify(b("#!/bin/sh\n#md5sum=\"short\"\n")).status()).isEqualTo(PoapScript.Status.NO_MD5_LINE);
    }

    @Test
    void stampsFilesInPlaceKeepingPermissions() throws Exception {
        Path f = dir.resolve("poap.py");
        Files.writeString(f, "#!/bin/env python\nprint(1)\n");
        Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---"));
        String md5 = PoapScript.stamp(f);
        assertThat(Files.readString(f)).contains("#md5sum=\"" + md5 + "\"");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rwxr-x---");
        assertThat(Files.list(dir)).hasSize(1);
    }
}
