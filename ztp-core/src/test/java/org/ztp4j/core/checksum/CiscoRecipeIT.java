package org.ztp4j.core.checksum;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;

/**
 * PoapScript against Cisco's own recipe, run for real:
 * {@code sed '/^#md5sum/d' f > f.md5; sed -i "s/^#md5sum=.*\/#md5sum=\"$(md5sum f.md5 | cut -d' ' -f1)\"/" f}.
 * Same bytes in, same hash and same file out.
 */
class CiscoRecipeIT {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {
        "lf", "crlf", "no-final-newline", "md5-line-last-without-newline", "several-md5-lines", "utf8", "md5sum-without-equals",
        "crlf-md5-line"})
    void stampedBytesAndHashEqualTheSedRecipe(String kind) throws Exception {
        ExternalTool.require("sed", "sed");
        ExternalTool.require("md5sum", "coreutils");
        byte[] script = script(kind).getBytes(StandardCharsets.UTF_8);
        Path f = dir.resolve("poap.py");
        Files.write(f, script);
        Processes.Result r = Processes.run(dir, "bash", "-c",
                "export LC_ALL=C; sed '/^#md5sum/d' poap.py > poap.py.md5 && "
                        + "sed -i \"s/^#md5sum=.*/#md5sum=\\\"$(md5sum poap.py.md5 | cut -d' ' -f1)\\\"/\" poap.py && "
                        + "md5sum poap.py.md5 | cut -d' ' -f1");
        String recipeHash = r.stdout().strip();
        assertThat(PoapScript.md5(script)).isEqualTo(recipeHash);
        assertThat(PoapScript.stamp(script)).as("stamped bytes").isEqualTo(Files.readAllBytes(f));
        assertThat(PoapScript.verify(Files.readAllBytes(f)).status()).isEqualTo(PoapScript.Status.OK);
    }

    static String script(String kind) {
        String md5 = "#md5sum=\"ffffffffffffffffffffffffffffffff\"";
        return switch (kind) {
            case "lf" -> "#!/bin/env python\n" + md5 + "\nimport os\nprint('poap')\n";
            case "crlf" -> "#!/bin/env python\r\n" + md5 + "\nimport os\r\nprint('poap')\r\n";
            case "crlf-md5-line" -> "#!/bin/env python\r\n" + md5 + "\r\nimport os\r\n";
            case "no-final-newline" -> "#!/bin/env python\n" + md5 + "\nprint('poap')";
            case "md5-line-last-without-newline" -> "#!/bin/env python\nprint('poap')\n" + md5;
            case "several-md5-lines" -> "#!/bin/env python\n" + md5 + "\nx = 1\n#md5sum=\"0\"\n#md5sum_extra\ny = 2\n";
            case "utf8" -> "#!/bin/env python\n# -*- coding: utf-8 -*-\n" + md5 + "\nprint('Grüße 日本')\n";
            case "md5sum-without-equals" -> "#!/bin/env python\n#md5sum\n" + md5 + "\nz = 3\n";
            default -> throw new IllegalArgumentException(kind);
        };
    }
}
