package org.ztp4j.platform.nxos;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NxosPasswordTest {

    @ParameterizedTest
    // The strong examples of Cisco's NX-OS security configuration guide, and the ones ztp4j's samples use.
    @ValueSource(strings = {"If2CoM18", "2004AsdfLkj30", "Cb1955S21", "Tq8-Lw3v-Zr5", "Ztp4j-Demo-Only"})
    void ciscosOwnStrongExamplesPass(String password) {
        assertThat(NxosPassword.weakness(password)).isEmpty();
        assertThat(NxosPassword.clearTextProblem(password)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "S3cret!         | shorter than 8 characters",
        "ztp4j-demo-only | both upper and lower case",
        "ALLCAPS-PW-42   | both upper and lower case",
        "NoDigits-Here   | no digit",
        "Xaaab9-Kq7      | repeats a character 3 times",
        "Kq7-abcd-W2     | 4 consecutive characters",
        "Kq7-4321-Wv     | 4 consecutive characters",
        "Pa55-w0rd!      | dictionary word 'password'",
        "Cisco-Kq7x      | dictionary word 'cisco'",
        "N3tAdm1n-Kq7    | dictionary word 'admin'"})
    void weakPasswordsNameTheRuleTheyBreak(String password, String rule) {
        assertThat(NxosPassword.weakness(password)).hasValueSatisfying(r -> assertThat(r).contains(rule));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "Kq7$Wv2-Zr5 | '$'",
        "Kq7 Wv2-Zr5 | a space",
        "\"Kq7Wv2-Zr5 | starts with '\"'",
        "'Kq7Wv2-Zr5 | starts with '''",
        "`|Kq7Wv2-Zr5` | starts with '|'",
        ">Kq7Wv2-Zr5 | starts with '>'",
        "``          | empty"})
    void clearTextRulesHoldWhateverTheStrengthCheckSays(String password, String rule) {
        assertThat(NxosPassword.clearTextProblem(password == null ? "" : password))
                .hasValueSatisfying(r -> assertThat(r).contains(rule));
    }
}
