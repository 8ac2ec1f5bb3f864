package org.ztp4j.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * The variables every template sees, from the command line ({@code --var}), from files
 * ({@code --var-file}) and from environment variables ({@code --var-env}). A secret given with
 * {@code --var} is readable by every local user in the process list, so such a name gets a warning
 * pointing at the other two; values are never printed.
 */
final class TemplateVariables {

    /** Names that usually hold a secret. */
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|passwd|secret|token|key|community|psk).*");

    /** The largest file {@code --var-file} reads: a secret, not a document. */
    static final int MAX_FILE = 64 * 1024;

    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "A variable every template sees (repeatable); devices' own values win.")
    Map<String, String> values = new LinkedHashMap<>();

    @Option(names = "--var-file", paramLabel = "NAME=FILE",
            description = "A variable read from a file (one trailing line break dropped): for secrets, which --var shows to every local user in the process list.")
    Map<String, Path> files = new LinkedHashMap<>();

    @Option(names = "--var-env", paramLabel = "NAME=VARIABLE", description = "A variable read from an environment variable: for secrets.")
    Map<String, String> environment = new LinkedHashMap<>();

    /**
     * All the variables, in order: {@code --var}, then {@code --var-file}, then {@code --var-env}.
     *
     * @param env  how environment variables are read ({@code System::getenv})
     * @param warn where the process-list warning goes, or null for none (a command that ends at once)
     * @throws IllegalArgumentException naming the variable and the file or environment variable
     *     that is missing, unreadable, too large or not text; never a value
     */
    Map<String, String> resolve(UnaryOperator<String> env, PrintWriter warn) {
        Map<String, String> all = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (warn != null && SECRET_NAME.matcher(e.getKey()).matches()) {
                warn.println("warning: --var " + e.getKey() + " is readable by every local user in the process list;"
                        + " give it with --var-file " + e.getKey() + "=FILE or --var-env " + e.getKey() + "=VARIABLE");
                warn.flush();
            }
            put(all, e.getKey(), e.getValue(), "--var");
        }
        for (Map.Entry<String, Path> e : files.entrySet()) {
            put(all, e.getKey(), read(e.getKey(), e.getValue()), "--var-file");
        }
        for (Map.Entry<String, String> e : environment.entrySet()) {
            String value = env.apply(e.getValue());
            if (value == null) {
                throw new IllegalArgumentException("--var-env " + e.getKey() + "=" + e.getValue()
                        + ": environment variable " + e.getValue() + " is not set");
            }
            put(all, e.getKey(), value, "--var-env");
        }
        return all;
    }

    private static void put(Map<String, String> all, String name, String value, String option) {
        if (name.isBlank()) {
            throw new IllegalArgumentException(option + ": expected NAME=..., the name is empty");
        }
        if (all.putIfAbsent(name, value) != null) {
            throw new IllegalArgumentException(option + " " + name + ": variable " + name + " is given twice");
        }
    }

    private static String read(String name, Path file) {
        String where = "--var-file " + name + "=" + file;
        CliFiles.requireRegularFile(file);
        try {
            if (Files.size(file) > MAX_FILE) {
                throw new IllegalArgumentException(where + ": larger than " + MAX_FILE / 1024 + " KiB");
            }
            byte[] bytes = Files.readAllBytes(file);
            String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            if (text.endsWith("\r\n")) {
                return text.substring(0, text.length() - 2);
            }
            return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException(where + ": not UTF-8 text");
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }
}
