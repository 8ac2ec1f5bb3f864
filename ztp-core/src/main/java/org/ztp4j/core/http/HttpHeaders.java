package org.ztp4j.core.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The header fields of an HTTP request, as sent: names compare without case (RFC 9110 5.1), values
 * keep their order.
 *
 * <pre>{@code
 * request.headers().first("CUMULUS-SERIAL").ifPresent(serial -> ...);
 * }</pre>
 */
public final class HttpHeaders {

    private static final HttpHeaders EMPTY = new HttpHeaders(Map.of());

    private final Map<String, List<String>> fields;

    private HttpHeaders(Map<String, List<String>> fields) {
        this.fields = fields;
    }

    /** @return no header fields */
    public static HttpHeaders empty() {
        return EMPTY;
    }

    /**
     * @param fields names to values; names are matched without case from then on
     * @return the headers
     * @throws IllegalArgumentException when a name or value is null
     */
    public static HttpHeaders of(Map<String, ? extends List<String>> fields) {
        if (fields.isEmpty()) {
            return EMPTY;
        }
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        fields.forEach((name, values) -> {
            if (name == null || values == null || values.stream().anyMatch(java.util.Objects::isNull)) {
                throw new IllegalArgumentException("header " + name + ": name and values must not be null");
            }
            copy.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values);
        });
        copy.replaceAll((name, values) -> List.copyOf(values));
        return new HttpHeaders(Collections.unmodifiableMap(copy));
    }

    /**
     * @param name a field name, any case
     * @return its first value, if sent
     */
    public Optional<String> first(String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * @param name a field name, any case
     * @return every value sent under that name, in order; empty when none
     */
    public List<String> all(String name) {
        return fields.getOrDefault(name, List.of());
    }

    /** @return the field names, lower-cased, sorted */
    public List<String> names() {
        return fields.keySet().stream().map(n -> n.toLowerCase(Locale.ROOT)).sorted().toList();
    }

    /** @return the fields; names compare without case */
    public Map<String, List<String>> asMap() {
        return fields;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpHeaders h && fields.equals(h.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return names().toString();
    }
}
