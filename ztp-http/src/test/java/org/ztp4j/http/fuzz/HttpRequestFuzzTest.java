package org.ztp4j.http.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ztp4j.core.RejectedPathException;
import org.ztp4j.core.RequestPath;
import org.ztp4j.core.fuzz.Fuzzer;
import org.ztp4j.http.internal.ByteRange;
import org.ztp4j.http.internal.EntityTag;
import org.ztp4j.http.internal.PercentDecoding;
import org.ztp4j.http.internal.Preconditions;
import org.ztp4j.http.internal.RangeRequest;

/**
 * Each input is four lines, as a request carries them: the raw path, a Range value, an
 * If-None-Match / If-Range value and an If-Modified-Since value. The path must decode and resolve
 * under the root or be refused; the headers must never throw, and a range must fall inside the file.
 */
class HttpRequestFuzzTest {

    @Test
    void pathsResolveUnderTheRootAndHeadersNeverThrow() {
        Path root = Path.of("/srv/ztp");
        EntityTag tag = EntityTag.ofMetadata("poap.py", 1000, Instant.parse("2026-11-24T12:00:00Z"));
        long ran = Fuzzer.target("http-request")
                .allow(RejectedPathException.class)
                .dictionary("%2e", "%2E%2E", "%2f", "%2F", "%5c", "%00", "%", "%%", "%zz", "%c0%ae", "%e2%80%a5",
                        "bytes=", "-", ",", "0", "999999999999999999999", "-0", "W/", "\"", "*", "GMT", "\n")
                .maxLength(2048)
                .run(input -> {
                    String[] lines = new String(input, StandardCharsets.ISO_8859_1).split("\n", -1);
                    String range = lines.length > 1 ? lines[1] : null;
                    String etag = lines.length > 2 ? lines[2] : null;
                    String since = lines.length > 3 ? lines[3] : null;
                    for (long size : new long[] {0, 1, 1000, Long.MAX_VALUE}) {
                        Optional<ByteRange> r = RangeRequest.parse(range).within(size);
                        r.ifPresent(b -> {
                            assertThat(b.first()).isBetween(0L, b.last());
                            assertThat(b.last()).isLessThan(size);
                        });
                    }
                    Preconditions.notModified(etag, since, Optional.of(tag), Optional.of(Instant.EPOCH));
                    Preconditions.rangeApplies(etag, Optional.of(tag), Optional.empty());
                    String decoded = PercentDecoding.decodePath(lines[0]);
                    RequestPath p = RequestPath.parse(decoded);
                    assertThat(p.resolveUnder(root).normalize().startsWith(root)).as("'%s'", lines[0]).isTrue();
                });
        assertThat(ran).isGreaterThan(1000);
    }
}
