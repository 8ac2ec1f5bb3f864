#!/usr/bin/env python
# ztp4j IOS-XE Zero-Touch Provisioning script, run by the device in Guest Shell. The server renders
# it from the template iosxe/ztp.py (put your own in your template folder to change it).
#
# It reads the device's serial numbers (every member of a stack), fetches the first day-0 the
# server has for one of them with the device's own copy command, applies it, and saves it only when
# the device took every line. It deletes the day-0 from flash (it holds the admin password), and
# with an image to install it leaves the install to an EEM applet that runs after this script has
# ended. It reports the outcome to the server and exits non-zero on failure.
# Python 3 (Guest Shell on 17.x) and Python 2.7 (16.x) alike.
from __future__ import print_function

import json
import re
import sys
import time
import traceback

import cli

try:
    from urllib.request import Request, urlopen  # Python 3
except ImportError:
    from urllib2 import Request, urlopen  # Python 2.7

# Chosen by the server when it rendered this script.
FILES = "{{files_base}}"
REPORT = "{{report_base}}"
# t/<token>/ when the server rendered this script for one device (day-0 access token), else empty.
ACCESS = "{{access_path}}"
IMAGE = "{{image}}"

DAY0 = "flash:ztp-day0.cfg"
APPLET = "ztp4j-upgrade"
# The PnP agent can hold the CLI socket for a while after boot: Cisco's scripts wait 90 s and try again.
CLI_READY_TRIES = 5
CLI_READY_WAIT = 90
# What IOS-XE prints when a copy, more or delete fails, and what 17.x raises for a failed command.
FAILED_OUTPUT = re.compile(r"%\s*Error|%\s*Invalid|No such file|syntax error or execution failure", re.IGNORECASE)


class ZtpFailure(Exception):
    """Provisioning cannot go on; the message says why."""


def log(text):
    print("ztp4j: %s" % text)
    sys.stdout.flush()


def hidden(line):
    """A configuration line fit for a log or a report: its first two words, the rest left out.
    A refused line can hold any secret (a user's secret, a TACACS key, an SNMP community), so what
    leaves the device names the line, by number and keywords, and never its arguments."""
    words = line.split()
    return " ".join(words[:2]) + (" ..." if len(words) > 2 else "")


def execute(command):
    """Runs one exec command. A failure raises on 17.x and is printed on 16.x: both become ZtpFailure."""
    log("exec: " + command)
    try:
        output = cli.execute(command) or ""
    except Exception as failure:
        raise ZtpFailure("'%s' failed: %s" % (command, failure))
    if FAILED_OUTPUT.search(output):
        raise ZtpFailure("'%s' failed: %s" % (command, output.strip()))
    return output


def show(command):
    try:
        return cli.cli(command) or ""
    except Exception as failure:
        raise ZtpFailure("'%s' failed: %s" % (command, failure))


def first_call():
    """'show version', retried while the PnP agent still holds the CLI socket after boot."""
    for attempt in range(1, CLI_READY_TRIES + 1):
        try:
            return cli.cli("show version") or ""
        except Exception as failure:
            if attempt == CLI_READY_TRIES:
                raise ZtpFailure("the CLI did not answer after %d tries: %s" % (attempt, failure))
            log("the CLI is not ready (%s); trying again in %d s" % (failure, CLI_READY_WAIT))
            time.sleep(CLI_READY_WAIT)


def serial_numbers(version):
    """The chassis (or active member) first, then every stack member; power supplies and optics
    have serials too, so only chassis and switch entries of 'show inventory' count."""
    found = []
    for pattern in (r"System Serial Number\s*:\s*(\S+)", r"Processor board ID\s+(\S+)"):
        for serial in re.findall(pattern, version):
            if serial not in found:
                found.append(serial)
    try:
        inventory = show("show inventory")
    except ZtpFailure:
        inventory = ""
    entries = re.findall(r'NAME:\s*"([^"]*)".*?\n\s*PID:.*?SN:\s*([A-Za-z0-9]+)', inventory)
    for name, serial in entries:
        if re.match(r"(Switch \d+|Chassis)$", name) and serial not in found:
            found.append(serial)
    if not found:
        raise ZtpFailure("no serial number in 'show version' or 'show inventory'")
    return found


def management_path():
    """The management port's VRF and interface from 'show vrf' (Mgmt-vrf on Catalyst switches,
    Mgmt-intf on ISR and ASR routers), or None when there is none."""
    try:
        vrfs = show("show vrf")
    except ZtpFailure:
        return None
    found = re.search(r"^\s*(Mgmt-vrf|Mgmt-intf)\s.*?(\S+)\s*$", vrfs, re.MULTILINE | re.IGNORECASE)
    return (found.group(1), found.group(2)) if found else None


