package org.ztp4j.core.status;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.ztp4j.core.internal.JsonWriter;
import org.ztp4j.core.internal.ShownText;

/**
 * Writes the board's device states as the JSON {@link DeviceStatusBoard#toJson(List)} documents.
 * Every text a device or a client may have chosen (keys from serials in URLs, paths asked for,
 * errors, history lines) is cut at {@value ShownText#MAX_LENGTH} characters ({@link ShownText}).
 */
final class StatusJson {

    private StatusJson() {
    }

    static String write(List<DeviceStatus> devices) {
        JsonWriter w = new JsonWriter().beginObject().name("devices").beginArray();
        for (DeviceStatus d : devices) {
            device(w, d);
        }
        return w.endArray().endObject().toString();
    }

    static String write(DeviceStatus d) {
        return device(new JsonWriter(), d).toString();
    }

    private static JsonWriter device(JsonWriter w, DeviceStatus d) {
        {
            w.beginObject()
                    .name("key").value(ShownText.of(d.key()))
                    .name("label").value(ShownText.of(d.label()))
                    .name("hostname").value(ShownText.of(d.hostname()))
                    .name("serial").value(ShownText.of(d.serial() == null ? null : d.serial().value()))
                    .name("mac").value(d.mac() == null ? null : d.mac().toString())
                    .name("platform").value(ShownText.of(d.platform()))
                    .name("clientAddress").value(host(d.clientAddress()))
                    .name("managementAddress").value(host(d.managementAddress()))
                    .name("state").value(d.state().name())
                    .name("stateSince").value(text(d.stateSince()))
                    .name("transfer");
            TransferStatus t = d.transfer();
            if (t == null) {
                w.nullValue();
            } else {
                w.beginObject().name("path").value(ShownText.of(t.path())).name("bytesSent").value(t.bytesSent())
                        .name("totalBytes").value(t.totalBytes()).name("percent").value(t.percent())
                        .name("finished").value(t.finished()).endObject();
            }
            w.name("lastRequest");
            LastRequest r = d.lastRequest();
            if (r == null) {
                w.nullValue();
            } else {
                w.beginObject().name("path").value(ShownText.of(r.path())).name("protocol").value(r.protocol().name())
                        .name("time").value(r.time().toString()).endObject();
            }
            w.name("firstSeen").value(text(d.firstSeen()));
            millis(w.name("configServedAfterMillis"), d.configServedAfter());
            millis(w.name("reachableAfterMillis"), d.reachableAfter());
            w.name("lastError").value(ShownText.of(d.lastError())).name("history").beginArray();
            d.history().forEach(line -> w.value(ShownText.of(line)));
            w.endArray().endObject();
        }
        return w;
    }

    private static void millis(JsonWriter w, Duration d) {
        if (d == null) {
            w.nullValue();
        } else {
            w.value(d.toMillis());
        }
    }

    static String host(InetAddress a) {
        return a == null ? null : a.getHostAddress();
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
