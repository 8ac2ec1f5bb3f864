"""A model of the Cisco Plug and Play agent of an IOS-XE switch or router without a startup-config,
run against a PnP server as the device runs it. Test code only; it talks to servers on loopback.
Sources (facts only; nothing here is copied from them), summarised in docs/platforms.md of the
ztp4j repository, "Cisco Plug and Play":

  [DEVNET] Cisco DevNet, "Open Plug-n-Play: learn the PnP protocol" (saved copies in
           kiksen/Cisco-PnP-protocol-specification): the agent sends a work request (POST
           pnp/WORK-REQUEST, <info xmlns="urn:cisco:pnp:work-info" correlator=...> with <deviceId>)
           after discovering the server and at the beginning of every retry; the server answers a
           work response (POST pnp/WORK-RESPONSE) with a bye, which ends the transaction.
  [SERVERS] published PnP servers that drive real Catalyst and ISR devices (ianz94/PnP-Server-Demo,
           dmfigol/cisco-pnp-server): GET /pnp/HELLO answered 200 with an empty body; the work item
           is <request xmlns="urn:cisco:pnp:<service>" correlator=...> carrying the device's
           correlator; the result is <response correlator=... success="1|0" xmlns=...>; device-info
           answers with <udi><primary-chassis>, <imageInfo><imageFile>, <hardwareInfo>,
           <fileSystemList>; image-install names <source><location> and <checksum> (the MD5) and a
           <destination><location>; after an image install the device reloads into the new image
           and comes back (HELLO, work request); backoff holds <callbackAfter> with hours,
           minutes, seconds.
  [CATC]   Catalyst Center PnP labs (kebaldwi/DNAC-TEMPLATES, PnP-Workflow and the DNS discovery
           lab): without option 43 the device looks up pnpserver.<domain>, the domain and the name
           server coming from its DHCP offer (options 15 and 6); the name must be in the server
           certificate's subject alternative names, so the agent speaks HTTPS to a server it found
           by DNS. Option 43's defaults are port 80 for HTTP and 443 for HTTPS.
  [OPENPNPY] sachaboudjema/openpnpy (services built from the PnP schema): config-upgrade holds
           <config><copy><source><location>[<checksum>]</source><applyTo>startup|running</applyTo>
           </copy></config>, then <reload>(reason, delayIn, user, saveConfig) or <noReload/>, and
           <abortOnSyntaxFault/>; backoff may say <terminate/>: the agent stops contacting the
           server; failures carry <errorInfo><errorSeverity/><errorCode/><errorMessage/></errorInfo>.

Discovery by DNS (run_by_dns): the agent asks each offered DNS server in turn for the A record
of pnpserver.<domain>, as a stub resolver does (one UDP query, recursion desired), then says HELLO
over HTTPS on port 443 and, when nothing answers there, over HTTP on port 80 [CATC]; that it falls
back to HTTP is this model's assumption (no Cisco document found says so or otherwise).

What the model does: HELLO (anything but 200 ends the run), then work requests, each with a fresh
correlator, until a terminating backoff, a reload into a startup-config, or EMULATOR_PNP_ROUNDS
(default 30) requests. A work item whose correlator is not the request's is not done (the agent
answers it as failed). device-info answers with the UDI and the image the device runs.
config-upgrade copies the location (HTTP or HTTPS) and applies it: to the running-config through
the IOS configuration model of ios/autoinstall.py (line by line, refusing what IOS refuses, such as
an address overlapping another interface's subnet), or to the startup-config, followed by the
reload the request asks for. image-install copies the image to flash, checks its MD5 against
<checksum> (a mismatch deletes it and fails), and after the response reloads into it. A backoff's
wait is recorded, not waited (the device's clock is virtual).

Environment: EMULATOR_SERIAL (default FOC0000X000), EMULATOR_MODEL (default C9300-24T),
EMULATOR_IMAGE (the image file the device boots, default packages.conf), EMULATOR_PNP_ROUNDS,
EMULATOR_AUTOINSTALL_INTERFACE / EMULATOR_DHCP_MASK (the interface and mask DHCP gave the
address on: Vlan1 and 255.255.255.0). Simplified: no SUDI, no proxy, no HTTPS certificate check
(the emulator trusts the test server's self-signed certificate), one chassis."""
from __future__ import print_function

import hashlib
import os
import random
import socket
import ssl
import struct
import xml.etree.ElementTree as ElementTree

try:
    from urllib.request import Request, urlopen
    from urllib.error import HTTPError, URLError
except ImportError:  # Python 2.7
    from urllib2 import Request, urlopen, HTTPError, URLError

import ztp4j_emulator as emulator
import autoinstall