def copy(url, target, management):
    """Copies a file to flash. When the plain copy fails and the device has a management VRF, it
    copies through the management port: TFTP with the 'vrf' keyword, HTTP with the HTTP client's
    source interface set to the port for this one copy."""
    try:
        return execute("copy %s %s" % (url, target))
    except ZtpFailure as failure:
        if management is None:
            raise
        log("%s; trying through the management port" % failure)
    vrf, interface = management
    if url.lower().startswith("tftp:"):
        return execute("copy %s %s vrf %s" % (url, target, vrf))
    configure_or_fail(["ip http client source-interface %s" % interface])
    try:
        return execute("copy %s %s" % (url, target))
    finally:
        configure_or_fail(["no ip http client source-interface %s" % interface])


def refused_lines(lines):
    """Applies configuration lines; returns the ones the device refused as 'line N: text'. Guest
    Shell says so in three ways: 16.x (and 17.x up to at least 17.7) raises CLIConfigurationError
    whose .failed lists the refused lines; later 17.x returns text with a 'Line N FAILURE: ...' per
    refused line; anything else raised means the device refused the whole request."""
    try:
        result = cli.configure(lines)
    except Exception as failure:
        failed = getattr(failure, "failed", None)
        if failed is not None:
            return ["line %s: %s" % (r.line, hidden(str(r.command).strip())) for r in failed]
        text = str(failure)
        # the exception's text may quote the lines: only the refused lines' keywords leave the device
        return text_failures(text) or ["all %d lines (%s)" % (len(lines), type(failure).__name__)]
    if result is None:
        return []
    if isinstance(result, (list, tuple)):
        return ["line %s: %s" % (r.line, hidden(str(r.command).strip())) for r in result if not r.success]
    return text_failures(str(result))


def text_failures(text):
    return ["line %s: %s" % (number, hidden(command.strip()))
            for number, command in re.findall(r"^Line (\d+) FAILURE:\s*(.*)$", text, re.MULTILINE)]


def configure_or_fail(lines):
    refused = refused_lines(lines)
    if refused:
        raise ZtpFailure("the device refused %s" % "; ".join(refused))


def fetch_day0(serials, management):
    """The first serial the server has a day-0 for, and that day-0; a stack member without one is skipped."""
    for serial in serials:
        try:
            copy("%s/%sztp/day0/%s.cfg" % (FILES, ACCESS, serial), DAY0, management)
        except ZtpFailure as failure:
            log("no day-0 for %s: %s" % (serial, failure))
            continue
        return serial, show("more " + DAY0)
    raise ZtpFailure("the server has no day-0 for %s" % ", ".join(serials))


def apply(text):
    lines = []
    for line in text.splitlines():
        bare = line.strip()
        if bare and not bare.startswith("!") and bare != "end":
            lines.append(line.rstrip())
    if not lines:
        raise ZtpFailure("the day-0 is empty")
    log("applying %d lines" % len(lines))
    refused = refused_lines(lines)
    if refused:
        raise ZtpFailure("the device refused %d of %d day-0 lines, so nothing was saved: %s"
                         % (len(refused), len(lines), "; ".join(refused)))


def delete(target):
    try:
        execute("delete /force %s" % target)
    except ZtpFailure as failure:
        log("could not delete %s: %s" % (target, failure))


def md5_from_server(management):
    sidecar = "flash:%s.md5" % IMAGE
    copy("%s/%s%s.md5" % (FILES, ACCESS, IMAGE), sidecar, management)
    text = show("more " + sidecar)
    delete(sidecar)
    found = re.search(r"\b([0-9a-fA-F]{32})\b", text)
    if found is None:
        raise ZtpFailure("%s.md5 holds no MD5" % IMAGE)
    return found.group(1).lower()


def verified(md5):
    try:
        return "Verified" in execute("verify /md5 flash:%s %s" % (IMAGE, md5))
    except ZtpFailure:
        return False


def boot_mode(version):
    """INSTALL or BUNDLE, from 'show version': 'Installation mode is X', the Mode column of the
    switch table, or a system image that is packages.conf (install) or a .bin (bundle)."""
    found = re.search(r"Installation mode is\s+(\S+)", version)
    if found:
        return found.group(1).upper()
    found = re.search(r"^\*\s+\d+\s+\d+\s+\S+\s+\S+\s+\S+\s+(INSTALL|BUNDLE)\s*$", version, re.MULTILINE)
    if found:
        return found.group(1)
    found = re.search(r'System image file is "([^"]+)"', version)
    if found:
        return "INSTALL" if found.group(1).endswith("packages.conf") else "BUNDLE"
    return "unknown"


