package org.ztp4j.platform.pnp;

import java.nio.charset.StandardCharsets;

/**
 * The server's side of the exchange: the work items it answers a work request with, and the bye it
 * answers a work response with. Each echoes the device's UDI and correlator exactly as sent,
 * escaped as XML, and names its service by namespace. Element names and forms follow Cisco's PnP
 * protocol schema as published PnP servers send them (docs/platforms.md, "Cisco Plug and Play").
 */
final class PnpWork {

    private PnpWork() {
    }

    /**
     * @param udi        the UDI as the device sent it
     * @param correlator the correlator of its work request
     * @return a device-info request for everything the agent reports (UDI, image, hardware, file systems)
     */
    static byte[] deviceInfo(String udi, String correlator) {
        return request(udi, correlator, PnpMessage.DEVICE_INFO, "<deviceInfo type=\"all\"/>");
    }

    /**
     * @param location  where the agent copies the configuration from (HTTP or HTTPS URL)
     * @param startup   true: {@code <applyTo>startup</applyTo>} and a reload into it; false:
     *                  {@code <applyTo>running</applyTo>} merged now, {@code <noReload/>}
     */
    static byte[] configUpgrade(String udi, String correlator, String location, boolean startup) {
        String body = "<config details=\"all\"><copy><source><location>" + escape(location) + "</location></source>"
                + "<applyTo>" + (startup ? "startup" : "running") + "</applyTo></copy></config>"
                + (startup ? reload("day-0 configuration applied to startup-config") : "<noReload/>")
                + "<abortOnSyntaxFault/>";
        return request(udi, correlator, PnpMessage.CONFIG_UPGRADE, body);
    }

    /**
     * @param location    where the agent copies the image from
     * @param md5         the image's MD5, lower-case hex, which the agent checks before installing
     * @param destination where it goes, such as {@code flash:cat9k_iosxe.17.09.05.SPA.bin}
     */
    static byte[] imageInstall(String udi, String correlator, String location, String md5, String destination) {
        String body = "<image><copy><source><location>" + escape(location) + "</location><checksum>" + escape(md5)
                + "</checksum></source><destination><location>" + escape(destination) + "</location></destination></copy></image>"
                + reload("image installed");
        return request(udi, correlator, PnpMessage.IMAGE_INSTALL, body);
    }

    /**
     * @param minutes how long the agent waits before its next work request, 1..2879
     * @param reason  why, in words
     */
    static byte[] backoff(String udi, String correlator, int minutes, String reason) {
        String body = "<backoff><reason>" + escape(reason) + "</reason><callbackAfter><hours>" + minutes / 60
                + "</hours><minutes>" + minutes % 60 + "</minutes><seconds>0</seconds></callbackAfter></backoff>";
        return request(udi, correlator, PnpMessage.BACKOFF, body);
    }

    /**
     * @param reason why, in words
     * @return a backoff that ends the agent's PnP session for good: provisioning is done
     */
    static byte[] terminate(String udi, String correlator, String reason) {
        String body = "<backoff><reason>" + escape(reason) + "</reason><terminate/></backoff>";
        return request(udi, correlator, PnpMessage.BACKOFF, body);
    }

    /** The answer to a work response: the work item's result was taken, the transaction ends. */
    static byte[] bye(String udi, String correlator) {
        return envelope(udi, "<info xmlns=\"" + PnpMessage.WORK_INFO + "\" correlator=\"" + escape(correlator)
                + "\"><workInfo><bye/></workInfo></info>");
    }

    private static String reload(String reason) {
        return "<reload><reason>" + escape(reason) + "</reason><delayIn>0</delayIn><user>ztp4j</user>"
                + "<saveConfig>false</saveConfig></reload>";
    }

    private static byte[] request(String udi, String correlator, String service, String body) {
        return envelope(udi, "<request xmlns=\"" + service + "\" correlator=\"" + escape(correlator) + "\">" + body + "</request>");
    }

    private static byte[] envelope(String udi, String body) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<pnp xmlns=\"" + PnpMessage.PNP + "\" version=\"1.0\" udi=\""
                + escape(udi) + "\">" + body + "</pnp>\n";
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    /** @return the text safe in XML character data and in double- or single-quoted attributes */
    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xFFFE || c == 0xFFFF) {
                        b.append('?'); // not allowed in XML 1.0 at all
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
