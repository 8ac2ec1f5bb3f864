package org.ztp4j.server.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The bearer tokens the status API accepts, each with its {@link ApiRole}, or none at all
 * ({@link #open()}). Tokens are kept only as their SHA-256 hashes, and a presented token is
 * compared with every one in constant time; no message or log line ever carries a token.
 *
 * <p>A token file holds one token a line, {@code <role> <token>}, with blank lines and
 * {@code #} comments allowed:
 * <pre>
 * # who may use the API of ztp serve
 * viewer   q3F0x8pVh1wK2Zr7mN5bT4yL6cJ9sD0e
 * operator Hk7Wm2Qx9Lr4Tz6Vb1Np8Sd3Fg5Jc0Ya
 * </pre>
 * A token is at least {@value #MIN_TOKEN_LENGTH} characters of what an {@code Authorization: Bearer}
 * header can carry (letters, digits, {@code -._~+/}, then {@code =} at the end; RFC 6750 section 2.1).
 * Anything else is an error naming the file and line, never the token.
 *
 * <pre>{@code
 * Provisioning.builder()...bind(InetAddress.getByName("10.0.0.1"))
 *         .statusPage().apiAccess(ApiAccess.fromFile(Path.of("/etc/ztp4j/api-tokens")))
 * }</pre>
 */
public final class ApiAccess {

    /** The name of the file {@link #generatedIn(Path)} keeps its token in. */
    public static final String GENERATED_FILE = "api-tokens";

    /** The shortest token accepted. */
    public static final int MIN_TOKEN_LENGTH = 16;

    // RFC 6750 section 2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9._~+/-]+=*");
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    private record Entry(byte[] hash, ApiRole role) {
    }

    private final Path file;
    private final boolean open;
    private final boolean created;
    private volatile List<Entry> entries;

    private ApiAccess(Path file, boolean open, boolean created, List<Entry> entries) {
        this.file = file;
        this.open = open;
        this.created = created;
        this.entries = List.copyOf(entries);
    }

    /**
     * No token needed: anyone who reaches the API may read and act. Right for a server on loopback
     * (the default there); the host and origin checks still apply.
     *
     * @return access without tokens
     */
    public static ApiAccess open() {
        return new ApiAccess(null, true, false, List.of());
    }

    /**
     * @param roleByToken each token and its role
     * @return access for exactly these tokens
     * @throws IllegalArgumentException when there is none, or a token is too short or has a character
     *                                  a bearer token cannot carry (the message never shows the token)
     */
    public static ApiAccess tokens(Map<String, ApiRole> roleByToken) {
        List<Entry> entries = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, ApiRole> e : roleByToken.entrySet()) {
            n++;
            String problem = problem(Objects.requireNonNull(e.getKey(), "token"));
            if (problem != null) {
                throw new IllegalArgumentException("API token " + n + ": " + problem);
            }
            entries.add(new Entry(sha256(e.getKey()), Objects.requireNonNull(e.getValue(), "role of API token " + n)));
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("no API token given (ApiAccess.open() is the way to need none)");
        }
        return new ApiAccess(null, false, false, entries);
    }

    /**
     * Reads a token file (format above); {@link #reload()} reads it again.
     *
     * @param file the file
     * @return access for its tokens
     * @throws IOException              when it cannot be read
     * @throws IllegalArgumentException naming the file and line of the first bad line, or saying it holds no token
     */
    public static ApiAccess fromFile(Path file) throws IOException {
        return new ApiAccess(file, false, false, read(file));
    }

    /**
     * The token file of a server that was given none: {@code dir/}{@value #GENERATED_FILE}, created
     * with one new random operator token (mode 0600) when it is not there, read as it is when it is.
     * Say where it is ({@link #file()}), never what it holds.
     *
     * @param dir the server's state directory, created when missing
     * @return access for the file's tokens
     * @throws IOException              when it cannot be written or read
     * @throws IllegalArgumentException when an existing file is not a valid token file
     */
    public static ApiAccess generatedIn(Path dir) throws IOException {
        Path target = dir.resolve(GENERATED_FILE);
        if (Files.exists(target)) {
            return fromFile(target);
        }
        Files.createDirectories(dir);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String text = "# API tokens of this ztp4j server, one a line: <role> <token>. Generated because none was\n"
                + "# given; replace it with your own with --api-token-file. ztp devices --token-file reads this file.\n"
                + "operator " + token + "\n";
        Path temp = ownerOnlyTempFile(dir);
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        return new ApiAccess(target, false, true, read(target));
    }

    private static Path ownerOnlyTempFile(Path dir) throws IOException {
        try {
            return Files.createTempFile(dir, "." + GENERATED_FILE, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException notPosix) {
            return Files.createTempFile(dir, "." + GENERATED_FILE, ".tmp");
        }
    }

    /**
     * Reads the token file again; on an error the tokens read before stay in force.
     *
     * @throws IOException              when it cannot be read
     * @throws IllegalArgumentException naming the file and line of a bad line
     * @throws IllegalStateException    when these tokens did not come from a file
     */
    public void reload() throws IOException {
        if (file == null) {
            throw new IllegalStateException("these API tokens did not come from a file");
        }
        entries = List.copyOf(read(file));
    }

    /** @return whether the API needs no token */
    public boolean isOpen() {
        return open;
    }

    /** @return the token file, when the tokens came from one */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** @return whether {@link #generatedIn(Path)} wrote the file now, rather than finding it */
    public boolean created() {
        return created;
    }

    /** @return how many tokens are accepted (0 when open) */
    public int size() {
        return entries.size();
    }

    /**
     * @param token a presented token, or {@code null}
     * @return its role, or empty when no accepted token is it (always {@link ApiRole#OPERATOR} when open)
     */
    public Optional<ApiRole> roleOf(String token) {
        if (open) {
            return Optional.of(ApiRole.OPERATOR);
        }
        if (token == null) {
            return Optional.empty();
        }
        byte[] hash = sha256(token);
        ApiRole found = null;
        // Every entry is compared, and each comparison takes the same time whatever matches:
        // neither the answer's timing nor its position tells how much of a guess was right.
        for (Entry e : entries) {
            if (MessageDigest.isEqual(e.hash(), hash)) {
                found = e.role();
            }
        }
        return Optional.ofNullable(found);
    }

    /** @return whether the file can be read by users other than its owner (when the file system says) */
    public boolean readableByOthers() {
        if (file == null) {
            return false;
        }
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            return p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static List<Entry> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Entry> entries = new ArrayList<>();
        List<Integer> lineOf = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = file + ":" + (i + 1) + ": ";
            String[] fields = line.split("\\s+");
            if (fields.length != 2) {
                throw new IllegalArgumentException(where + "expected '<role> <token>', found " + fields.length
                        + (fields.length == 1 ? " field" : " fields"));
            }
            ApiRole role;
            try {
                role = ApiRole.parse(fields[0]);
            } catch (IllegalArgumentException e) {
                // The first field is not shown: a line written the wrong way round would show its token.
                throw new IllegalArgumentException(where + "the role (first field) must be viewer or operator");
            }
            String problem = problem(fields[1]);
            if (problem != null) {
                throw new IllegalArgumentException(where + problem);
            }
            byte[] hash = sha256(fields[1]);
            for (int j = 0; j < entries.size(); j++) {
                if (MessageDigest.isEqual(entries.get(j).hash(), hash)) {
                    throw new IllegalArgumentException(where + "the same token as line " + lineOf.get(j));
                }
            }
            entries.add(new Entry(hash, role));
            lineOf.add(i + 1);
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(file + ": holds no token (one a line: <role> <token>, role viewer or operator)");
        }
        return entries;
    }

    /** @return what is wrong with a token, without showing it, or {@code null} when nothing is */
    private static String problem(String token) {
        if (!B64TOKEN.matcher(token).matches()) {
            return "the token has a character a bearer token cannot carry (letters, digits and -._~+/ only, '=' at the end)";
        }
        if (token.length() < MIN_TOKEN_LENGTH) {
            return "the token is " + token.length() + " characters long; at least " + MIN_TOKEN_LENGTH + " are needed";
        }
        return null;
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this Java runtime", e);
        }
    }

    @Override
    public String toString() {
        if (open) {
            return "API open (no token needed)";
        }
        return "API tokens: " + entries.size() + (file == null ? "" : " from " + file);
    }
}
