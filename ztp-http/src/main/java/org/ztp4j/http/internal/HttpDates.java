package org.ztp4j.http.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/** HTTP-date (RFC 9110 section 5.6.7): written as IMF-fixdate, read in that form only. */
public final class HttpDates {

    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private HttpDates() {
    }

    /**
     * @param time an instant
     * @return it as an IMF-fixdate, for example {@code Sun, 06 Nov 1994 08:49:37 GMT}
     */
    public static String format(Instant time) {
        return IMF_FIXDATE.format(time.truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * Reads an HTTP-date. The two obsolete forms (RFC 850, asctime) are not accepted; RFC 9110
     * tells a recipient to ignore a conditional header whose date it cannot read, which is what
     * callers do with an empty result.
     *
     * @param value a header value, may be {@code null}
     * @return the instant, or empty when it is missing or not an IMF-fixdate
     */
    public static Optional<Instant> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
