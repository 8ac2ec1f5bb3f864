package org.ztp4j.platform.pnp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * One message from a PnP agent, as far as the server needs it: a work request
 * ({@code <info xmlns="urn:cisco:pnp:work-info" correlator="...">}) or a work response
 * ({@code <response xmlns="urn:cisco:pnp:<service>" correlator="..." success="1|0">}), inside
 * {@code <pnp xmlns="urn:cisco:pnp" version="1.0" udi="PID:..,VID:..,SN:..">}.
 *
 * <p>Parsed with the JDK's DOM parser with document type declarations refused outright (so no
 * external entity, no entity expansion) and no external access of any kind.
 *
 * @param udiText      the {@code udi} attribute of {@code <pnp>}, exactly as sent
 * @param udi          its parts
 * @param response     true for a work response, false for a work request
 * @param service      the body's namespace ({@code urn:cisco:pnp:work-info}, {@code urn:cisco:pnp:config-upgrade}, ...)
 * @param correlator   the body's {@code correlator}, exactly as sent
 * @param success      a response's {@code success} (1 or true); false for a request
 * @param errorMessage a failed response's {@code errorInfo/errorMessage} (or {@code errorCode}), or {@code null}
 * @param imageFile    a device-info response's {@code imageInfo/imageFile}, or {@code null}
 */
record PnpMessage(String udiText, Udi udi, boolean response, String service, String correlator, boolean success, String errorMessage,
                  String imageFile) {

    /** The namespace of the {@code <pnp>} envelope. */
    static final String PNP = "urn:cisco:pnp";
    /** The namespace of a work request's {@code <info>} and of the server's bye. */
    static final String WORK_INFO = "urn:cisco:pnp:work-info";
    /** Service namespaces. */
    static final String DEVICE_INFO = "urn:cisco:pnp:device-info";
    static final String CONFIG_UPGRADE = "urn:cisco:pnp:config-upgrade";
    static final String IMAGE_INSTALL = "urn:cisco:pnp:image-install";
    static final String BACKOFF = "urn:cisco:pnp:backoff";
    /** What an agent answers when it could not even run the request. */
    static final String FAULT = "urn:cisco:pnp:fault";

    private static final int MAX_TEXT = 512;

    /**
     * @param body the request body
     * @return the message
     * @throws IllegalArgumentException naming what is wrong: not XML, a document type declaration,
     *                                  not a {@code <pnp>} envelope, no UDI, no correlator
     */
    static PnpMessage parse(byte[] body) {
        Element root = parseXml(body).getDocumentElement();
        if (!PNP.equals(root.getNamespaceURI()) || !"pnp".equals(root.getLocalName())) {
            throw new IllegalArgumentException("not a PnP message: the root element must be <pnp xmlns=\"" + PNP + "\">");
        }
        String udiText = root.getAttribute("udi");
        Udi udi = Udi.parse(udiText);
        Element bodyElement = firstChild(root);
        if (bodyElement == null) {
            throw new IllegalArgumentException("PnP message without a body (<info> or <response>)");
        }
        String name = bodyElement.getLocalName();
        boolean response;
        if ("info".equals(name)) {
            response = false;
        } else if ("response".equals(name)) {
            response = true;
        } else {
            throw new IllegalArgumentException("PnP message body <" + name + ">: expected <info> or <response>");
        }
        String service = bodyElement.getNamespaceURI();
        if (service == null || service.isEmpty() || service.length() > MAX_TEXT) {
            throw new IllegalArgumentException("PnP <" + name + "> without a service namespace");
        }
        String correlator = bodyElement.getAttribute("correlator");
        if (correlator.isEmpty() || correlator.length() > MAX_TEXT || correlator.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("PnP <" + name + "> without a correlator of 1.." + MAX_TEXT + " printable characters");
        }
        String s = bodyElement.getAttribute("success").trim();
        boolean success = s.equals("1") || s.equalsIgnoreCase("true");
        String error = text(bodyElement, "errorMessage");
        if (error == null) {
            error = text(bodyElement, "errorCode");
        }
        return new PnpMessage(udiText, udi, response, service, correlator, success, error, text(bodyElement, "imageFile"));
    }

    private static Document parseXml(byte[] body) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            // OWASP XXE prevention: no DOCTYPE at all, so neither external nor internal entities
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(SILENT);
            b.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity refused");
            });
            return b.parse(new ByteArrayInputStream(body));
        } catch (SAXParseException e) {
            throw new IllegalArgumentException("not well-formed PnP XML (line " + e.getLineNumber() + "): " + e.getMessage());
        } catch (SAXException e) {
            throw new IllegalArgumentException("not well-formed PnP XML: " + e.getMessage());
        } catch (ParserConfigurationException | IOException e) {
            throw new IllegalStateException("cannot parse XML: " + e.getMessage(), e);
        }
    }

    /** Parse errors become the exception above, not lines on stderr. */
    private static final ErrorHandler SILENT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    private static Element firstChild(Element e) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                return child;
            }
        }
        return null;
    }

    /** The text of the first descendant with that local name, trimmed and cut, or null. */
    private static String text(Element e, String localName) {
        var found = e.getElementsByTagNameNS("*", localName);
        if (found.getLength() == 0) {
            return null;
        }
        String t = found.item(0).getTextContent().trim();
        return t.length() > MAX_TEXT ? t.substring(0, MAX_TEXT) : t;
    }

    /** @return the service's short name, {@code config-upgrade} for {@code urn:cisco:pnp:config-upgrade} */
    String serviceName() {
        return service.startsWith(PNP + ":") ? service.substring(PNP.length() + 1) : service;
    }
}
