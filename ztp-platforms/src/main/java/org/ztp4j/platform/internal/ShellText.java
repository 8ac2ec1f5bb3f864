package org.ztp4j.platform.internal;

import java.util.Map;

/**
 * Values written into the shell scripts the adapters serve (SONiC and Cumulus Linux provisioning
 * scripts run under bash).
 */
public final class ShellText {

    private ShellText() {
    }

    /**
     * A POSIX shell word that stands for the text exactly: the text in single quotes, each single
     * quote in it written as {@code '\''} (POSIX sh, "Single-Quotes": nothing inside is special).
     *
     * @param text any text without NUL or line breaks (templates refuse those before this is used)
     * @return the quoted word, such as {@code 'p'\''w'} for {@code p'w}
     */
    public static String singleQuoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /**
     * Adds {@code <name>_sh}, the value quoted for the shell, beside each named variable that has a
     * value, so that a script template writes {@code {{admin_password_sh}}} as one shell word.
     *
     * @param scope a template scope, changed in place
     * @param names the variables to quote
     */
    public static void addQuoted(Map<String, Object> scope, String... names) {
        for (String name : names) {
            Object value = scope.get(name);
            if (value != null) {
                scope.put(name + "_sh", singleQuoted(value.toString()));
            }
        }
    }
}
