package org.ztp4j.core.template;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.DefaultMustacheVisitor;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheNotFoundException;
import com.github.mustachejava.MustacheResolver;
import com.github.mustachejava.MustacheVisitor;
import com.github.mustachejava.TemplateContext;
import com.github.mustachejava.codes.ValueCode;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ztp4j.core.RejectedPathException;
import org.ztp4j.core.RequestPath;

/**
 * A set of strict Mustache templates, looked up by name in one or more sources (a directory, the
 * class path, a map), the first source that has a name winning, so a user's directory can override
 * bundled templates one file at a time.
 *
 * <p>Strict means two things. Nothing is HTML-escaped: {@code {{x}}} and {@code {{{x}}}} both write
 * the value as it is, so a config comes out byte-exact. And a variable ({@code {{x}}}) that has no
 * value is a {@link TemplateException} naming the template, the variable and the device, never an
 * empty string in a config. Sections ({@code {{#x}}...{{/x}}}, {@code {{^x}}...{{/x}}}) may name
 * absent values: that is how a template makes a part optional.
 *
 * <p>A value cannot change a config's structure: a {@code {{x}}} whose value holds a line break
 * (LF, CR, NEL, U+2028, U+2029), a NUL or another control character but TAB is a
 * {@link TemplateException} naming the template, the device and the variable, so that
 * {@code admin_password="x\nusername evil ..."} never adds a line to a config. A template that means
 * to insert a block of lines (a certificate, a banner) says so with {@code {{{x}}}}, which writes
 * the value as it is.
 *
 * <p>Compiled templates are cached and safe to render from many threads. {@link #reload()} drops
 * the cache so edited files are read again; a render in progress finishes with what it had.
 *
 * <pre>{@code
 * TemplateSet templates = TemplateSet.builder()
 *         .directory(Path.of("/etc/ztp/templates"))    // the user's overrides
 *         .classpath("org/ztp4j/platform/templates/")   // the bundled defaults
 *         .build();
 * String config = templates.render("nxos/day0.cfg", device.templateScope(), device.hostname());
 * }</pre>
 */
public final class TemplateSet {

    private final List<Source> sources;
    /** Sets this one falls back to: when one of them reloads, this one forgets its compiled templates too. */
    private final List<TemplateSet> parents;
    private final java.util.concurrent.atomic.AtomicLong reloads = new java.util.concurrent.atomic.AtomicLong();
    private volatile StrictFactory factory;

    private TemplateSet(List<Source> sources, List<TemplateSet> parents) {
        this.sources = List.copyOf(sources);
        this.parents = List.copyOf(parents);
        this.factory = new StrictFactory(this.sources, generation());
    }

    /** @return a builder to which sources are added in order of precedence */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param directory a folder of templates
     * @return a set reading that folder only
     */
    public static TemplateSet ofDirectory(Path directory) {
        return builder().directory(directory).build();
    }

    /**
     * @param templates template texts by name
     * @return a set of just those templates
     */
    public static TemplateSet of(Map<String, String> templates) {
        return builder().templates(templates).build();
    }

