package org.ztp4j.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token files as operators write them, and the token a server generates for itself. */
class ApiAccessTest {

    static final String VIEWER = "q3F0x8pVh1wK2Zr7mN5bT4yL6cJ9sD0e";
    static final String OPERATOR = "Hk7Wm2Qx9Lr4Tz6Vb1Np8Sd3Fg5Jc0Ya";

    @TempDir
    Path dir;

    @Test
    void readsRolesAndTokensSkippingCommentsAndBlankLines() throws Exception {
        Path f = dir.resolve("tokens");
        Files.writeString(f, "# who may use the API\n\nviewer   " + VIEWER + "\n  operator\t" + OPERATOR + "  \n");
        ApiAccess access = ApiAccess.fromFile(f);
        assertThat(access.isOpen()).isFalse();
        assertThat(access.size()).isEqualTo(2);
        assertThat(access.roleOf(VIEWER)).contains(ApiRole.VIEWER);
        assertThat(access.roleOf(OPERATOR)).contains(ApiRole.OPERATOR);
        assertThat(access.roleOf(OPERATOR.substring(1))).isEmpty();
        assertThat(access.roleOf(null)).isEmpty();
        assertThat(access.toString()).doesNotContain(VIEWER).doesNotContain(OPERATOR);
    }

    @Test
    void aBadLineIsAnErrorNamingFileAndLineButNeverTheToken() throws Exception {
        assertBad("viewer " + VIEWER + "\nadmin " + OPERATOR + "\n", ":2: the role (first field) must be viewer or operator");
        // written the wrong way round: the token is in the role's place and must not be shown
        assertBad(OPERATOR + " operator\n", ":1: the role (first field) must be viewer or operator");
        assertBad("# c\n" + OPERATOR + "\n", ":2: expected '<role> <token>', found 1 field");
        assertBad("operator " + OPERATOR + " extra\n", ":1: expected '<role> <token>', found 3 fields");
        assertBad("operator short-Tok3n\n", ":1: the token is 11 characters long; at least 16 are needed");
        assertBad("operator " + OPERATOR + "\"<x>\n", ":1: the token has a character a bearer token cannot carry");
        assertBad("viewer " + OPERATOR + "\noperator " + OPERATOR + "\n", ":2: the same token as line 1");
        Path empty = dir.resolve("empty");
        Files.writeString(empty, "# nothing yet\n\n");
        assertThatThrownBy(() -> ApiAccess.fromFile(empty)).hasMessage(empty + ": holds no token (one a line: <role> <token>, "
                + "role viewer or operator)");
    }

    private void assertBad(String text, String expected) throws Exception {
        Path f = dir.resolve("bad");
        Files.writeString(f, text);
        assertThatThrownBy(() -> ApiAccess.fromFile(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(f + expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(OPERATOR).doesNotContain("short-Tok3n"));
    }

    @Test
    void generatesOneOperatorTokenOwnerOnlyAndReusesItOnTheNextStart() throws Exception {
        Path state = dir.resolve("state");
        ApiAccess first = ApiAccess.generatedIn(state);
        Path file = state.resolve(ApiAccess.GENERATED_FILE);
        assertThat(first.file()).contains(file);
        assertThat(first.created()).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String line = Files.readAllLines(file).stream().filter(l -> !l.startsWith("#")).findFirst().orElseThrow();
        assertThat(line).matches("operator [A-Za-z0-9_-]{43}");
        String token = line.substring("operator ".length());
        assertThat(first.roleOf(token)).contains(ApiRole.OPERATOR);
        assertThat(first.toString()).doesNotContain(token);
        try (var files = Files.list(state)) {
            assertThat(files).as("no temporary file left").containsExactly(file);
        }

        ApiAccess second = ApiAccess.generatedIn(state);
        assertThat(second.created()).isFalse();
        assertThat(second.roleOf(token)).contains(ApiRole.OPERATOR);
        assertThat(Files.readAllLines(file)).contains(line);
    }

    @Test
    void aReloadTakesTheNewTokensAndABadFileKeepsTheOldOnes() throws Exception {
        Path f = dir.resolve("tokens");
        Files.writeString(f, "viewer " + VIEWER + "\n");
        ApiAccess access = ApiAccess.fromFile(f);
        Files.writeString(f, "operator " + OPERATOR + "\n");
        access.reload();
        assertThat(access.roleOf(VIEWER)).isEmpty();
        assertThat(access.roleOf(OPERATOR)).contains(ApiRole.OPERATOR);
        Files.writeString(f, "operator\n");
        assertThatThrownBy(access::reload).hasMessageContaining(":1: expected");
        assertThat(access.roleOf(OPERATOR)).contains(ApiRole.OPERATOR);
    }

    @Test
    void tokensGivenInCodeAreCheckedAsInAFileAndOpenAccessNeedsNone() {
        ApiAccess access = ApiAccess.tokens(Map.of(VIEWER, ApiRole.VIEWER));
        assertThat(access.roleOf(VIEWER)).contains(ApiRole.VIEWER);
        assertThatThrownBy(() -> ApiAccess.tokens(Map.of("abc", ApiRole.OPERATOR)))
                .hasMessage("API token 1: the token is 3 characters long; at least 16 are needed");
        assertThatThrownBy(() -> ApiAccess.tokens(Map.of())).hasMessageContaining("ApiAccess.open()");
        assertThat(ApiAccess.open().isOpen()).isTrue();
        assertThat(ApiAccess.open().roleOf(null)).contains(ApiRole.OPERATOR);
        assertThat(ApiRole.OPERATOR.allows(ApiRole.VIEWER)).isTrue();
        assertThat(ApiRole.VIEWER.allows(ApiRole.OPERATOR)).isFalse();
    }
}
