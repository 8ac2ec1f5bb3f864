package org.ztp4j.platform;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ztp4j.core.internal.LogText;
import org.ztp4j.core.DeviceIdentity;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.PlatformContext;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.SerialNumber;
import org.ztp4j.core.http.EndpointRequest;
import org.ztp4j.core.http.EndpointResponse;
import org.ztp4j.core.http.HttpEndpoint;
import org.ztp4j.platform.internal.FlatJson;

/**
 * Receives a device's report on its own provisioning script: {@code POST <prefix>/<SERIAL>} (or
 * {@code PUT}, which is what IOS {@code copy ... http://} sends) with a JSON body
 * {@code {"status": "success"|"failure", "message": "..."}}.
 *
 * <p>Each report becomes a {@link ProvisioningEvent.DeviceReported}. A success also becomes a
 * {@link ProvisioningEvent.DeviceReachable}: the script reports after it has applied and saved its
 * day-0, so the device now answers on its management address (the inventory's, or else the address
 * the report came from). Checking that with a TCP/22 probe is the embedding application's job.
 *
 * <p>Answers: 204 for a report taken, 400 for a bad serial or body (with the reason as text), 405
 * for other methods, 413 for a body over {@value #MAX_BODY} bytes.
 *
 * <pre>{@code
 * http.endpoint("/ztp/report", new DeviceReportHandler("iosxe", "/ztp/report", context));
 * // curl -X POST -d '{"status":"success","message":"day-0 applied"}' http://10.0.0.1:8080/ztp/report/FOC1234X0AB
 * }</pre>
 */
public final class DeviceReportHandler implements HttpEndpoint {

    /** The largest report body accepted, in bytes. */
    public static final int MAX_BODY = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(DeviceReportHandler.class);

    private final String platform;
    private final String prefix;
    private final PlatformContext context;

    /**
     * @param platform the platform id the reports come from
     * @param prefix   the path prefix the handler is mounted at, such as {@code /ztp/report}
     * @param context  the inventory (to find the device) and the listener (to tell)
     */
    public DeviceReportHandler(String platform, String prefix, PlatformContext context) {
        this.platform = Objects.requireNonNull(platform, "platform");
        this.prefix = Objects.requireNonNull(prefix, "prefix").endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public EndpointResponse handle(EndpointRequest request) {
        String method = request.method();
        if (!method.equals("POST") && !method.equals("PUT")) {
            return EndpointResponse.text(405, "report with POST or PUT").withHeader("Allow", "POST, PUT");
        }
        String path = request.rawPath();
        String rest = path.startsWith(prefix + "/") ? path.substring(prefix.length() + 1) : "";
        SerialNumber serial;
        try {
            serial = SerialNumber.of(rest);
        } catch (IllegalArgumentException e) {
            return EndpointResponse.text(400, "expected " + prefix + "/<SERIAL>: " + e.getMessage());
        }
        Map<String, String> report;
        try {
            report = FlatJson.parse(request.bodyText());
        } catch (IllegalArgumentException e) {
            return EndpointResponse.text(400, "report body: " + e.getMessage());
        }
        String status = report.get("status");
        if (!"success".equals(status) && !"failure".equals(status)) {
            return EndpointResponse.text(400, "report body: \"status\" must be \"success\" or \"failure\", not " + status);
        }
        String message = Objects.requireNonNullElse(report.get("message"), "");
        InetAddress from = request.client().getAddress();
        Optional<DeviceRecord> device = context.inventory().bySerial(serial);
        DeviceIdentity who = new DeviceIdentity(serial, device.map(DeviceRecord::mac).orElse(null), platform, null, from);
        boolean success = status.equals("success");
        LOG.info("{} reported {}: {}", serial, status, LogText.of(message));
        context.listener().onEvent(new ProvisioningEvent.DeviceReported(Instant.now(), who, success, message));
        if (success) {
            InetAddress address = device.map(DeviceRecord::managementAddress).orElse(from);
            context.listener().onEvent(new ProvisioningEvent.DeviceReachable(Instant.now(), who, address, "reported by script"));
        }
        return EndpointResponse.noContent();
    }

    @Override
    public int maxBodyBytes() {
        return MAX_BODY;
    }

    @Override
    public String toString() {
        return "device reports at " + prefix + "/<SERIAL>";
    }
}