    /**
     * Renders a template.
     *
     * @param name   the template's name, a relative path such as {@code nxos/day0.cfg}
     * @param scope  the variables
     * @param device a label for the device (for error messages), or {@code null}
     * @return the rendered text
     * @throws TemplateException naming the template, device and variable when a variable has no
     *                           value, the template does not exist or does not parse
     */
    public String render(String name, Map<String, ?> scope, String device) {
        Mustache mustache = compile(name, device);
        StringWriter out = new StringWriter();
        try {
            mustache.execute(out, scope).flush();
        } catch (MustacheException | IOException e) {
            UnsafeValue unsafe = findCause(e, UnsafeValue.class);
            if (unsafe != null) {
                throw new TemplateException(name, device, unsafe.variable, "variable '" + unsafe.variable + "' holds "
                        + unsafe.what + " (line " + unsafe.line + "): a value may not add lines to a config; a template"
                        + " that means to insert a block writes {{{" + unsafe.variable + "}}}", null);
            }
            MissingVariable missing = findCause(e, MissingVariable.class);
            if (missing != null) {
                throw new TemplateException(name, device, missing.variable,
                        "variable '" + missing.variable + "' has no value (line " + missing.line + ")", null);
            }
            throw new TemplateException(name, device, null, rootMessage(e), e);
        } catch (MissingVariable missing) {
            throw new TemplateException(name, device, missing.variable,
                    "variable '" + missing.variable + "' has no value (line " + missing.line + ")", null);
        } catch (UnsafeValue unsafe) {
            throw new TemplateException(name, device, unsafe.variable, "variable '" + unsafe.variable + "' holds "
                    + unsafe.what + " (line " + unsafe.line + "): a value may not add lines to a config; a template that"
                    + " means to insert a block writes {{{" + unsafe.variable + "}}}", null);
        }
        return out.toString();
    }

