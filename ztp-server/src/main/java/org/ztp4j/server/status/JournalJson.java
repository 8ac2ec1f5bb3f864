package org.ztp4j.server.status;

import java.util.List;
import org.ztp4j.core.internal.JsonWriter;
import org.ztp4j.core.internal.ShownText;
import org.ztp4j.core.store.JournalEntry;

/**
 * Writes journal entries as JSON, as {@code GET /api/devices/{key}/events} serves them:
 *
 * <pre>{@code
 * {"events":[{"id":41,"time":"2026-12-05T10:00:01Z","device":"SAL1234ABCD","kind":"SERVED",
 *   "path":"poap.py","protocol":"TFTP","client":"10.0.0.7:49152","bytes":4200,"digest":null,
 *   "durationMillis":800,"detail":null,"actor":null,"server":"ztp1/10.0.0.1:69/8080"}],"last":41}
 * }</pre>
 *
 * <p>{@code last} is the greatest id in the page (or the {@code after} asked for when it is empty):
 * ask again with {@code ?after=<last>} for what follows. Text a device or a client chose (the device
 * key, the path, the detail) is cut at {@value ShownText#MAX_LENGTH} characters ({@link ShownText}).
 */
public final class JournalJson {

    private JournalJson() {
    }

    /**
     * @param entries the entries, oldest first
     * @param after   the id the page starts after
     * @return the JSON text
     */
    public static String of(List<JournalEntry> entries, long after) {
        JsonWriter w = new JsonWriter().beginObject().name("events").beginArray();
        long last = after;
        for (JournalEntry e : entries) {
            entry(w, e);
            last = Math.max(last, e.id());
        }
        return w.endArray().name("last").value(last).endObject().toString();
    }

    /**
     * @param e one entry
     * @return it as one JSON object, on one line
     */
    public static String of(JournalEntry e) {
        return entry(new JsonWriter(), e).toString();
    }

    private static JsonWriter entry(JsonWriter w, JournalEntry e) {
        w.beginObject()
                .name("id").value(e.id())
                .name("time").value(e.time().toString())
                .name("device").value(ShownText.of(e.deviceKey()))
                .name("kind").value(e.kind().name())
                .name("path").value(ShownText.of(e.path()))
                .name("protocol").value(e.protocol() == null ? null : e.protocol().name())
                .name("client").value(e.client());
        number(w.name("bytes"), e.bytes());
        w.name("digest").value(e.digest());
        number(w.name("durationMillis"), e.durationMillis());
        return w.name("detail").value(ShownText.of(e.detail()))
                .name("actor").value(e.actor())
                .name("server").value(e.server())
                .endObject();
    }

    private static void number(JsonWriter w, Long n) {
        if (n == null) {
            w.nullValue();
        } else {
            w.value(n);
        }
    }
}
