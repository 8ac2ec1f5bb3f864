package org.ztp4j.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.ztp4j.testing.ExternalTool;
import org.ztp4j.testing.Processes;

/** SHA-512 crypt gives what {@code openssl passwd -6} gives, for passwords of every length up to two digest blocks. */
class Sha512CryptOpensslIT {

    @Test
    void opensslAgreesForPasswordsOfEveryLength() {
        Path openssl = ExternalTool.require("openssl", "openssl");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String chars = "abcXYZ0189-_.!%+=@#,;:";
        for (int length = 1; length <= 140; length += 7) {
            StringBuilder password = new StringBuilder("p"); // not "-": openssl would take it for an option
            for (int i = 1; i < length; i++) {
                password.append(chars.charAt(random.nextInt(chars.length())));
            }
            String salt = "s" + length + "Xy./";
            Processes.Result r = Processes.run(Path.of("."), openssl.toString(), "passwd", "-6", "-salt", salt, password.toString());
            assertThat(Sha512Crypt.hash(password.toString(), salt)).as("length %d", length).isEqualTo(r.stdout().strip());
        }
    }
}