KIND = "pnp"
PNP = "urn:cisco:pnp"
STATE = emulator.STATE
FLASH = os.path.join(STATE, "flash")


def _escape(text):
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&apos;"))


def _local(tag):
    return tag.rsplit("}", 1)[-1]


def _namespace(tag):
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def _find(element, name):
    """The first descendant with that local name, whatever its namespace."""
    for e in element.iter():
        if _local(e.tag) == name:
            return e
    return None


def _text(element, name):
    e = _find(element, name)
    return None if e is None or e.text is None else e.text.strip()


class Agent(object):

    def __init__(self, server):
        self.server = server.rstrip("/")
        self.serial = os.environ.get("EMULATOR_SERIAL", "FOC0000X000")
        self.model = os.environ.get("EMULATOR_MODEL", "C9300-24T")
        self.udi = "PID:%s,VID:V02,SN:%s" % (self.model, self.serial)
        self.image = "flash:" + os.environ.get("EMULATOR_IMAGE", "packages.conf")
        self.rounds = int(os.environ.get("EMULATOR_PNP_ROUNDS", "30"))
        self.sequence = 0
        self.configured = False
        self.reload_into_image = None
        self.device = autoinstall.Device(os.environ.get("EMULATOR_AUTOINSTALL_INTERFACE", "Vlan1"),
                                         os.environ.get("ZTP4J_E2E_SOURCE") or "127.0.0.1",
                                         os.environ.get("EMULATOR_DHCP_MASK", "255.255.255.0"))

    # ---- transport ----

    def _open(self, path, body=None):
        url = self.server + path
        request = Request(url, data=body, headers={"Content-Type": "application/xml"} if body is not None else {})
        context = ssl._create_unverified_context() if url.startswith("https:") else None
        try:
            response = urlopen(request, timeout=10, context=context) if context else urlopen(request, timeout=10)
            return response.getcode(), response.read()
        except HTTPError as e:
            return e.code, e.read()

    def _post(self, path, xml):
        return self._open(path, xml.encode("utf-8"))

    # ---- messages ----

    def _envelope(self, body):
        return '<?xml version="1.0" encoding="UTF-8"?><pnp xmlns="%s" version="1.0" udi="%s">%s</pnp>' % (
            PNP, _escape(self.udi), body)

    def _work_request(self, correlator):
        return self._envelope(
            '<info xmlns="urn:cisco:pnp:work-info" correlator="%s"><deviceId><udi>%s</udi><hostname>Switch</hostname>'
            '<authRequired>false</authRequired><viaProxy>false</viaProxy>'
            '<securityAdvise>Password in clear text in unsecured transport</securityAdvise></deviceId></info>'
            % (_escape(correlator), _escape(self.udi)))

    def _response(self, service, correlator, success, body=""):
        return self._envelope('<response xmlns="%s" correlator="%s" success="%d">%s</response>' % (
            service, _escape(correlator), 1 if success else 0, body))

    def _failure(self, service, correlator, code, message):
        emulator.record(KIND, "%s failed: %s" % (_local_service(service), message))
        return self._response(service, correlator, False,
                              "<errorInfo><errorSeverity>ERROR</errorSeverity><errorCode>%s</errorCode>"
                              "<errorMessage>%s</errorMessage></errorInfo>" % (_escape(code), _escape(message)))

    # ---- the exchange ----

    def run(self, candidates=None):
        """Runs the exchange; with candidates (server URLs), the first that answers HELLO is the server."""
        for server in candidates or [self.server]:
            self.server = server.rstrip("/")
            try:
                status, _ = self._open("/pnp/HELLO")
            except (URLError, socket.error, ssl.SSLError) as e:
                emulator.record(KIND, "HELLO %s: %s" % (self.server, getattr(e, "reason", e)))
                continue
            emulator.record(KIND, "HELLO %d" % status if candidates is None else "HELLO %s %d" % (self.server, status))
            if status == 200:
                break
        else:
            return 1
        if status != 200:
            return 1
        for _ in range(self.rounds):
            self.sequence += 1
            correlator = "CiscoPnP-1.0-%d-%s" % (self.sequence, self.serial)
            status, body = self._post("/pnp/WORK-REQUEST", self._work_request(correlator))
            if status != 200:
                emulator.record(KIND, "work request %s: HTTP %d" % (correlator, status))
                return 1
            outcome = self._work(correlator, body)
            if outcome == "stop":
                return 0 if self.configured else 1
            if outcome == "reload":
                if self.reload_into_image:
                    self.image, self.reload_into_image = self.reload_into_image, None
                    emulator.record(KIND, "reload: boots %s" % self.image)
                    status, _ = self._open("/pnp/HELLO")
                    emulator.record(KIND, "HELLO %d" % status)
                    if status != 200:
                        return 1
                    continue
                emulator.record(KIND, "reload: boots with its startup-config; PnP does not start again")
                startup = os.path.join(STATE, "startup-config")
                with open(startup) as s, open(os.path.join(STATE, "running-config"), "w") as r:
                    r.write(s.read())
                return 0
        emulator.record(KIND, "gave up after %d work requests" % self.rounds)
        return 1

    def _work(self, correlator, body):
        try:
            root = ElementTree.fromstring(body)
        except ElementTree.ParseError as e:
            emulator.record(KIND, "work item not XML: %s" % e)
            return "next"
        request = root[0] if len(root) else None
        if _local(root.tag) != "pnp" or request is None or _local(request.tag) != "request":
            emulator.record(KIND, "no work item")
            return "next"
        service = _namespace(request.tag)
        if request.get("correlator") != correlator:
            emulator.record(KIND, "%s with correlator %s for request %s: not done" % (
                _local_service(service), request.get("correlator"), correlator))
            self._answer(self._failure(service, request.get("correlator") or correlator, "PnP Service Error 1001",
                                       "correlator does not match the work request"))
            return "next"
        name = _local_service(service)
        emulator.record(KIND, "work %s %s" % (name, correlator))
        if name == "backoff":
            if _find(request, "terminate") is not None:
                emulator.record(KIND, "backoff: terminate (%s)" % (_text(request, "reason") or ""))
                return "stop"
            wait = [int(_text(request, unit) or 0) for unit in ("hours", "minutes", "seconds")]
            emulator.record(KIND, "backoff %dh%dm%ds (%s)" % (wait[0], wait[1], wait[2], _text(request, "reason") or ""))
            return "next"
        if name == "device-info":
            return self._answer(self._device_info(service, correlator))
        if name == "config-upgrade":
            xml, reload_now = self._config_upgrade(service, correlator, request)
            outcome = self._answer(xml)
            return "reload" if reload_now and outcome == "next" else outcome
        if name == "image-install":
            xml = self._image_install(service, correlator, request)
            outcome = self._answer(xml)
            return "reload" if self.reload_into_image and outcome == "next" else outcome
        return self._answer(self._failure(service, correlator, "PnP Service Error 1000", "service not modelled"))

    def _answer(self, xml):
        status, body = self._post("/pnp/WORK-RESPONSE", xml)
        emulator.record(KIND, "work response: HTTP %d%s" % (status, " bye" if status == 200 and b"<bye/>" in body else ""))
        return "next"

    def _device_info(self, service, correlator):
        return self._response(service, correlator, True,
                              "<udi><primary-chassis>%s</primary-chassis></udi>"
                              "<imageInfo><versionString>%s</versionString><imageFile>%s</imageFile><imageHash/>"
                              "<returnToRomReason>reload</returnToRomReason><bootVariable>%s;</bootVariable>"
                              "<configReg>0x102</configReg></imageInfo>"
                              "<hardwareInfo><hostname>Switch</hostname><vendor>Cisco</vendor><platformName>%s</platformName>"
                              "<boardId>%s</boardId></hardwareInfo>"
                              "<fileSystemList><fileSystem name=\"flash\" type=\"disk\" size=\"11353194496\" "
                              "freespace=\"8589934592\" readable=\"true\" writable=\"true\"/></fileSystemList>"
                              % (_escape(self.udi), os.environ.get("EMULATOR_RELEASE", "17.09.04a"), _escape(self.image),
                                 _escape(self.image), _escape(self.model), _escape(self.serial)))

    def _copy(self, location, target):
        emulator.download(location, target)
        emulator.record(KIND, "copied %s" % location)

    def _config_upgrade(self, service, correlator, request):
        location = _text(request, "location")
        apply_to = (_text(request, "applyTo") or "startup").lower()
        target = os.path.join(STATE, "pnp-config.cfg")
        try:
            self._copy(location, target)
        except Exception as e:
            return self._failure(service, correlator, "PnP Service Error 1406", "copy failed: %s" % e), False
        checksum = _text(request, "checksum")
        with open(target) as f:
            config = f.read()
        os.remove(target)  # the day-0 holds the admin password
        if checksum and hashlib.md5(config.encode("utf-8")).hexdigest() != checksum.lower():
            return self._failure(service, correlator, "PnP Service Error 1411", "checksum mismatch"), False
        if apply_to == "running":
            refused_before = len(self.device.refused)
            taken = self.device.apply(config)
            refused = self.device.refused[refused_before:]
            if refused and _find(request, "abortOnSyntaxFault") is not None:
                line, error = refused[0]
                return self._failure(service, correlator, "PnP Service Error 1402",
                                     "%s: %s" % (line.split(" ")[0] + " ...", error)), False
            with open(os.path.join(STATE, "running-config"), "a") as running:
                for line in taken:
                    running.write(line + "\n")
            emulator.record(KIND, "merged %d lines into running-config" % len(taken))
        elif apply_to == "startup":
            with open(os.path.join(STATE, "startup-config"), "w") as startup:
                startup.write(config)
            emulator.record(KIND, "wrote startup-config")
        else:
            return self._failure(service, correlator, "PnP Service Error 1400", "applyTo %s" % apply_to), False
        self.configured = True
        reload_now = _find(request, "reload") is not None and apply_to == "startup"
        return self._response(service, correlator, True), reload_now

    def _image_install(self, service, correlator, request):
        source = _find(request, "source")
        destination = _find(request, "destination")
        location = _text(source, "location") if source is not None else None
        checksum = _text(source, "checksum") if source is not None else None
        target_name = _text(destination, "location") if destination is not None else None
        if not location or not target_name or not checksum:
            return self._failure(service, correlator, "PnP Service Error 1400", "image-install without location or checksum")
        path = os.path.join(FLASH, target_name.split(":", 1)[-1].lstrip("/"))
        if not os.path.isdir(FLASH):
            os.makedirs(FLASH)
        try:
            self._copy(location, path)
        except Exception as e:
            return self._failure(service, correlator, "PnP Service Error 1406", "copy failed: %s" % e)
        with open(path, "rb") as f:
            actual = hashlib.md5(f.read()).hexdigest()
        if actual != checksum.lower():
            os.remove(path)
            return self._failure(service, correlator, "PnP Service Error 1411",
                                 "checksum mismatch: computed %s, expected %s" % (actual, checksum))
        emulator.record(KIND, "verified %s md5 %s" % (target_name, actual))
        self.reload_into_image = target_name
        return self._response(service, correlator, True)


