package org.ztp4j.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** SHA-512 crypt against the test vectors of its specification ("Unix crypt using SHA-256 and SHA-512"). */
class Sha512CryptTest {

    @Test
    void theSpecificationsVectorsWithTheDefaultRounds() {
        assertThat(Sha512Crypt.hash("Hello world!", "saltstring")).isEqualTo(
                "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1");
    }

    @Test
    void aSaltLongerThan16IsCutAndABadOneRefused() {
        assertThat(Sha512Crypt.hash("x", "0123456789abcdefXYZ")).startsWith("$6$0123456789abcdef$");
        assertThatThrownBy(() -> Sha512Crypt.hash("x", "bad$salt")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[./0-9A-Za-z]").hasMessageNotContaining("x");
    }
}
