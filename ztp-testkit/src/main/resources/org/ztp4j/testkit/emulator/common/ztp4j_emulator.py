"""What the fake device modules share: where the emulated device keeps its state, a command log,
and downloads as the device's own copy command would do them (an RFC 1350 TFTP client, urllib for
HTTP). Test code only; it talks to servers on loopback."""
from __future__ import print_function

import os
import socket
import ssl
import struct

try:
    from urllib.request import urlopen, Request
    from urllib.error import HTTPError
except ImportError:
    from urllib2 import urlopen, Request, HTTPError

STATE = os.environ.get("EMULATOR_DIR", ".")


def record(kind, text):
    """Appends one line to the command log the test reads: '<kind> <text>'."""
    with open(os.path.join(STATE, "commands.log"), "a") as log:
        log.write("%s %s\n" % (kind, text))


def split_url(url):
    """'tftp://user@host:port/a/b' -> (scheme, host, port or None, '/a/b')."""
    scheme, rest = url.split("://", 1)
    authority, _, path = rest.partition("/")
    authority = authority.rpartition("@")[2]
    host, _, port = authority.partition(":")
    return scheme, host, int(port) if port else None, "/" + path


def tftp_get(host, port, path, target):
    """Reads a file with RFC 1350 TFTP (octet mode, 512-byte blocks), retrying on timeouts."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.settimeout(2.0)
    request = struct.pack("!H", 1) + path.lstrip("/").encode("ascii") + b"\0octet\0"
    last, last_to, peer, expected, tries = request, (host, port), None, 1, 0
    sock.sendto(request, last_to)
    try:
        with open(target, "wb") as out:
            while True:
                try:
                    packet, sender = sock.recvfrom(65536)
                except socket.timeout:
                    tries += 1
                    if tries > 5:
                        raise IOError("TFTP timed out")
                    sock.sendto(last, last_to)
                    continue
                if peer is None:
                    peer = sender  # the server answers from its own transfer port (TID)
                if sender != peer:
                    continue
                opcode = struct.unpack("!H", packet[:2])[0]
                if opcode == 5:
                    code = struct.unpack("!H", packet[2:4])[0]
                    message = packet[4:].split(b"\0")[0].decode("ascii", "replace")
                    raise IOError("TFTP error %d: %s%s" % (code, message, " (no such file)" if code == 1 else ""))
                if opcode != 3:
                    continue
                block = struct.unpack("!H", packet[2:4])[0]
                ack = struct.pack("!HH", 4, block)
                if block == expected:
                    out.write(packet[4:])
                    last, last_to, tries = ack, peer, 0
                    sock.sendto(ack, peer)
                    if len(packet) - 4 < 512:
                        return
                    expected = (expected + 1) % 65536
                else:
                    sock.sendto(ack, peer)  # a duplicate: acknowledge it again
    except Exception:
        if os.path.exists(target):
            os.remove(target)
        raise
    finally:
        sock.close()


def http_get(url, target, headers=None):
    # The test servers use self-signed certificates: the emulator trusts them, as a switch told
    # "ignore-certificate" does. headers: the fields the device adds to its request (SONiC's
    # SERIAL-NUMBER, Cumulus's CUMULUS-SERIAL, ...).
    context = ssl._create_unverified_context() if url.startswith("https:") else None
    request = Request(url, headers=headers or {})
    try:
        response = urlopen(request, timeout=10, context=context) if context else urlopen(request, timeout=10)
    except HTTPError as e:
        raise IOError("HTTP %d for %s (no such file)" % (e.code, url))
    with open(target, "wb") as out:
        out.write(response.read())


def download(url, target, headers=None):
    scheme, host, port, path = split_url(url)
    if scheme == "tftp":
        tftp_get(host, port or 69, path, target)
    elif scheme in ("http", "https"):
        http_get(url, target, headers)
    else:
        raise IOError("the emulator cannot copy over %s" % scheme)
