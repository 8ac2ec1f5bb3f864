package org.ztp4j.http.internal;

/**
 * A satisfiable byte range of a representation whose size is known: first and last byte, both
 * inclusive (RFC 9110 section 14.1.1).
 *
 * @param first the first byte's offset
 * @param last  the last byte's offset, at least {@code first}
 */
public record ByteRange(long first, long last) {

    /** @throws IllegalArgumentException when the offsets are negative or out of order */
    public ByteRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("byte range " + first + "-" + last + ": offsets must satisfy 0 <= first <= last");
        }
    }

    /** @return how many bytes the range holds */
    public long length() {
        return last - first + 1;
    }

    /**
     * @param size the whole representation's size
     * @return the {@code Content-Range} value of a 206 response, for example {@code bytes 100-199/4096}
     */
    public String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /**
     * @param size the whole representation's size
     * @return the {@code Content-Range} value of a 416 response: {@code bytes *}{@code /size}
     */
    public static String unsatisfiedContentRange(long size) {
        return "bytes */" + size;
    }
}
