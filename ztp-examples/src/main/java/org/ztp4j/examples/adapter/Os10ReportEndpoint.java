package org.ztp4j.examples.adapter;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ztp4j.core.DeviceIdentity;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.MacAddress;
import org.ztp4j.core.PlatformContext;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.http.EndpointRequest;
import org.ztp4j.core.http.EndpointResponse;
import org.ztp4j.core.http.HttpEndpoint;

/**
 * Takes the report an OS10 switch's post-ZTD script sends once ZTD has applied its day-0:
 * {@code POST /os10/report/<MAC>} with {@code Content-Type: application/json}, the header
 * {@value #TOKEN_HEADER} holding the device's token, and a body such as
 * {@code {"status":"success","message":"..."}}.
 *
 * <p>A report is taken only from the device it names: the token must be that device's (the
 * post-ZTD script is rendered for it, token included). Otherwise the answer is 403, the same for
 * an unknown MAC, a missing token and a wrong one, and nobody is told. Only JSON is read, so that a
 * web page cannot forge a report with a form post. A success becomes a
 * {@link ProvisioningEvent.DeviceReported} and a {@link ProvisioningEvent.DeviceReachable} at the
 * device's management address; a failure a {@code DeviceReported} alone.
 */
public final class Os10ReportEndpoint implements HttpEndpoint {

    /** The header that carries the device's token. */
    public static final String TOKEN_HEADER = "ZTP4J-Device-Token";

    private static final Logger LOG = LoggerFactory.getLogger(Os10ReportEndpoint.class);
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(success|failure)\"");
    private static final Pattern MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"([\\x20\\x21\\x23-\\x5b\\x5d-\\x7e]{0,200})\"");
    private static final Pattern MAC = Pattern.compile("[0-9A-Fa-f]{12}");
    private static final String REFUSED = "report refused: no proof that it comes from the device it names";

    private final String prefix;
    private final PlatformContext context;

    /**
     * @param prefix  where the endpoint is mounted, such as {@code /os10/report}
     * @param context the inventory, the tokens and the listener
     */
    public Os10ReportEndpoint(String prefix, PlatformContext context) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public EndpointResponse handle(EndpointRequest request) {
        if (!request.method().equals("POST")) {
            return EndpointResponse.text(405, "report with POST").withHeader("Allow", "POST");
        }
        String type = request.header("Content-Type");
        if (type == null || !type.split(";", 2)[0].trim().equalsIgnoreCase("application/json")) {
            return EndpointResponse.text(415, "a report is application/json");
        }
        String rest = request.rawPath().startsWith(prefix + "/") ? request.rawPath().substring(prefix.length() + 1) : "";
        Optional<DeviceRecord> device = MAC.matcher(rest).matches()
                ? context.inventory().byMac(MacAddress.parse(rest)).filter(d -> Os10ZtdAdapter.ID.equals(d.platform()))
                : Optional.empty();
        InetAddress from = request.client().getAddress();
        if (device.isEmpty() || !context.access().tokens().matches(device.get(), request.header(TOKEN_HEADER))) {
            LOG.warn("os10 report from {} refused: {}", from.getHostAddress(),
                    device.isEmpty() ? "no OS10 device with that MAC" : "not the device's token");
            return EndpointResponse.text(403, REFUSED);
        }
        String body = request.bodyText();
        Matcher status = STATUS.matcher(body);
        if (!status.find()) {
            return EndpointResponse.text(400, "report body: \"status\" must be \"success\" or \"failure\"");
        }
        Matcher message = MESSAGE.matcher(body);
        String text = message.find() ? message.group(1) : "";
        boolean success = status.group(1).equals("success");
        DeviceRecord d = device.get();
        DeviceIdentity who = new DeviceIdentity(d.serial(), d.mac(), Os10ZtdAdapter.ID, null, from);
        LOG.info("{} ({}) reported {}", d.hostname(), d.mac(), status.group(1));
        context.listener().onEvent(new ProvisioningEvent.DeviceReported(Instant.now(), who, success, text));
        if (success) {
            InetAddress address = d.managementAddress() != null ? d.managementAddress() : from;
            context.listener().onEvent(new ProvisioningEvent.DeviceReachable(Instant.now(), who, address, "reported by post-ZTD script"));
        }
        return EndpointResponse.noContent();
    }

    @Override
    public String toString() {
        return "OS10 post-ZTD reports at " + prefix + "/<MAC>";
    }
}
