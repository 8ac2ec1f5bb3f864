package org.ztp4j.platform.cumulus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cumulus Linux's default password policy (password hardening, on by default; Cumulus Linux 5.11
 * user guide, "User Accounts", "Password Security"): at least one lower case letter, one upper case
 * letter, one digit and one special character, at least eight characters, and not the user name.
 */
final class CumulusPassword {

    /** The shortest password the default policy takes. */
    static final int MIN_LENGTH = 8;

    private CumulusPassword() {
    }

    /**
     * @param password the password
     * @param user     the user it is for, or {@code null}
     * @return the rules it breaks, in words, never the password itself; empty when it passes
     */
    static List<String> problems(String password, String user) {
        List<String> broken = new ArrayList<>();
        if (password.length() < MIN_LENGTH) {
            broken.add("shorter than " + MIN_LENGTH + " characters");
        }
        if (password.chars().noneMatch(Character::isLowerCase)) {
            broken.add("no lower case letter");
        }
        if (password.chars().noneMatch(Character::isUpperCase)) {
            broken.add("no upper case letter");
        }
        if (password.chars().noneMatch(Character::isDigit)) {
            broken.add("no digit");
        }
        if (password.chars().allMatch(Character::isLetterOrDigit)) {
            broken.add("no special character");
        }
        if (user != null && password.toLowerCase(Locale.ROOT).equals(user.toLowerCase(Locale.ROOT))) {
            broken.add("the user name");
        }
        return broken;
    }
}
