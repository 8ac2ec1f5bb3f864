package org.ztp4j.core.inventory;

import java.util.ArrayList;
import java.util.List;

/** One CSV record and the line it starts on (RFC 4180, with blank and {@code #} lines skipped). */
record CsvRow(int line, List<String> fields) {

    static List<CsvRow> parseAll(String text, String source, List<String> problems) {
        List<CsvRow> rows = new ArrayList<>();
        int line = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            int start = line;
            // skip blank and comment lines
            int eol = text.indexOf('\n', i);
            String raw = text.substring(i, eol < 0 ? n : eol);
            if (raw.isBlank() || raw.stripLeading().startsWith("#")) {
                i = eol < 0 ? n : eol + 1;
                line++;
                continue;
            }
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean wasQuoted = false;
            boolean bad = false;
            while (i < n) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                            continue;
                        }
                        quoted = false;
                        i++;
                        continue;
                    }
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                    i++;
                    continue;
                }
                if (c == '"') {
                    if (field.toString().isBlank() && !wasQuoted) {
                        quoted = true;
                        wasQuoted = true;
                        field.setLength(0);
                    } else {
                        bad = true;
                        field.append(c);
                    }
                    i++;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                    wasQuoted = false;
                    i++;
                } else if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                } else if (c == '\n') {
                    i++;
                    line++;
                    break;
                } else {
                    if (wasQuoted && !Character.isWhitespace(c)) {
                        bad = true;
                    }
                    field.append(c);
                    i++;
                }
            }
            if (quoted) {
                problems.add(source + ":" + start + ": quoted field is never closed");
                break;
            }
            fields.add(field.toString());
            if (bad) {
                problems.add(source + ":" + start + ": stray '\"' inside a field (quote the whole field and double inner quotes)");
                continue;
            }
            rows.add(new CsvRow(start, fields));
        }
        return rows;
    }
}
