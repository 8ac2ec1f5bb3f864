package org.ztp4j.http.internal;

import java.util.Optional;

/**
 * What a {@code Range} request header asks for (RFC 9110 section 14.2). This server honours one
 * byte range; several ranges are answered with the whole representation and 200, which RFC 9110
 * allows ("a server MAY ignore the Range header field"), and so is a header that does not parse.
 */
public sealed interface RangeRequest permits RangeRequest.Whole, RangeRequest.FromTo, RangeRequest.Suffix {

    /** Why a request gets the whole representation. */
    enum Reason {
        /** No Range header. */
        ABSENT,
        /** The header does not follow the grammar (or {@code last < first}). */
        INVALID,
        /** A range unit other than {@code bytes}. */
        OTHER_UNIT,
        /** More than one range: served whole rather than as multipart/byteranges. */
        MULTIPLE
    }

    /**
     * The whole representation, with 200.
     *
     * @param reason why
     */
    record Whole(Reason reason) implements RangeRequest {

        /** @throws NullPointerException when the reason is missing */
        public Whole {
            java.util.Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Optional<ByteRange> within(long size) {
            return size == 0 ? Optional.empty() : Optional.of(new ByteRange(0, size - 1));
        }
    }

    /**
     * {@code bytes=first-last} or, with {@code last} absent ({@code -1}), {@code bytes=first-}.
     *
     * @param first the first byte's offset
     * @param last  the last byte's offset, or -1 for "to the end"
     */
    record FromTo(long first, long last) implements RangeRequest {

        /** @throws IllegalArgumentException when first is negative or last is below first */
        public FromTo {
            if (first < 0 || (last != -1 && last < first)) {
                throw new IllegalArgumentException("range " + first + "-" + last + ": need 0 <= first <= last");
            }
        }

        @Override
        public Optional<ByteRange> within(long size) {
            if (first >= size) {
                return Optional.empty();
            }
            long end = last == -1 || last >= size ? size - 1 : last;
            return Optional.of(new ByteRange(first, end));
        }
    }

    /**
     * {@code bytes=-length}: the last {@code length} bytes.
     *
     * @param length how many bytes from the end
     */
    record Suffix(long length) implements RangeRequest {

        /** @throws IllegalArgumentException when the length is negative */
        public Suffix {
            if (length < 0) {
                throw new IllegalArgumentException("suffix range -" + length + ": length must not be negative");
            }
        }

        @Override
        public Optional<ByteRange> within(long size) {
            if (length == 0 || size == 0) {
                return Optional.empty();
            }
            return Optional.of(new ByteRange(Math.max(0, size - length), size - 1));
        }
    }

    /**
     * Resolves the request against a representation of known size (RFC 9110 section 14.1.2).
     *
     * @param size the representation's size in bytes
     * @return the bytes to send, or empty when there are none: for a range, that means it is not
     *         satisfiable (416); {@link Whole} gives the whole representation, empty only when it is empty
     */
    Optional<ByteRange> within(long size);

    /**
     * Parses a {@code Range} header value.
     *
     * @param header the value, or {@code null} when the request had none
     * @return the range asked for, or {@link Whole} with the reason to serve everything
     */
    static RangeRequest parse(String header) {
        if (header == null) {
            return new Whole(Reason.ABSENT);
        }
        String value = header.strip();
        int eq = value.indexOf('=');
        if (eq <= 0) {
            return new Whole(Reason.INVALID);
        }
        String unit = value.substring(0, eq).strip();
        if (!unit.equalsIgnoreCase("bytes")) {
            return isToken(unit) ? new Whole(Reason.OTHER_UNIT) : new Whole(Reason.INVALID);
        }
        String set = value.substring(eq + 1);
        // RFC 9110 5.6.1: list elements are separated by commas with optional whitespace; empty elements are allowed.
        RangeRequest single = null;
        int specs = 0;
        for (String element : set.split(",", -1)) {
            String spec = element.strip();
            if (spec.isEmpty()) {
                continue;
            }
            RangeRequest parsed = parseSpec(spec);
            if (parsed == null) {
                return new Whole(Reason.INVALID);
            }
            single = parsed;
            specs++;
        }
        if (specs == 0) {
            return new Whole(Reason.INVALID);
        }
        return specs == 1 ? single : new Whole(Reason.MULTIPLE);
    }

    private static RangeRequest parseSpec(String spec) {
        int dash = spec.indexOf('-');
        if (dash < 0 || dash != spec.lastIndexOf('-')) {
            return null;
        }
        String from = spec.substring(0, dash);
        String to = spec.substring(dash + 1);
        if (from.isEmpty()) {
            long length = digits(to);
            return length < 0 ? null : new Suffix(length);
        }
        long first = digits(from);
        if (first < 0) {
            return null;
        }
        if (to.isEmpty()) {
            return new FromTo(first, -1);
        }
        long last = digits(to);
        if (last < 0 || last < first) {
            return null; // RFC 9110 14.1.1: last-pos below first-pos makes the range-spec invalid
        }
        return new FromTo(first, last);
    }

    /** @return the value of a run of ASCII digits (saturating at Long.MAX_VALUE), or -1 when it is not one */
    private static long digits(String s) {
        if (s.isEmpty()) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            int d = c - '0';
            value = value > (Long.MAX_VALUE - d) / 10 ? Long.MAX_VALUE : value * 10 + d;
        }
        return value;
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