def flash_bytes(name=None):
    """(size of flash:name or None, bytes free on flash), from 'dir'."""
    listing = show("dir flash:" + (name or ""))
    free = re.search(r"(\d+) bytes free", listing)
    if free is None:
        raise ZtpFailure("'dir flash:' shows no free space: %s" % listing.strip())
    size = None
    if name:
        entry = re.search(r"^\s*\d+\s+\S+\s+(\d+)\s+.*\s%s\s*$" % re.escape(name), listing, re.MULTILINE)
        size = int(entry.group(1)) if entry else None
    return size, int(free.group(1))


def prepare_upgrade(version, management):
    """Opt-in (setting iosxe.image): puts a verified image on flash and an EEM applet that installs
    it. Nothing is installed from here: the install reloads the device, so the applet runs it after
    this script has ended, as Cisco's own ZTP examples do."""
    mode = boot_mode(version)
    if mode != "INSTALL":
        raise ZtpFailure("the device boots in %s mode, and %s can only be installed in install mode "
                         "(boot it from packages.conf first)" % (mode, IMAGE))
    md5 = md5_from_server(management)
    if verified(md5):
        log("flash:%s is already there with MD5 %s" % (IMAGE, md5))
    else:
        copy("%s/%s%s" % (FILES, ACCESS, IMAGE), "flash:" + IMAGE, management)
        if not verified(md5):
            delete("flash:" + IMAGE)
            raise ZtpFailure("MD5 of flash:%s is not %s" % (IMAGE, md5))
        log("MD5 of flash:%s verified: %s" % (IMAGE, md5))
    size, free = flash_bytes(IMAGE)
    if size is not None and free < size:
        # install add expands the image into packages next to it: about its size again.
        raise ZtpFailure("flash: has %d bytes free, and installing %s (%d bytes) needs about as much again"
                         % (free, IMAGE, size))
    # As Cisco's own upgrade example (jeremycohoe/IOSXE-Zero-Touch-Provisioning,
    # c9200cx/ztp-c9200cx-upgrade.py): an applet that bypasses AAA authorization, may run an hour,
    # saves and then installs; "event manager run" starts it as the script's last command.
    configure_or_fail([
        "event manager applet %s authorization bypass" % APPLET,
        " event none sync yes maxrun 3600",
        ' action 1.0 wait 30',
        ' action 2.0 cli command "enable"',
        ' action 2.1 cli command "write memory"',
        ' action 3.0 cli command "install add file flash:%s activate commit prompt-level none"' % IMAGE,
    ])


def device_token(day0):
    """This device's token, the proof the server wants with a report: the day-0's first line
    names it, and so does the path this script was served under (day-0 access token)."""
    found = re.search(r"^!\s*ztp4j-device-token\s+([A-Za-z0-9_-]+)\s*$", day0 or "", re.MULTILINE)
    if found:
        return found.group(1)
    found = re.match(r"t/([A-Za-z0-9_-]+)/$", ACCESS)
    return found.group(1) if found else None


def report(serial, status, message, token):
    if not REPORT:
        return
    if not token:
        log("no device token (no day-0 was fetched): the server would refuse the report")
        return
    body = json.dumps({"status": status, "message": message}).encode("utf-8")
    headers = {"Content-Type": "application/json", "ZTP4J-Device-Token": token}
    request = Request("%s/%s" % (REPORT, serial), body, headers)
    try:
        urlopen(request, timeout=15).read()
        log("reported %s to the server" % status)
    except Exception as failure:
        log("could not report to the server: %s" % failure)


def main():
    serial = "unknown"
    saved = False
    day0 = None
    try:
        version = first_call()
        serials = serial_numbers(version)
        serial = serials[0]
        log("serial numbers: %s" % ", ".join(serials))
        management = management_path()
        configure_or_fail(["file prompt quiet"])
        try:
            serial, day0 = fetch_day0(serials, management)
            apply(day0)
        finally:
            delete(DAY0)  # it holds the admin password
        configure_or_fail(["no file prompt quiet"])
        execute("write memory")
        saved = True
        if IMAGE:
            prepare_upgrade(version, management)
            report(serial, "success", "day-0 applied and saved; %s installs after this script, then the device reloads" % IMAGE,
                   device_token(day0))
            execute("event manager run %s" % APPLET)
        else:
            report(serial, "success", "day-0 applied and saved", device_token(day0))
        return 0
    except Exception as failure:
        message = str(failure) if not saved else "day-0 applied and saved, but no upgrade: %s" % failure
        log("ZTP failed: %s" % message)
        for line in traceback.format_exc().splitlines():
            log(line)
        report(serial, "failure", message, device_token(day0))
        return 1


if __name__ == "__main__":
    sys.exit(main())
