package org.ztp4j.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RangeRequestTest {

    @Test
    void parsesAFirstAndLastPosition() {
        assertThat(RangeRequest.parse("bytes=100-199")).isEqualTo(new RangeRequest.FromTo(100, 199));
    }

    @Test
    void parsesAnOpenEndedRange() {
        assertThat(RangeRequest.parse("bytes=5000-")).isEqualTo(new RangeRequest.FromTo(5000, -1));
    }

    @Test
    void parsesASuffixRange() {
        assertThat(RangeRequest.parse("bytes=-500")).isEqualTo(new RangeRequest.Suffix(500));
    }

    @Test
    void acceptsWhitespaceAndCaseThatTheGrammarAllows() {
        assertThat(RangeRequest.parse(" Bytes=0-0 ")).isEqualTo(new RangeRequest.FromTo(0, 0));
        assertThat(RangeRequest.parse("bytes= 7-9 ,")).isEqualTo(new RangeRequest.FromTo(7, 9));
    }

    @Test
    void treatsSeveralRangesAsARequestForTheWholeFile() {
        assertThat(RangeRequest.parse("bytes=0-99, 200-299")).isEqualTo(new RangeRequest.Whole(RangeRequest.Reason.MULTIPLE));
        assertThat(RangeRequest.parse("bytes=-1,0-")).isEqualTo(new RangeRequest.Whole(RangeRequest.Reason.MULTIPLE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=", "bytes=-", "bytes=a-b", "bytes=1-2-3", "bytes=200-100", "bytes 0-1", "=0-1",
            "bytes=0x10-", "bytes=+1-2", "bytes=1--2", "bytes=0-99,x", "bytes=,", "bytes=1 2-3", "by tes=0-1"})
    void ignoresHeadersThatDoNotParse(String header) {
        assertThat(RangeRequest.parse(header)).isEqualTo(new RangeRequest.Whole(RangeRequest.Reason.INVALID));
    }

    @Test
    void ignoresOtherRangeUnits() {
        assertThat(RangeRequest.parse("items=0-5")).isEqualTo(new RangeRequest.Whole(RangeRequest.Reason.OTHER_UNIT));
    }

    @ParameterizedTest
    @NullSource
    void aMissingHeaderMeansTheWholeFile(String header) {
        assertThat(RangeRequest.parse(header)).isEqualTo(new RangeRequest.Whole(RangeRequest.Reason.ABSENT));
    }

    @Test
    void hugeNumbersSaturateInsteadOfOverflowing() {
        assertThat(RangeRequest.parse("bytes=0-99999999999999999999999")).isEqualTo(new RangeRequest.FromTo(0, Long.MAX_VALUE));
        assertThat(RangeRequest.parse("bytes=99999999999999999999999-").within(10)).isEmpty();
    }

    @Test
    void clampsTheLastPositionToTheEndOfTheFile() {
        assertThat(RangeRequest.parse("bytes=100-199").within(150)).contains(new ByteRange(100, 149));
        assertThat(RangeRequest.parse("bytes=5000-").within(10_000)).contains(new ByteRange(5000, 9999));
    }

    @Test
    void aSuffixLongerThanTheFileIsTheWholeFile() {
        assertThat(RangeRequest.parse("bytes=-500").within(100)).contains(new ByteRange(0, 99));
        assertThat(RangeRequest.parse("bytes=-500").within(1000)).contains(new ByteRange(500, 999));
    }

    @Test
    void aRangeStartingAtOrAfterTheEndIsNotSatisfiable() {
        assertThat(RangeRequest.parse("bytes=100-").within(100)).isEmpty();
        assertThat(RangeRequest.parse("bytes=0-").within(0)).isEmpty();
        assertThat(RangeRequest.parse("bytes=-0").within(100)).isEmpty();
        assertThat(RangeRequest.parse("bytes=-5").within(0)).isEmpty();
    }

    @Test
    void theWholeFileIsEveryByteAndNothingForAnEmptyFile() {
        assertThat(RangeRequest.parse(null).within(10)).contains(new ByteRange(0, 9));
        assertThat(RangeRequest.parse(null).within(0)).isEmpty();
    }

    @Test
    void writesContentRangeValuesAsRfc9110Shows() {
        ByteRange r = new ByteRange(42, 1233);
        assertThat(r.length()).isEqualTo(1192);
        assertThat(r.contentRange(1234)).isEqualTo("bytes 42-1233/1234");
        assertThat(ByteRange.unsatisfiedContentRange(1234)).isEqualTo("bytes */1234");
    }

    @Test
    void refusesRangesWhoseOffsetsAreOutOfOrder() {
        assertThatThrownBy(() -> new ByteRange(5, 4)).hasMessageContaining("5-4");
        assertThatThrownBy(() -> new RangeRequest.FromTo(5, 4)).hasMessageContaining("5-4");
        assertThatThrownBy(() -> new RangeRequest.Suffix(-1)).hasMessageContaining("-1");
    }
}
