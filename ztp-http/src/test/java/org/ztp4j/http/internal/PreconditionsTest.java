package org.ztp4j.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.FileResource;
import org.ztp4j.core.files.BytesResource;
import org.ztp4j.core.files.PathResource;

class PreconditionsTest {

    private static final Instant MODIFIED = Instant.parse("2024-03-05T10:20:30.123456789Z");
    private static final EntityTag TAG = EntityTag.ofMetadata("/poap.py", 100, MODIFIED);

    @Test
    void metadataTagsAreStrongQuotedAndChangeWithSizeTimeAndName() {
        assertThat(TAG.value()).startsWith("\"").endsWith("\"").doesNotStartWith("W/");
        assertThat(EntityTag.ofMetadata("/poap.py", 100, MODIFIED)).isEqualTo(TAG);
        assertThat(EntityTag.ofMetadata("/poap.py", 101, MODIFIED)).isNotEqualTo(TAG);
        assertThat(EntityTag.ofMetadata("/poap.py", 100, MODIFIED.plusNanos(1))).isNotEqualTo(TAG);
        assertThat(EntityTag.ofMetadata("/other.py", 100, MODIFIED)).isNotEqualTo(TAG);
    }

    @Test
    void smallGeneratedResourcesAreTaggedByContentSoARenderedConfigKeepsItsTag() throws Exception {
        byte[] config = "hostname sw1\n".getBytes(StandardCharsets.US_ASCII);
        BytesResource first = new BytesResource("conf.SN1", config, Instant.parse("2024-01-01T00:00:00Z"));
        BytesResource again = new BytesResource("conf.SN1", config.clone(), Instant.parse("2025-01-01T00:00:00Z"));
        BytesResource changed = new BytesResource("conf.SN1", "hostname sw2\n".getBytes(StandardCharsets.US_ASCII), first.created());
        assertThat(EntityTag.of(first, config.length, first.lastModified())).isEqualTo(EntityTag.of(again, config.length, again.lastModified()));
        assertThat(EntityTag.of(first, config.length, first.lastModified())).isNotEqualTo(EntityTag.of(changed, config.length, changed.lastModified()));
    }

    @Test
    void filesAreTaggedByMetadataWithoutReadingThem() throws Exception {
        PathResource file = new PathResource("poap.py", Path.of("/nonexistent/poap.py"), 100, MODIFIED);
        assertThat(EntityTag.of(file, 100, file.lastModified())).contains(EntityTag.ofMetadata("poap.py", 100, MODIFIED));
    }

    @Test
    void largeGeneratedResourcesWithoutATimeGetNoTag() throws Exception {
        FileResource big = new FileResource() {
            @Override
            public String name() {
                return "big.bin";
            }

            @Override
            public OptionalLong size() {
                return OptionalLong.of(EntityTag.MAX_HASHED_SIZE + 1);
            }

            @Override
            public InputStream openStream() {
                return new ByteArrayInputStream(new byte[0]);
            }
        };
        assertThat(EntityTag.of(big, EntityTag.MAX_HASHED_SIZE + 1, Optional.empty())).isEmpty();
    }

    @Test
    void ifNoneMatchWithTheCurrentTagGives304() {
        assertThat(Preconditions.notModified(TAG.value(), null, Optional.of(TAG), Optional.of(MODIFIED))).isTrue();
        assertThat(Preconditions.notModified("\"x\", " + TAG.value(), null, Optional.of(TAG), Optional.empty())).isTrue();
        assertThat(Preconditions.notModified("W/" + TAG.value(), null, Optional.of(TAG), Optional.empty())).isTrue();
        assertThat(Preconditions.notModified("*", null, Optional.empty(), Optional.empty())).isTrue();
    }

    @Test
    void ifNoneMatchWithAnotherTagDoesNotAndOverridesIfModifiedSince() {
        String later = HttpDates.format(MODIFIED.plusSeconds(3600));
        assertThat(Preconditions.notModified("\"other\"", later, Optional.of(TAG), Optional.of(MODIFIED))).isFalse();
        assertThat(Preconditions.notModified("\"other\"", null, Optional.empty(), Optional.of(MODIFIED))).isFalse();
    }

    @Test
    void ifModifiedSinceComparesWholeSeconds() {
        assertThat(Preconditions.notModified(null, "Tue, 05 Mar 2024 10:20:30 GMT", Optional.of(TAG), Optional.of(MODIFIED))).isTrue();
        assertThat(Preconditions.notModified(null, "Tue, 05 Mar 2024 10:20:29 GMT", Optional.of(TAG), Optional.of(MODIFIED))).isFalse();
        assertThat(Preconditions.notModified(null, "yesterday", Optional.of(TAG), Optional.of(MODIFIED))).isFalse();
        assertThat(Preconditions.notModified(null, "Tue, 05 Mar 2024 10:20:30 GMT", Optional.of(TAG), Optional.empty())).isFalse();
    }

    @Test
    void ifRangeWithTheStrongTagOrTheExactDateLetsTheRangeApply() {
        assertThat(Preconditions.rangeApplies(null, Optional.of(TAG), Optional.of(MODIFIED))).isTrue();
        assertThat(Preconditions.rangeApplies(TAG.value(), Optional.of(TAG), Optional.of(MODIFIED))).isTrue();
        assertThat(Preconditions.rangeApplies("Tue, 05 Mar 2024 10:20:30 GMT", Optional.of(TAG), Optional.of(MODIFIED))).isTrue();
    }

    @Test
    void ifRangeWithAWeakStaleOrUnreadableValidatorSendsTheWholeFile() {
        assertThat(Preconditions.rangeApplies("W/" + TAG.value(), Optional.of(TAG), Optional.of(MODIFIED))).isFalse();
        assertThat(Preconditions.rangeApplies("\"stale\"", Optional.of(TAG), Optional.of(MODIFIED))).isFalse();
        assertThat(Preconditions.rangeApplies("Tue, 05 Mar 2024 10:20:31 GMT", Optional.of(TAG), Optional.of(MODIFIED))).isFalse();
        assertThat(Preconditions.rangeApplies("garbage", Optional.of(TAG), Optional.of(MODIFIED))).isFalse();
        assertThat(Preconditions.rangeApplies(TAG.value(), Optional.empty(), Optional.empty())).isFalse();
    }

    @Test
    void httpDatesAreImfFixdates() {
        assertThat(HttpDates.format(Instant.parse("1994-11-06T08:49:37.900Z"))).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
        assertThat(HttpDates.parse("Sun, 06 Nov 1994 08:49:37 GMT")).contains(Instant.parse("1994-11-06T08:49:37Z"));
        assertThat(HttpDates.parse("Sunday, 06-Nov-94 08:49:37 GMT")).isEmpty();
    }

    @Test
    void splitsTagListsOnlyOutsideQuotes() {
        assertThat(Preconditions.listMembers(" \"a,b\" , W/\"c\",,")).containsExactly("\"a,b\"", "W/\"c\"");
    }
}
