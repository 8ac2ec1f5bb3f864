package org.ztp4j.core.status;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.ztp4j.core.internal.JsonWriter;

/** Writes the board's device states as the JSON {@link DeviceStatusBoard#toJson(List)} documents. */
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
                    .name("key").value(d.key())
                    .name("label").value(d.label())
                    .name("hostname").value(d.hostname())
                    .name("serial").value(d.serial() == null ? null : d.serial().value())
                    .name("mac").value(d.mac() == null ? null : d.mac().toString())
                    .name("platform").value(d.platform())
                    .name("clientAddress").value(host(d.clientAddress()))
                    .name("managementAddress").value(host(d.managementAddress()))
                    .name("state").value(d.state().name())
                    .name("stateSince").value(text(d.stateSince()))
                    .name("transfer");
            TransferStatus t = d.transfer();
            if (t == null) {
                w.nullValue();
            } else {
                w.beginObject().name("path").value(t.path()).name("bytesSent").value(t.bytesSent())
                        .name("totalBytes").value(t.totalBytes()).name("percent").value(t.percent())
                        .name("finished").value(t.finished()).endObject();
            }
            w.name("lastRequest");
            LastRequest r = d.lastRequest();
            if (r == null) {
                w.nullValue();
            } else {
                w.beginObject().name("path").value(r.path()).name("protocol").value(r.protocol().name())
                        .name("time").value(r.time().toString()).endObject();
            }
            w.name("firstSeen").value(text(d.firstSeen()));
            millis(w.name("configServedAfterMillis"), d.configServedAfter());
            millis(w.name("reachableAfterMillis"), d.reachableAfter());
            w.name("lastError").value(d.lastError()).name("history").beginArray();
            d.history().forEach(w::value);
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
