package org.ztp4j.platform.nxos;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What NX-OS refuses in a clear-text {@code username ... password} line, so that a day-0 is refused
 * at render time instead of leaving a switch without a usable admin account after POAP.
 *
 * <p>Sources: Cisco Nexus 9000 Series NX-OS Security Configuration Guide (9.x and later),
 * "Characteristics of Strong Passwords" and "Enabling Password-Strength Checking": the check is on
 * by default; a strong password is at least eight characters long, has upper and lower case letters
 * and digits, and does not contain many consecutive characters ("abcd"), many repeating characters
 * ("aaabbb"), dictionary words or proper names. Independent of the check, a clear-text password
 * may not contain {@code $} or spaces anywhere, nor start with a quotation mark, {@code |} or
 * {@code >}.
 *
 * <p>The switch's dictionary is its own; this class knows a short list of the words most used in
 * network passwords. Passing here does not promise the switch accepts a password. The thresholds
 * (4 in sequence, 3 repeated) and the digit-for-letter spellings are this class's reading of the
 * guide's "many" and "dictionary words"; proper names are not checked.
 */
final class NxosPassword {

    /** NX-OS: "at least eight characters long". */
    static final int MIN_LENGTH = 8;
    /** "many consecutive characters (such as abcd)": four in a row. */
    private static final int SEQUENCE = 4;
    /** "many repeating characters (such as aaabbb)": three the same in a row. */
    private static final int REPEAT = 3;
    /** Words common in network passwords; a password containing one (after undoing l33t spelling) is refused. */
    private static final List<String> WORDS = List.of("password", "passwd", "secret", "cisco", "admin", "nexus",
            "switch", "router", "network", "welcome", "letmein", "changeme", "default", "qwerty", "login", "master",
            "dragon", "monkey", "shadow", "sunshine", "football", "baseball", "princess", "iloveyou", "trustno",
            "superman", "manager", "private", "public", "access", "system", "enable", "guest");

    private NxosPassword() {
    }

    /**
     * The rule a clear-text password breaks whatever the strength check says.
     *
     * @param password the password
     * @return the rule, in words, or empty when the switch takes it as written
     */
    static Optional<String> clearTextProblem(String password) {
        if (password.isEmpty()) {
            return Optional.of("it is empty");
        }
        if (password.contains("$")) {
            return Optional.of("it contains '$' (NX-OS takes no '$' in a clear-text password)");
        }
        if (password.chars().anyMatch(Character::isWhitespace)) {
            return Optional.of("it contains a space (NX-OS takes no spaces in a clear-text password)");
        }
        char first = password.charAt(0);
        if ("\"'|>".indexOf(first) >= 0) {
            return Optional.of("it starts with '" + first + "' (NX-OS takes no clear-text password starting with \", ', | or >)");
        }
        return Optional.empty();
    }

    /**
     * The rule of NX-OS's default password strength check that a password breaks, the first found.
     *
     * @param password the password
     * @return the rule, in words, or empty when it passes
     */
    static Optional<String> weakness(String password) {
        if (password.length() < MIN_LENGTH) {
            return Optional.of("it is shorter than " + MIN_LENGTH + " characters");
        }
        if (password.chars().noneMatch(Character::isUpperCase) || password.chars().noneMatch(Character::isLowerCase)) {
            return Optional.of("it does not have both upper and lower case letters");
        }
        if (password.chars().noneMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of("it has no digit");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        Optional<String> run = runs(lower);
        if (run.isPresent()) {
            return run;
        }
        String letters = plainLetters(lower);
        for (String word : WORDS) {
            if (letters.contains(word)) {
                return Optional.of("it contains the dictionary word '" + word + "'");
            }
        }
        return Optional.empty();
    }

    /** Repeated ("aaa") or consecutive ("abcd", "4321") characters, compared without case. */
    private static Optional<String> runs(String lower) {
        int same = 1;
        int up = 1;
        int down = 1;
        for (int i = 1; i < lower.length(); i++) {
            char c = lower.charAt(i);
            char prev = lower.charAt(i - 1);
            boolean alnum = Character.isLetterOrDigit(c) && Character.isLetterOrDigit(prev);
            same = c == prev ? same + 1 : 1;
            up = alnum && c == prev + 1 ? up + 1 : 1;
            down = alnum && c == prev - 1 ? down + 1 : 1;
            if (same >= REPEAT) {
                return Optional.of("it repeats a character " + REPEAT + " times in a row");
            }
            if (up >= SEQUENCE || down >= SEQUENCE) {
                return Optional.of("it has " + SEQUENCE + " consecutive characters in a row (such as abcd or 1234)");
            }
        }
        return Optional.empty();
    }

    /** The letters of a password with the usual digit and symbol stand-ins read as letters: "Pa55-w0rd" is "password". */
    private static String plainLetters(String lower) {
        StringBuilder b = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = switch (lower.charAt(i)) {
                case '0' -> 'o';
                case '1', '!' -> 'i';
                case '3' -> 'e';
                case '4', '@' -> 'a';
                case '5' -> 's';
                case '7' -> 't';
                default -> lower.charAt(i);
            };
            if (c >= 'a' && c <= 'z') {
                b.append(c);
            }
        }
        return b.toString();
    }
}
