package org.ztp4j.http.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The conditional request headers a file server needs for GET and HEAD (RFC 9110 section 13):
 * {@code If-None-Match} and {@code If-Modified-Since} for 304, {@code If-Range} for resuming.
 * {@code If-Match} and {@code If-Unmodified-Since} guard writes and are not evaluated here.
 */
public final class Preconditions {

    private Preconditions() {
    }

    /**
     * RFC 9110 section 13.2.2 steps 3 and 4: may the server answer 304 Not Modified?
     *
     * @param ifNoneMatch     the If-None-Match value, or {@code null}
     * @param ifModifiedSince the If-Modified-Since value, or {@code null}
     * @param tag             the resource's tag, if it has one
     * @param lastModified    the resource's modification time, if known
     * @return true for 304
     */
    public static boolean notModified(String ifNoneMatch, String ifModifiedSince, Optional<EntityTag> tag,
                                      Optional<Instant> lastModified) {
        if (ifNoneMatch != null) {
            // If-Modified-Since is ignored when If-None-Match is present (RFC 9110 13.1.3).
            for (String member : listMembers(ifNoneMatch)) {
                if (member.equals("*") || (tag.isPresent() && tag.get().weaklyMatches(member))) {
                    return true;
                }
            }
            return false;
        }
        if (ifModifiedSince != null && lastModified.isPresent()) {
            Optional<Instant> since = HttpDates.parse(ifModifiedSince);
            return since.isPresent() && !lastModified.get().truncatedTo(ChronoUnit.SECONDS).isAfter(since.get());
        }
        return false;
    }

    /**
     * RFC 9110 section 13.1.5: does an {@code If-Range} condition let the Range header apply?
     *
     * @param ifRange      the If-Range value, or {@code null} (then the range applies)
     * @param tag          the resource's tag, if it has one
     * @param lastModified the resource's modification time, if known
     * @return true when the range is to be honoured; false to send the whole representation
     */
    public static boolean rangeApplies(String ifRange, Optional<EntityTag> tag, Optional<Instant> lastModified) {
        if (ifRange == null) {
            return true;
        }
        String value = ifRange.strip();
        if (value.startsWith("\"") || value.startsWith("W/")) {
            return tag.isPresent() && tag.get().stronglyMatches(value);
        }
        Optional<Instant> date = HttpDates.parse(value);
        return date.isPresent() && lastModified.isPresent()
                && lastModified.get().truncatedTo(ChronoUnit.SECONDS).equals(date.get());
    }

    /** Splits a list of entity tags at the commas between them (a tag holds no comma in practice, but a quoted one may). */
    static List<String> listMembers(String value) {
        List<String> members = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                addMember(members, current);
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        addMember(members, current);
        return members;
    }

    private static void addMember(List<String> members, StringBuilder member) {
        String m = member.toString().strip();
        if (!m.isEmpty()) {
            members.add(m);
        }
    }
}