def _local_service(service):
    return service[len(PNP) + 1:] if service.startswith(PNP + ":") else service


def run(server):
    """Runs the agent against http(s)://server:port; returns 0 when a configuration was applied."""
    return Agent(server).run()


def _dns_name(name):
    out = b""
    for label in name.rstrip(".").split("."):
        out += struct.pack("B", len(label)) + label.encode("ascii")
    return out + b"\0"


def _skip_name(data, offset):
    """The offset after the (possibly compressed) name at offset (RFC 1035 4.1.4)."""
    while True:
        length = data[offset]
        if length == 0:
            return offset + 1
        if length & 0xC0 == 0xC0:
            return offset + 2
        offset += 1 + length


def resolve(name, server, timeout=3):
    """The IPv4 addresses of name's A records, asked of server over UDP port 53 (RFC 1035 4.1)."""
    query_id = random.randint(0, 0xFFFF)
    query = struct.pack(">HHHHHH", query_id, 0x0100, 1, 0, 0, 0) + _dns_name(name) + struct.pack(">HH", 1, 1)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.settimeout(timeout)
        s.sendto(query, (server, 53))
        data = bytearray(s.recvfrom(4096)[0])
    finally:
        s.close()
    answer_id, flags, questions, answers = struct.unpack(">HHHH", bytes(data[:8]))
    if answer_id != query_id:
        raise IOError("answer id %d for query %d" % (answer_id, query_id))
    if flags & 0x000F:
        raise IOError("rcode %d" % (flags & 0x000F))
    offset = 12
    for _ in range(questions):
        offset = _skip_name(data, offset) + 4
    addresses = []
    for _ in range(answers):
        offset = _skip_name(data, offset)
        rtype, rclass, _ttl, length = struct.unpack(">HHIH", bytes(data[offset:offset + 10]))
        offset += 10
        if rtype == 1 and rclass == 1 and length == 4:
            addresses.append(".".join(str(b) for b in data[offset:offset + 4]))
        offset += length
    return addresses


def run_by_dns(domain, dns_servers):
    """Finds the server as pnpserver.<domain> with the offered DNS servers, then runs the agent
    against it (HTTPS on 443, else HTTP on 80); returns 0 when a configuration was applied."""
    name = "pnpserver." + domain
    for server in dns_servers:
        try:
            addresses = resolve(name, server)
        except (IOError, socket.error) as e:
            emulator.record(KIND, "DNS %s from %s: %s" % (name, server, e))
            continue
        if addresses:
            emulator.record(KIND, "DNS %s from %s: %s" % (name, server, " ".join(addresses)))
            address = addresses[0]
            return Agent("https://%s:443" % address).run(["https://%s:443" % address, "http://%s:80" % address])
        emulator.record(KIND, "DNS %s from %s: no address" % (name, server))
    return 1
