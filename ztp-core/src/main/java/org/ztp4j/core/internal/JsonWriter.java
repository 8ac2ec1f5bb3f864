package org.ztp4j.core.internal;

import java.util.Objects;

/**
 * Writes JSON text (RFC 8259) by hand, for the few small documents ztp4j produces (a status
 * board, webhook events), so that the core needs no JSON library. Commas are placed for you.
 *
 * <pre>{@code
 * String json = new JsonWriter().beginObject()
 *         .name("serial").value("SAL1234ABCD")
 *         .name("bytes").value(330L)
 *         .endObject().toString();   // {"serial":"SAL1234ABCD","bytes":330}
 * }</pre>
 *
 * <p>It checks only what it must to stay cheap: a name outside an object, or a value where a name
 * is due, is the caller's bug and not detected.
 */
public final class JsonWriter {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out = new StringBuilder();

    /** Creates an empty writer. */
    public JsonWriter() {
    }

    /** @return this writer, having opened an object */
    public JsonWriter beginObject() {
        separate();
        out.append('{');
        return this;
    }

    /** @return this writer, having closed the current object */
    public JsonWriter endObject() {
        out.append('}');
        return this;
    }

    /** @return this writer, having opened an array */
    public JsonWriter beginArray() {
        separate();
        out.append('[');
        return this;
    }

    /** @return this writer, having closed the current array */
    public JsonWriter endArray() {
        out.append(']');
        return this;
    }

    /**
     * @param name a member name
     * @return this writer, ready for the member's value
     */
    public JsonWriter name(String name) {
        separate();
        quote(Objects.requireNonNull(name, "name"), out);
        out.append(':');
        return this;
    }

    /**
     * @param value a string, or {@code null} for JSON {@code null}
     * @return this writer
     */
    public JsonWriter value(String value) {
        separate();
        if (value == null) {
            out.append("null");
        } else {
            quote(value, out);
        }
        return this;
    }

    /**
     * @param value a number
     * @return this writer
     */
    public JsonWriter value(long value) {
        separate();
        out.append(value);
        return this;
    }

    /**
     * @param value a truth value
     * @return this writer
     */
    public JsonWriter value(boolean value) {
        separate();
        out.append(value);
        return this;
    }

    /** @return this writer, having written {@code null} */
    public JsonWriter nullValue() {
        separate();
        out.append("null");
        return this;
    }

    /** @return the JSON text written so far */
    @Override
    public String toString() {
        return out.toString();
    }

    // A comma goes before anything that follows a complete value or member.
    private void separate() {
        if (out.isEmpty()) {
            return;
        }
        char last = out.charAt(out.length() - 1);
        if (last != '{' && last != '[' && last != ':') {
            out.append(',');
        }
    }

    /**
     * Writes a tree of maps, lists, strings, numbers, booleans and nulls as JSON indented by two
     * spaces, one member per line (as configuration files read best), ending with a newline.
     *
     * @param value the tree
     * @return the JSON text
     */
    public static String indented(Object value) {
        StringBuilder out = new StringBuilder();
        indented(out, value, "");
        return out.append('\n').toString();
    }

    private static void indented(StringBuilder out, Object value, String indent) {
        if (value instanceof java.util.Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append("{\n");
            var it = map.entrySet().iterator();
            while (it.hasNext()) {
                var e = it.next();
                out.append(indent).append("  ");
                quote(String.valueOf(e.getKey()), out);
                out.append(": ");
                indented(out, e.getValue(), indent + "  ");
                out.append(it.hasNext() ? ",\n" : "\n");
            }
            out.append(indent).append('}');
        } else if (value instanceof java.util.List<?> list) {
            if (list.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append("[\n");
            for (int i = 0; i < list.size(); i++) {
                out.append(indent).append("  ");
                indented(out, list.get(i), indent + "  ");
                out.append(i + 1 < list.size() ? ",\n" : "\n");
            }
            out.append(indent).append(']');
        } else if (value == null) {
            out.append("null");
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else {
            quote(String.valueOf(value), out);
        }
    }

    /**
     * Quotes a string as a JSON string. Beside what RFC 8259 section 7 requires ({@code "},
     * {@code \}, U+0000..U+001F), it escapes {@code <}, {@code >}, {@code &}, U+2028 and U+2029 so
     * that the text is also safe inside an HTML {@code <script>} or a JavaScript source, and an
     * unpaired surrogate so that the result is always valid UTF-16 (and so encodes as UTF-8).
     *
     * @param s any string
     * @return the quoted string, quotes included
     */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2);
        quote(s, b);
        return b.toString();
    }

    private static void quote(String s, StringBuilder b) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '<', '>', '&', '\u2028', '\u2029' -> unicodeEscape(c, b);
                default -> {
                    if (c < 0x20) {
                        unicodeEscape(c, b);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        b.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        unicodeEscape(c, b);
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    private static void unicodeEscape(char c, StringBuilder b) {
        b.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
    }
}
