package org.ztp4j.server.status;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.ztp4j.core.internal.HostText;
import org.ztp4j.core.DeviceIdentity;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.internal.JsonWriter;

/**
 * Writes a {@link ProvisioningEvent} as one JSON object, as the {@link WebhookListener} posts it:
 *
 * <pre>{@code
 * {"type":"FileServed","time":"2026-11-24T10:00:32Z",
 *  "device":{"serial":"SAL1234ABCD","mac":null,"address":"10.0.0.7","platform":"nxos"},
 *  "path":"conf.SAL1234ABCD","protocol":"TFTP","client":"10.0.0.7:49152","bytes":2000,"durationMillis":200,
 *  "sha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}
 * }</pre>
 *
 * <p>Per type, after {@code type}, {@code time} and {@code device}: {@code FileRequested} has
 * {@code path}, {@code protocol}, {@code client}; {@code FileServed} adds {@code bytes},
 * {@code durationMillis} and {@code sha256} (of the bytes sent, or null when not known); {@code TransferFailed} adds {@code bytesSent} and {@code reason};
 * {@code TransferProgress} has {@code path}, {@code protocol}, {@code bytesSent}, {@code totalBytes};
 * {@code DeviceIdentified} has {@code hostname}, {@code managementAddress} and {@code how};
 * {@code ConfigRendered} has {@code template}, {@code path}, {@code bytes}; {@code DeviceReported}
 * has {@code success} and {@code message}; {@code DeviceReachable} has {@code address} and
 * {@code how}.
 *
 * <p>Secrets: an identified device's record contributes only its host name and management
 * address, never its template variables.
 */
public final class EventJson {

    private EventJson() {
    }

    /**
     * @param event any event
     * @return its JSON text
     */
    public static String of(ProvisioningEvent event) {
        JsonWriter w = new JsonWriter().beginObject()
                .name("type").value(event.getClass().getSimpleName())
                .name("time").value(event.time() == null ? null : event.time().toString());
        device(w.name("device"), event.device() == null ? DeviceIdentity.unknown() : event.device());
        if (event instanceof ProvisioningEvent.FileRequested r) {
            transfer(w, r.path(), r.protocol(), r.client());
        } else if (event instanceof ProvisioningEvent.FileServed s) {
            transfer(w, s.path(), s.protocol(), s.client());
            w.name("bytes").value(s.bytes());
            w.name("durationMillis");
            if (s.duration() == null) {
                w.nullValue();
            } else {
                w.value(s.duration().toMillis());
            }
            w.name("sha256").value(s.sha256());
        } else if (event instanceof ProvisioningEvent.TransferFailed f) {
            transfer(w, f.path(), f.protocol(), f.client());
            w.name("bytesSent").value(f.bytesSent()).name("reason").value(f.reason());
        } else if (event instanceof ProvisioningEvent.FileRefused r) {
            transfer(w, r.path(), r.protocol(), r.client());
            w.name("reason").value(r.reason());
        } else if (event instanceof ProvisioningEvent.TransferProgress p) {
            w.name("path").value(p.path()).name("protocol").value(p.protocol() == null ? null : p.protocol().name())
                    .name("bytesSent").value(p.bytesSent()).name("totalBytes").value(p.totalBytes());
        } else if (event instanceof ProvisioningEvent.DeviceIdentified d) {
            DeviceRecord r = d.record();
            w.name("hostname").value(r == null ? null : r.hostname())
                    .name("managementAddress").value(r == null ? null : host(r.managementAddress()))
                    .name("how").value(d.how());
        } else if (event instanceof ProvisioningEvent.ConfigRendered c) {
            w.name("template").value(c.template()).name("path").value(c.path()).name("bytes").value(c.bytes());
        } else if (event instanceof ProvisioningEvent.DeviceReported r) {
            w.name("success").value(r.success()).name("message").value(r.message());
        } else if (event instanceof ProvisioningEvent.DeviceReachable r) {
            w.name("address").value(host(r.address())).name("how").value(r.how());
        }
        return w.endObject().toString();
    }

    private static void device(JsonWriter w, DeviceIdentity d) {
        w.beginObject()
                .name("serial").value(d.serial() == null ? null : d.serial().value())
                .name("mac").value(d.mac() == null ? null : d.mac().toString())
                .name("address").value(host(d.clientAddress()))
                .name("platform").value(d.platform())
                .endObject();
    }

    private static void transfer(JsonWriter w, String path, org.ztp4j.core.Protocol protocol, InetSocketAddress client) {
        w.name("path").value(path)
                .name("protocol").value(protocol == null ? null : protocol.name())
                .name("client").value(client == null ? null : HostText.hostPort(client));
    }


    private static String host(InetAddress a) {
        return a == null ? null : a.getHostAddress();
    }
}
