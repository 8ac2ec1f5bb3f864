package org.ztp4j.http.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.ztp4j.core.RejectedPathException;

/**
 * Turns the path of an HTTP request-target into the file path a {@link org.ztp4j.core.FileProvider}
 * gets: percent-decoded exactly once, as UTF-8 (RFC 3986 section 2.1).
 *
 * <p>Refused with {@link RejectedPathException} (answered with 400): a {@code %} not followed by
 * two hex digits, bytes that are not UTF-8, and an encoded slash {@code %2F}, because the path's
 * segments are the ones the client wrote with plain slashes (a {@code %2F} inside a name can only
 * be an attempt to smuggle one). Encoded dots, backslashes and NUL decode to what they are and are
 * then refused by {@link org.ztp4j.core.RequestPath} rules.
 */
public final class PercentDecoding {

    private PercentDecoding() {
    }

    /**
     * @param rawPath the path as it appears in the request line (no query), for example {@code /conf.FDO123%20x}
     * @return the decoded path
     * @throws RejectedPathException naming what is wrong with it
     */
    public static String decodePath(String rawPath) throws RejectedPathException {
        if (rawPath.indexOf('%') < 0 && isAscii(rawPath)) {
            return rawPath;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(rawPath.length());
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == '%') {
                if (i + 2 >= rawPath.length()) {
                    throw new RejectedPathException(rawPath, "'%' at offset " + i + " is not followed by two hex digits");
                }
                int hi = Character.digit(rawPath.charAt(i + 1), 16);
                int lo = Character.digit(rawPath.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new RejectedPathException(rawPath, "'%' at offset " + i + " is not followed by two hex digits");
                }
                int b = hi << 4 | lo;
                if (b == '/') {
                    throw new RejectedPathException(rawPath, "encoded slash (%2F) in a path segment");
                }
                bytes.write(b);
                i += 2;
            } else if (c <= 0xFF) {
                // The engine reads the request line one byte per char (ISO-8859-1), so a raw UTF-8 byte arrives as one char.
                bytes.write(c);
            } else {
                throw new RejectedPathException(rawPath, "character U+" + Integer.toHexString(c).toUpperCase() + " is not a request-line byte");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new RejectedPathException(rawPath, "not UTF-8 once percent-decoded");
        }
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
