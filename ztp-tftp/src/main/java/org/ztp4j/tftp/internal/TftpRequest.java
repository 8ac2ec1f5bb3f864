package org.ztp4j.tftp.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A read or write request: {@code opcode filename 0 mode 0 [option 0 value 0]...} (RFC 1350
 * section 5, RFC 2347).
 *
 * <p>Parsed here rather than with Commons Net's {@code TFTPRequestPacket}: in 3.13 that class throws
 * {@code ArrayIndexOutOfBoundsException} on a request padded with zero bytes (some boot ROMs pad)
 * or ending in an option without a value, reads the buffer from offset 0 whatever the datagram's
 * offset, and turns bytes above 0x7F into U+FFxx characters.
 *
 * @param write    true for a write request (WRQ)
 * @param filename the file name, decoded as UTF-8
 * @param mode     the transfer mode
 * @param options  the options, names in lower case, in the order sent (first of a repeated name wins)
 */
public record TftpRequest(boolean write, String filename, TransferMode mode, Map<String, String> options) {

    /** Options beyond this many are ignored: no real client sends more than five. */
    static final int MAX_OPTIONS = 16;

    /** Checks and copies the parts. */
    public TftpRequest {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(mode, "mode");
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /**
     * Parses a request.
     *
     * @param packet        the datagram, from position to limit
     * @param maxNameLength the longest file name accepted, in bytes
     * @return the request
     * @throws MalformedPacketException when it is not a well-formed request, or the name is too long
     *                                  or not UTF-8 (then with error code 2, access violation)
     */
    public static TftpRequest parse(ByteBuffer packet, int maxNameLength) throws MalformedPacketException {
        ByteBuffer p = packet.slice();
        if (p.remaining() < 4) {
            throw new MalformedPacketException("request shorter than 4 bytes");
        }
        int opcode = p.getShort() & 0xFFFF;
        if (opcode != TftpOpcode.RRQ && opcode != TftpOpcode.WRQ) {
            throw new MalformedPacketException("opcode " + opcode + " is not a request");
        }
        int nameEnd = indexOfZero(p, p.position());
        if (nameEnd < 0) {
            throw new MalformedPacketException("file name not terminated by a zero byte");
        }
        int nameLength = nameEnd - p.position();
        if (nameLength == 0) {
            throw new MalformedPacketException(TftpError.ACCESS_VIOLATION, "empty file name");
        }
        if (nameLength > maxNameLength) {
            throw new MalformedPacketException(TftpError.ACCESS_VIOLATION,
                    "file name longer than " + maxNameLength + " bytes");
        }
        String filename;
        try {
            filename = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(p.slice(p.position(), nameLength)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedPacketException(TftpError.ACCESS_VIOLATION, "file name is not UTF-8");
        }
        p.position(nameEnd + 1);
        int modeEnd = indexOfZero(p, p.position());
        if (modeEnd < 0) {
            throw new MalformedPacketException("transfer mode not terminated by a zero byte");
        }
        TransferMode mode = TransferMode.parse(ascii(p, p.position(), modeEnd));
        p.position(modeEnd + 1);
        Map<String, String> options = new LinkedHashMap<>();
        while (p.hasRemaining() && options.size() < MAX_OPTIONS) {
            int nameStop = indexOfZero(p, p.position());
            if (nameStop <= p.position()) {
                break; // trailing zero padding, or an unterminated name: ignore the rest
            }
            int valueStop = indexOfZero(p, nameStop + 1);
            if (valueStop < 0) {
                break; // an option without a value: ignore it (RFC 2347 asks for pairs)
            }
            String name = ascii(p, p.position(), nameStop).toLowerCase(Locale.ROOT);
            String value = ascii(p, nameStop + 1, valueStop);
            options.putIfAbsent(name, value);
            p.position(valueStop + 1);
        }
        return new TftpRequest(opcode == TftpOpcode.WRQ, filename, mode, options);
    }

    private static int indexOfZero(ByteBuffer p, int from) {
        for (int i = from; i < p.limit(); i++) {
            if (p.get(i) == 0) {
                return i;
            }
        }
        return -1;
    }

    private static String ascii(ByteBuffer p, int from, int to) {
        byte[] b = new byte[to - from];
        p.get(from, b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
