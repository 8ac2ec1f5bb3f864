package org.ztp4j.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Each device's secret: what proves that a request for a device's own file, or a report in its
 * name, comes from that device. It travels in the device's DHCP reservation (the boot file name or
 * URL, as {@code t/<token>/...}), in the scripts rendered for the device, and with its day-0.
 *
 * <p>{@link #hmac(byte[])} derives every token from one key, so that several servers holding the
 * same key agree on every device's token without sharing a list: HMAC-SHA256 of the device's
 * serial (else its MAC, else its host name), its first 16 bytes in lower-case base32, 26
 * characters that fit a URL path segment and a TFTP file name. An application may give tokens of
 * its own instead, of 16 to 64 characters among {@code A-Z a-z 0-9 - _}.
 *
 * <pre>{@code
 * DeviceTokens tokens = DeviceTokens.hmac(DeviceTokens.keyFile(Path.of("ztp4j-state/device-token.key")));
 * tokens.tokenFor(device);   // "k3q7..." (26 characters)
 * }</pre>
 */
@FunctionalInterface
public interface DeviceTokens {

    /** What a token may be: a path segment, hard to guess. */
    Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{16,64}");

    /** The first path segment that says a token follows: {@code t/<token>/<file>}. */
    String PATH_SEGMENT = "t";

    /**
     * @param device a device of the inventory
     * @return its token, which must match {@link #SHAPE}
     */
    String tokenFor(DeviceRecord device);

    /**
     * @param device    a device
     * @param candidate what a request carried, or {@code null}
     * @return whether it is the device's token (compared in constant time)
     */
    default boolean matches(DeviceRecord device, String candidate) {
        if (candidate == null) {
            return false;
        }
        return MessageDigest.isEqual(tokenFor(device).getBytes(StandardCharsets.US_ASCII),
                candidate.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * @param device a device
     * @return the path prefix its requests carry, {@code t/<token>/}
     * @throws IllegalStateException when the token is not of the {@link #SHAPE} a path needs
     */
    default String pathPrefix(DeviceRecord device) {
        String token = tokenFor(device);
        if (token == null || !SHAPE.matcher(token).matches()) {
            throw new IllegalStateException("the token of " + device.hostname()
                    + " is not 16 to 64 characters among A-Z a-z 0-9 - _");
        }
        return PATH_SEGMENT + "/" + token + "/";
    }

    /**
     * Tokens derived from one key by HMAC-SHA256.
     *
     * @param key the key, 16 bytes or more (keep it as secret as the day-0s)
     * @return the tokens
     * @throws IllegalArgumentException when the key is shorter than 16 bytes
     */
    static DeviceTokens hmac(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < 16) {
            throw new IllegalArgumentException("device token key: " + key.length + " bytes, at least 16 needed");
        }
        SecretKeySpec spec = new SecretKeySpec(key.clone(), "HmacSHA256");
        return device -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(spec);
                byte[] digest = mac.doFinal(("ztp4j device token\n" + subject(device)).getBytes(StandardCharsets.UTF_8));
                return base32(digest, 16);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available", e);
            }
        };
    }

    /** @return tokens from a key made now, known to this process alone */
    static DeviceTokens random() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return hmac(key);
    }

    /**
     * Reads the key kept in a file (64 hex digits), or makes one and writes it there, readable by
     * its owner alone (mode 0600 where the file system has POSIX permissions).
     *
     * @param file the key file
     * @return the key
     * @throws IOException when it cannot be read or written, or holds no key
     */
    static byte[] keyFile(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try {
                if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } else {
                    Files.createFile(file);
                }
                Files.writeString(file, HexFormat.of().formatHex(key) + "\n", StandardCharsets.US_ASCII,
                        StandardOpenOption.TRUNCATE_EXISTING);
                return key;
            } catch (FileAlreadyExistsException raced) {
                // another process made it first: read theirs
            }
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        if (!text.matches("[0-9a-fA-F]{32,128}") || text.length() % 2 != 0) {
            throw new IOException(file + ": not a device token key (expected 32 to 128 hex digits)");
        }
        return HexFormat.of().parseHex(text.toLowerCase(Locale.ROOT));
    }

    /** What a token is derived from: the serial, else the MAC, else the host name. */
    private static String subject(DeviceRecord d) {
        if (d.serial() != null) {
            return "serial " + d.serial();
        }
        if (d.mac() != null) {
            return "mac " + d.mac();
        }
        return "hostname " + d.hostname().toLowerCase(Locale.ROOT);
    }

    /** RFC 4648 base32, lower case, no padding, of the first {@code n} bytes. */
    private static String base32(byte[] bytes, int n) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        StringBuilder b = new StringBuilder((n * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < n; i++) {
            buffer = (buffer << 8) | (bytes[i] & 0xFF);
            bits += 8;
            while (bits >= 5) {
                b.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            b.append(alphabet.charAt((buffer << (5 - bits)) & 31));
        }
        return b.toString();
    }
}
