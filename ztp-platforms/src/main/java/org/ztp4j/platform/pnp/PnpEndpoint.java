package org.ztp4j.platform.pnp;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ztp4j.core.BootServers;
import org.ztp4j.core.DeviceIdentity;
import org.ztp4j.core.DeviceRecord;
import org.ztp4j.core.PlatformContext;
import org.ztp4j.core.Protocol;
import org.ztp4j.core.ProvisioningEvent;
import org.ztp4j.core.SerialNumber;
import org.ztp4j.core.http.EndpointRequest;
import org.ztp4j.core.http.EndpointResponse;
import org.ztp4j.core.http.HttpEndpoint;
import org.ztp4j.core.internal.LogText;

/**
 * The PnP server's three URLs under {@code /pnp}: {@code GET /pnp/HELLO} (200, empty: the agent
 * proceeds), {@code POST /pnp/WORK-REQUEST} (answered with the device's next work item) and
 * {@code POST /pnp/WORK-RESPONSE} (its result, answered with a bye).
 *
 * <p>A device is known by the serial of its UDI, and only when the inventory lists that serial
 * under platform {@code pnp}: any other device gets a backoff and leaves no trace (no session, no
 * event). A work response counts only when it carries the correlator and service of the work item
 * the device was given; anything else is answered 409 and changes nothing.
 */
final class PnpEndpoint implements HttpEndpoint {

    /** The largest message taken: device-info responses are a few KiB. */
    static final int MAX_BODY = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(PnpEndpoint.class);
    private static final String XML = "application/xml; charset=utf-8";

    private final PlatformContext context;
    private final ConcurrentMap<SerialNumber, PnpSession> sessions;
    private final Plan plan;

    /**
     * What the adapter's settings ask of every device.
     *
     * @param image          the image to install, or null for none
     * @param imageMd5       its MD5, lower-case hex, or null
     * @param startup        apply the day-0 to the startup-config and reload, instead of to the running-config
     * @param backoffMinutes how long an unknown device, or one whose step failed, waits
     */
    record Plan(String image, String imageMd5, boolean startup, int backoffMinutes) {
    }

    PnpEndpoint(PlatformContext context, ConcurrentMap<SerialNumber, PnpSession> sessions, Plan plan) {
        this.context = Objects.requireNonNull(context, "context");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.plan = Objects.requireNonNull(plan, "plan");
    }

