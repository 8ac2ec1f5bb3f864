package org.ztp4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SerialNumberTest {

    @Test
    void trimsAndUpperCases() {
        assertThat(SerialNumber.of("  sal12345678\t").value()).isEqualTo("SAL12345678");
        assertThat(SerialNumber.of("fjc27271b8c")).isEqualTo(SerialNumber.of("FJC27271B8C"));
    }

    @Test
    void rejectsEmptyLongAndStrangeSerials() {
        assertThatThrownBy(() -> SerialNumber.of("   ")).hasMessage("serial number: empty");
        assertThatThrownBy(() -> SerialNumber.of("A".repeat(65))).hasMessageContaining("longer than 64");
        assertThatThrownBy(() -> SerialNumber.of("SAL 123")).hasMessageContaining("'SAL 123'");
        assertThatThrownBy(() -> SerialNumber.of("../etc")).hasMessageContaining("'../etc'");
        assertThatThrownBy(() -> SerialNumber.of(null)).hasMessage("serial number: missing");
    }
}
