package org.ztp4j.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.checksum.PoapScript;

class PoapScriptFuzzTest {

    private static final byte[] FOREIGN_LINE = "#md5sum=\"0123456789abcdef0123456789abcdef\"\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void stampIsIdempotentAndAlwaysVerifiesAndMd5IgnoresMd5sumLines() {
        long ran = Fuzzer.target("poap-script")
                .dictionary("#md5sum=", "#md5sum=\"\"", "#md5sum", "#!/bin/env python\n", "\r\n", "\n", "\r",
                        "#md5sum=\"d41d8cd98f00b204e9800998ecf8427e\"", "  #md5sum=")
                .run(input -> {
                    byte[] stamped = PoapScript.stamp(input);
                    assertThat(PoapScript.stamp(stamped)).as("stamp twice").isEqualTo(stamped);
                    PoapScript.Verification v = PoapScript.verify(stamped);
                    assertThat(v.status()).as("verify(stamp(x))").isEqualTo(PoapScript.Status.OK);
                    if (hasStampLine(input)) {
                        assertThat(PoapScript.md5(stamped)).as("restamping leaves the hashed bytes alone")
                                .isEqualTo(PoapScript.md5(input));
                    }
                    assertThat(PoapScript.md5(withLineInserted(input, FOREIGN_LINE)))
                            .as("an #md5sum line anywhere does not change the hash").isEqualTo(PoapScript.md5(input));
                });
        assertThat(ran).isGreaterThan(1000);
    }

    private static boolean hasStampLine(byte[] script) {
        String s = new String(script, StandardCharsets.ISO_8859_1);
        return s.startsWith("#md5sum=") || s.contains("\n#md5sum=");
    }

    /** Inserts a whole line after the first line break (or at the start). */
    private static byte[] withLineInserted(byte[] script, byte[] line) {
        int at = 0;
        for (int i = 0; i < script.length; i++) {
            if (script[i] == '\n') {
                at = i + 1;
                break;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(script, 0, at);
        out.writeBytes(line);
        out.write(script, at, script.length - at);
        return out.toByteArray();
    }
}