    @Override
    public EndpointResponse handle(EndpointRequest request) {
        String path = request.rawPath();
        switch (path) {
            case "/pnp/HELLO" -> {
                if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
                    return EndpointResponse.text(405, "HELLO takes GET").withHeader("Allow", "GET, HEAD");
                }
                return new EndpointResponse(200, Map.of(), null);
            }
            case "/pnp/WORK-REQUEST", "/pnp/WORK-RESPONSE" -> {
                if (!request.method().equals("POST")) {
                    return EndpointResponse.text(405, path + " takes POST").withHeader("Allow", "POST");
                }
                PnpMessage message;
                try {
                    message = PnpMessage.parse(request.body());
                } catch (IllegalArgumentException e) {
                    LOG.info("PnP {} from {} refused: {}", path, request.client().getAddress().getHostAddress(), LogText.of(e.getMessage()));
                    return EndpointResponse.text(400, e.getMessage());
                }
                return path.endsWith("REQUEST") ? workRequest(message, request) : workResponse(message, request);
            }
            default -> {
                return EndpointResponse.text(404, "no PnP service at " + LogText.of(path)
                        + " (the server answers /pnp/HELLO, /pnp/WORK-REQUEST, /pnp/WORK-RESPONSE)");
            }
        }
    }

    private EndpointResponse workRequest(PnpMessage m, EndpointRequest request) {
        if (m.response() || !PnpMessage.WORK_INFO.equals(m.service())) {
            return EndpointResponse.text(400, "a work request is <info xmlns=\"" + PnpMessage.WORK_INFO + "\">");
        }
        SerialNumber serial = m.udi().serial();
        Optional<DeviceRecord> device = device(serial);
        InetAddress from = request.client().getAddress();
        if (device.isEmpty()) {
            LOG.info("PnP work request from {} (serial {}, not a pnp device of the inventory): backoff {} min",
                    from.getHostAddress(), LogText.of(serial.value()), plan.backoffMinutes());
            return xml(PnpWork.backoff(m.udiText(), m.correlator(), plan.backoffMinutes(), "not in the inventory"));
        }
        DeviceRecord d = device.get();
        DeviceIdentity who = identity(d, from);
        PnpSession s = sessions.computeIfAbsent(serial, k -> new PnpSession());
        synchronized (s) {
            if (s.backOffFirst) {
                s.backOffFirst = false;
                s.outstandingCorrelator = null;
                LOG.info("PnP {}: backoff {} min before the retry of {}", d.hostname(), plan.backoffMinutes(), s.step);
                return xml(PnpWork.backoff(m.udiText(), m.correlator(), plan.backoffMinutes(), "retry after a failure"));
            }
            byte[] work;
            String service;
            switch (s.step) {
                case DEVICE_INFO, IMAGE_CHECK -> {
                    service = PnpMessage.DEVICE_INFO;
                    work = PnpWork.deviceInfo(m.udiText(), m.correlator());
                }
                case IMAGE -> {
                    service = PnpMessage.IMAGE_INSTALL;
                    work = PnpWork.imageInstall(m.udiText(), m.correlator(), url(request, plan.image()), plan.imageMd5(),
                            "flash:" + plan.image());
                }
                case CONFIG -> {
                    service = PnpMessage.CONFIG_UPGRADE;
                    work = PnpWork.configUpgrade(m.udiText(), m.correlator(), url(request, PnpAdapter.day0Path(serial)),
                            plan.startup());
                }
                default -> {
                    s.outstandingCorrelator = null;
                    LOG.info("PnP {}: provisioned, told to stop", d.hostname());
                    return xml(PnpWork.terminate(m.udiText(), m.correlator(), "provisioning complete"));
                }
            }
            s.outstandingCorrelator = m.correlator();
            s.outstandingService = service;
            context.listener().onEvent(new ProvisioningEvent.DeviceIdentified(Instant.now(), who, d,
                    "UDI serial in PnP work request from " + from.getHostAddress()));
            LOG.info("PnP {} ({}): {}", d.hostname(), serial, service.substring(PnpMessage.PNP.length() + 1));
            return xml(work);
        }
    }

    private EndpointResponse workResponse(PnpMessage m, EndpointRequest request) {
        if (!m.response()) {
            return EndpointResponse.text(400, "a work response is <response xmlns=\"urn:cisco:pnp:<service>\">");
        }
        SerialNumber serial = m.udi().serial();
        Optional<DeviceRecord> device = device(serial);
        PnpSession s = device.isEmpty() ? null : sessions.get(serial);
        if (s == null) {
            return EndpointResponse.text(409, "no work item was given to serial " + LogText.of(serial.value()));
        }
        DeviceRecord d = device.get();
        DeviceIdentity who = identity(d, request.client().getAddress());
        synchronized (s) {
            if (s.outstandingCorrelator == null) {
                return EndpointResponse.text(409, "no work item is outstanding for serial " + serial.value());
            }
            if (!s.outstandingCorrelator.equals(m.correlator())) {
                LOG.warn("PnP {}: response with correlator {} while {} is outstanding: ignored", d.hostname(),
                        LogText.of(m.correlator()), LogText.of(s.outstandingCorrelator));
                return EndpointResponse.text(409, "correlator " + LogText.of(m.correlator())
                        + " is not the outstanding work item's (" + LogText.of(s.outstandingCorrelator) + ")");
            }
            boolean fault = PnpMessage.FAULT.equals(m.service());
            if (!fault && !s.outstandingService.equals(m.service())) {
                return EndpointResponse.text(409, "response for " + LogText.of(m.service()) + " while "
                        + s.outstandingService + " is outstanding");
            }
            String service = s.outstandingService.substring(PnpMessage.PNP.length() + 1);
            s.outstandingCorrelator = null;
            if (m.success() && !fault) {
                succeeded(s, m, d, who);
            } else {
                String why = m.errorMessage() == null ? "no reason given" : m.errorMessage();
                failed(s, d, who, "PnP " + service + (fault ? " fault: " : " failed: ") + why);
            }
        }
        return xml(PnpWork.bye(m.udiText(), m.correlator()));
    }

    private void succeeded(PnpSession s, PnpMessage m, DeviceRecord d, DeviceIdentity who) {
        switch (s.step) {
            case DEVICE_INFO -> s.step = plan.image() != null && !runs(m.imageFile(), plan.image())
                    ? PnpSession.Step.IMAGE : PnpSession.Step.CONFIG;
            case IMAGE -> s.step = PnpSession.Step.IMAGE_CHECK;
            case IMAGE_CHECK -> {
                if (runs(m.imageFile(), plan.image())) {
                    s.step = PnpSession.Step.CONFIG;
                } else {
                    s.step = PnpSession.Step.IMAGE;
                    failed(s, d, who, "PnP image-install: the device runs " + LogText.of(String.valueOf(m.imageFile()))
                            + " after installing " + plan.image());
                }
            }
            case CONFIG -> {
                s.step = PnpSession.Step.DONE;
                String message = plan.startup()
                        ? "PnP config-upgrade wrote the day-0 to startup-config; the device reloads into it"
                        : "PnP config-upgrade applied the day-0 to running-config";
                LOG.info("PnP {}: {}", d.hostname(), message);
                context.listener().onEvent(new ProvisioningEvent.DeviceReported(Instant.now(), who, true, message));
                InetAddress address = d.managementAddress() != null ? d.managementAddress() : who.clientAddress();
                context.listener().onEvent(new ProvisioningEvent.DeviceReachable(Instant.now(), who, address, "reported by PnP agent"));
            }
            default -> {
                // a late answer for a finished device: nothing moves
            }
        }
    }

    private void failed(PnpSession s, DeviceRecord d, DeviceIdentity who, String message) {
        s.backOffFirst = true;
        LOG.info("PnP {}: {}", d.hostname(), LogText.of(message));
        context.listener().onEvent(new ProvisioningEvent.DeviceReported(Instant.now(), who, false, message));
    }

    /** Whether an {@code imageFile} such as {@code bootflash:/x.bin} names the image file {@code x.bin}. */
    static boolean runs(String imageFile, String image) {
        if (imageFile == null) {
            return false;
        }
        String name = imageFile.substring(Math.max(imageFile.lastIndexOf(':'), imageFile.lastIndexOf('/')) + 1);
        return name.equals(image);
    }

    private Optional<DeviceRecord> device(SerialNumber serial) {
        return context.inventory().bySerial(serial).filter(d -> PnpAdapter.ID.equals(d.platform()));
    }

    private static DeviceIdentity identity(DeviceRecord d, InetAddress from) {
        return new DeviceIdentity(d.serial(), d.mac(), PnpAdapter.ID, null, from);
    }

    /** The URL of a served path, over HTTPS when the device came over HTTPS (and there is an HTTPS server). */
    private String url(EndpointRequest request, String path) {
        BootServers servers = context.servers();
        if (request.protocol() == Protocol.HTTPS && servers.httpsBase() != null) {
            return servers.httpsBase() + "/" + path;
        }
        return servers.httpUrl(path);
    }

    private static EndpointResponse xml(byte[] body) {
        return EndpointResponse.of(200, XML, body).withHeader("Cache-Control", "no-store");
    }

    @Override
    public int maxBodyBytes() {
        return MAX_BODY;
    }

    @Override
    public String toString() {
        return "Cisco PnP server at /pnp";
    }
}