    /**
     * Renders to bytes in UTF-8.
     *
     * @param name   the template's name
     * @param scope  the variables
     * @param device a label for the device, or {@code null}
     * @return the rendered bytes
     * @throws TemplateException as {@link #render(String, Map, String)}
     */
    public byte[] renderBytes(String name, Map<String, ?> scope, String device) {
        return render(name, scope, device).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param name a template name
     * @return true when some source has a template by that name
     */
    public boolean exists(String name) {
        try {
            Reader r = resolve(sources, name);
            if (r == null) {
                return false;
            }
            r.close();
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Checks that a template exists and parses, without rendering it.
     *
     * @param name the template's name
     * @throws TemplateException when it is missing or does not parse
     */
    public void check(String name) {
        compile(name, null);
    }

    /**
     * Forgets every compiled template, so the next render reads the sources again. A set built with
     * this one as a {@linkplain Builder#fallback(TemplateSet) fallback} forgets its own too.
     */
    public void reload() {
        reloads.incrementAndGet();
        factory = new StrictFactory(sources, generation());
    }

    /** Counts reloads of this set and of every set it falls back to. */
    private long generation() {
        long g = reloads.get();
        for (TemplateSet p : parents) {
            g += p.generation();
        }
        return g;
    }

    private Mustache compile(String name, String device) {
        try {
            RequestPath.parse(name);
        } catch (RejectedPathException e) {
            throw new TemplateException(name, device, null, "not a valid template name: " + e.getMessage(), null);
        }
        StrictFactory f = factory;
        long g = generation();
        if (f.generation != g) {
            f = new StrictFactory(sources, g); // a set we fall back to was reloaded
            factory = f;
        }
        try {
            return f.compile(name);
        } catch (MustacheNotFoundException e) {
            throw new TemplateException(name, device, null, "no such template in " + sources, e);
        } catch (MustacheException | UncheckedIOException e) {
            throw new TemplateException(name, device, null, rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private static <T extends Throwable> T findCause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static Reader resolve(List<Source> sources, String name) {
        for (Source s : sources) {
            Reader r = s.open(name);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "TemplateSet" + sources;
    }

    /** Adds template sources in order of precedence: the first added wins. */
    public static final class Builder {
        private final List<Source> sources = new ArrayList<>();
        private final List<TemplateSet> parents = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param directory a folder of templates (need not exist yet)
         * @return this builder
         */
        public Builder directory(Path directory) {
            Path dir = directory.toAbsolutePath().normalize();
            sources.add(new Source("directory " + dir, name -> {
                Path p = dir.resolve(name).normalize();
                if (!p.startsWith(dir) || !Files.isRegularFile(p)) {
                    return null;
                }
                try {
                    return Files.newBufferedReader(p, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
            return this;
        }

        /**
         * @param prefix a class-path folder such as {@code org/ztp4j/platform/templates/}
         * @param loader where to look
         * @return this builder
         */
        public Builder classpath(String prefix, ClassLoader loader) {
            String pre = prefix.endsWith("/") ? prefix : prefix + "/";
            sources.add(new Source("classpath " + pre, name -> {
                var in = loader.getResourceAsStream(pre + name);
                return in == null ? null : new java.io.InputStreamReader(in, StandardCharsets.UTF_8);
            }));
            return this;
        }

        /**
         * @param prefix a class-path folder, looked up with this library's class loader
         * @return this builder
         */
        public Builder classpath(String prefix) {
            return classpath(prefix, TemplateSet.class.getClassLoader());
        }

        /**
         * @param templates template texts by name
         * @return this builder
         */
        public Builder templates(Map<String, String> templates) {
            Map<String, String> copy = Map.copyOf(templates);
            sources.add(new Source("in-memory " + copy.keySet(), name -> {
                String t = copy.get(name);
                return t == null ? null : new StringReader(t);
            }));
            return this;
        }

        /**
         * Adds every source of another set, after those added so far.
         *
         * @param other another set
         * @return this builder
         */
        public Builder fallback(TemplateSet other) {
            sources.addAll(other.sources);
            parents.add(other);
            return this;
        }

        /** @return the set */
        public TemplateSet build() {
            if (sources.isEmpty()) {
                throw new IllegalStateException("template set: no source (add a directory, class path or map)");
            }
            return new TemplateSet(sources, parents);
        }
    }

    private record Source(String description, java.util.function.Function<String, Reader> opener) {
        Reader open(String name) {
            return opener.apply(name);
        }

        @Override
        public String toString() {
            return description;
        }
    }

    /** Thrown while rendering when a variable has no value; turned into a TemplateException. */
    private static final class MissingVariable extends RuntimeException {
        final String variable;
        final int line;

        MissingVariable(String variable, int line) {
            super(variable, null, false, false);
            this.variable = variable;
            this.line = line;
        }
    }

    /** Thrown while rendering when a {@code {{x}}} value would end a line; turned into a TemplateException. */
    private static final class UnsafeValue extends RuntimeException {
        final String variable;
        final int line;
        final String what;

        UnsafeValue(String variable, int line, String what) {
            super(variable, null, false, false);
            this.variable = variable;
            this.line = line;
            this.what = what;
        }
    }

    /**
     * @param value a value about to be written
     * @return what in it would end a line or a statement, in words, or null when nothing would
     */
    static String lineBreaker(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\n') {
                return "a line feed (\\n)";
            }
            if (c == '\r') {
                return "a carriage return (\\r)";
            }
            if (c == 0) {
                return "a NUL character";
            }
            if (c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return String.format("a line separator (U+%04X)", (int) c);
            }
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return String.format("a control character (U+%04X)", (int) c);
            }
        }
        return null;
    }

    /** A Mustache factory that escapes nothing, refuses variables without a value and values that end a line. */
    private static final class StrictFactory extends DefaultMustacheFactory {

        final long generation;

        StrictFactory(List<Source> sources, long generation) {
            super((MustacheResolver) name -> resolve(sources, name));
            this.generation = generation;
        }

        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public MustacheVisitor createMustacheVisitor() {
            return new DefaultMustacheVisitor(this) {
                @Override
                public void value(TemplateContext tc, String variable, boolean encoded) {
                    list.add(new ValueCode(tc, df, variable, encoded) {
                        @Override
                        public Writer execute(Writer writer, List<Object> scopes) {
                            Object value = get(scopes);
                            if (value == null) {
                                throw new MissingVariable(variable, tc.line());
                            }
                            if (encoded && !(value instanceof java.util.concurrent.Callable) && !(value instanceof java.util.function.Function)) {
                                String what = lineBreaker(String.valueOf(value));
                                if (what != null) {
                                    throw new UnsafeValue(variable, tc.line(), what);
                                }
                            }
                            return super.execute(writer, scopes);
                        }
                    });
                }
            };
        }

        @Override
        public Mustache compile(String name) {
            return super.compile(Objects.requireNonNull(name));
        }
    }
}
