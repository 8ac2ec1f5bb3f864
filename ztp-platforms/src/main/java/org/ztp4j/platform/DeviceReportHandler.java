package org.ztp4j.platform;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ztp4j.core.internal.LogText;
import org.ztp4j.core.internal.RateLimitedLog;
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
 * {@code PUT}) with {@code Content-Type: application/json} and a body
 * {@code {"status": "success"|"failure", "message": "..."}}.
 *
 * <p>A report is taken only with proof that it comes from the device it names: the device's token
 * ({@link org.ztp4j.core.DeviceTokens}), in the header {@value #TOKEN_HEADER} or as a last path
 * segment ({@code <prefix>/<SERIAL>/<TOKEN>}). The device gets its token with its own day-0 (a first
 * line {@code ! ztp4j-device-token <TOKEN>}) and, under day-0 access {@code token}, in the path its
 * script was served under. A report without it, with another device's, or for a serial the
 * inventory does not hold is refused with 403 and the same body in every case (no hint which),
 * changes nothing and reaches no listener. Only JSON is read, so that a web page cannot forge a
 * report with a plain form post ({@code text/plain}): anything else is 415.
 *
 * <p>Each report taken becomes a {@link ProvisioningEvent.DeviceReported}. A success also becomes a
 * {@link ProvisioningEvent.DeviceReachable}: the script reports after it has applied and saved its
 * day-0, so the device now answers on its management address (the inventory's, or else the address
 * the report came from). The message is logged escaped and cut at {@value #LOGGED_MESSAGE} characters.
 *
 * <p>Answers: 204 for a report taken, 400 for a bad body (with the reason as text), 403 for no
 * proof, 405 for other methods, 413 for a body over {@value #MAX_BODY} bytes, 415 for a body that is
 * not {@code application/json}.
 *
 * <pre>{@code
 * http.endpoint("/ztp/report", new DeviceReportHandler("iosxe", "/ztp/report", context));
 * // curl -H 'Content-Type: application/json' -H 'ZTP4J-Device-Token: <token>' \
 * //      -d '{"status":"success","message":"day-0 applied"}' http://10.0.0.1:8080/ztp/report/FOC1234X0AB
 * }</pre>
 */
public final class DeviceReportHandler implements HttpEndpoint {

    /** The largest report body accepted, in bytes. */
    public static final int MAX_BODY = 64 * 1024;

    /** The header that carries the device's token. */
    public static final String TOKEN_HEADER = "ZTP4J-Device-Token";

    /** The word of the day-0's first line that gives a script its device's token: {@code ! ztp4j-device-token <TOKEN>}. */
    public static final String TOKEN_LINE = "ztp4j-device-token";

    /** How much of a report's message the log keeps. */
    public static final int LOGGED_MESSAGE = 200;

    private static final Logger LOG = LoggerFactory.getLogger(DeviceReportHandler.class);
    private static final String REFUSED = "report refused: no proof that it comes from the device it names";

    private final String platform;
    private final String prefix;
    private final PlatformContext context;
    private final RateLimitedLog refusals = new RateLimitedLog(LOG, 60);

    /**
     * @param platform the platform id the reports come from
     * @param prefix   the path prefix the handler is mounted at, such as {@code /ztp/report}
     * @param context  the inventory (to find the device), the tokens (to check the proof) and the
     *                 listener (to tell)
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
        InetAddress from = request.client().getAddress();
        String type = request.header("Content-Type");
        if (type == null || !type.split(";", 2)[0].trim().equalsIgnoreCase("application/json")) {
            refusals.warnFor(from, "report from {} refused: Content-Type {}, not application/json", from.getHostAddress(),
                    LogText.of(type, 80));
            return EndpointResponse.text(415, "a report is application/json");
        }
        String path = request.rawPath();
        String rest = path.startsWith(prefix + "/") ? path.substring(prefix.length() + 1) : "";
        String token = request.header(TOKEN_HEADER);
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            if (token == null) {
                token = rest.substring(slash + 1);
            }
            rest = rest.substring(0, slash);
        }
        Optional<DeviceRecord> device;
        try {
            device = context.inventory().bySerial(SerialNumber.of(rest));
        } catch (IllegalArgumentException e) {
            device = Optional.empty();
        }
        if (device.isEmpty() || !context.access().tokens().matches(device.get(), token == null ? null : token.trim())) {
            refusals.warnFor(from, "report from {} for {} refused: {}", from.getHostAddress(), LogText.of(rest, 64),
                    device.isEmpty() ? "no such device in the inventory" : token == null ? "no device token" : "not the device's token");
            return EndpointResponse.text(403, REFUSED);
        }
        Map<String, String> report;
        try {
            report = FlatJson.parse(request.bodyText());
        } catch (IllegalArgumentException e) {
            return EndpointResponse.text(400, "report body: " + e.getMessage());
        }
        String status = report.get("status");
        if (!"success".equals(status) && !"failure".equals(status)) {
            return EndpointResponse.text(400, "report body: \"status\" must be \"success\" or \"failure\", not "
                    + LogText.of(status, 40));
        }
        String message = Objects.requireNonNullElse(report.get("message"), "");
        DeviceRecord d = device.get();
        DeviceIdentity who = new DeviceIdentity(d.serial(), d.mac(), platform, null, from);
        boolean success = status.equals("success");
        LOG.info("{} reported {}: {}", d.serial(), status, LogText.of(message, LOGGED_MESSAGE));
        context.listener().onEvent(new ProvisioningEvent.DeviceReported(Instant.now(), who, success, message));
        if (success) {
            InetAddress address = d.managementAddress() != null ? d.managementAddress() : from;
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
