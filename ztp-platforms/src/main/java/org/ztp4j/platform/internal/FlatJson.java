package org.ztp4j.platform.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a flat JSON object (RFC 8259) whose values are strings, numbers, booleans or null, which is
 * all a device report holds. Values come back as text; nested objects and arrays are refused.
 */
public final class FlatJson {

    private final String text;
    private int pos;

    private FlatJson(String text) {
        this.text = text;
    }

    /**
     * @param json the text
     * @return the members, in order
     * @throws IllegalArgumentException saying where the text is not a flat JSON object
     */
    public static Map<String, String> parse(String json) {
        FlatJson p = new FlatJson(json);
        Map<String, String> members = p.object();
        p.blanks();
        if (p.pos != json.length()) {
            throw p.error("text after the object");
        }
        return members;
    }

    private Map<String, String> object() {
        Map<String, String> members = new LinkedHashMap<>();
        blanks();
        expect('{');
        blanks();
        if (peek() == '}') {
            pos++;
            return members;
        }
        while (true) {
            blanks();
            String name = string();
            blanks();
            expect(':');
            blanks();
            members.put(name, value());
            blanks();
            char c = next();
            if (c == '}') {
                return members;
            }
            if (c != ',') {
                throw error("expected ',' or '}'");
            }
        }
    }

    private String value() {
        char c = peek();
        if (c == '"') {
            return string();
        }
        if (c == '{' || c == '[') {
            throw error("nested objects and arrays are not supported");
        }
        int start = pos;
        while (pos < text.length() && "{}[],: \t\r\n\"".indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        String raw = text.substring(start, pos);
        if (!raw.matches("true|false|null|-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
            throw error("not a JSON value: '" + raw + "'");
        }
        return raw.equals("null") ? null : raw;
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return b.toString();
            }
            if (c < 0x20) {
                throw error("control character in a string");
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw error("short \\u escape");
                    }
                    try {
                        b.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException bad) {
                        throw error("bad \\u escape");
                    }
                    pos += 4;
                }
                default -> throw error("bad escape \\" + e);
            }
        }
    }

    private void blanks() {
        while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private char peek() {
        if (pos >= text.length()) {
            throw error("unexpected end");
        }
        return text.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) {
            pos--;
            throw error("expected '" + c + "'");
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("JSON at offset " + pos + ": " + what);
    }
}
