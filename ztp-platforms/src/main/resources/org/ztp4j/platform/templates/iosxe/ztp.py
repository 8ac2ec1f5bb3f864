#!/usr/bin/env python
# ztp4j IOS-XE Zero-Touch Provisioning script, run by the device in Guest Shell. The server renders
# it from the template iosxe/ztp.py (put your own in your template folder to change it).
#
# It reads the device's serial number(s), fetches its day-0 by serial with the device's own copy
# command (which works whether Guest Shell has a network or not), applies it line by line, saves
# it, optionally upgrades the image in install mode (only when the server was asked to), and
# reports the outcome back to the server. It exits non-zero on failure.
# Python 3 (Guest Shell on 17.x) and Python 2.7 (16.x) alike.
from __future__ import print_function

import json
import re
import sys
import traceback

import cli

try:
    from urllib.request import Request, urlopen  # Python 3
except ImportError:
    from urllib2 import Request, urlopen  # Python 2.7

# Chosen by the server when it rendered this script.
FILES = "{{files_base}}"
REPORT = "{{report_base}}"
IMAGE = "{{image}}"

DAY0 = "flash:ztp-day0.cfg"


class ZtpFailure(Exception):
    """Provisioning cannot go on; the message says why."""


def log(text):
    print("ztp4j: %s" % text)
    sys.stdout.flush()


def execute(command):
    """Runs one exec command; IOS reports failures in the output, so look for them there."""
    log("exec: " + command)
    output = cli.execute(command) or ""
    if re.search(r"%\s*Error|%\s*Invalid|Error opening|No such file", output):
        raise ZtpFailure("'%s' failed: %s" % (command, output.strip()))
    return output


def serial_numbers():
    """The chassis serial first, then every other serial the inventory shows (stack members)."""
    found = []
    version = cli.cli("show version") or ""
    for pattern in (r"System Serial Number\s*:\s*(\S+)", r"Processor board ID\s+(\S+)"):
        for serial in re.findall(pattern, version):
            if serial not in found:
                found.append(serial)
    try:
        inventory = cli.cli("show inventory") or ""
    except Exception:
        inventory = ""
    for serial in re.findall(r"SN:\s*([A-Za-z0-9]+)", inventory):
        if serial not in found:
            found.append(serial)
    if not found:
        raise ZtpFailure("no serial number in 'show version' or 'show inventory'")
    return found


def fetch_day0(serials):
    for serial in serials:
        try:
            execute("copy %s/ztp/day0/%s.cfg %s" % (FILES, serial, DAY0))
        except ZtpFailure as failure:
            log("no day-0 for %s: %s" % (serial, failure))
            continue
        return serial, cli.cli("more " + DAY0) or ""
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
    results = cli.configure(lines) or []
    refused = [r for r in results if getattr(r, "success", True) is False]
    if refused:
        raise ZtpFailure("the device refused: " + "; ".join(
            "%s (%s)" % (getattr(r, "line", "?"), getattr(r, "notes", "")) for r in refused))


def md5_from_server(name):
    execute("copy %s/%s.md5 flash:%s.md5" % (FILES, name, name))
    text = cli.cli("more flash:%s.md5" % name) or ""
    found = re.search(r"\b([0-9a-fA-F]{32})\b", text)
    if found is None:
        raise ZtpFailure("%s.md5 holds no MD5" % name)
    return found.group(1).lower()


def verified(name, md5):
    output = cli.execute("verify /md5 flash:%s %s" % (name, md5)) or ""
    return "Verified" in output


def upgrade(serial):
    """Opt-in (setting iosxe.image): install mode, after the day-0 is saved and reported."""
    cli.configure(["file prompt quiet"])
    md5 = md5_from_server(IMAGE)
    if verified(IMAGE, md5):
        log("flash:%s is already there with MD5 %s" % (IMAGE, md5))
    else:
        execute("copy %s/%s flash:%s" % (FILES, IMAGE, IMAGE))
        if not verified(IMAGE, md5):
            raise ZtpFailure("MD5 of flash:%s is not %s" % (IMAGE, md5))
        log("MD5 of flash:%s verified: %s" % (IMAGE, md5))
    report(serial, "success", "day-0 applied and saved; installing %s, the device reloads" % IMAGE)
    execute("install add file flash:%s activate commit prompt-level none" % IMAGE)


def report(serial, status, message):
    if not REPORT:
        return
    body = json.dumps({"status": status, "message": message}).encode("utf-8")
    request = Request("%s/%s" % (REPORT, serial), body, {"Content-Type": "application/json"})
    try:
        urlopen(request, timeout=15).read()
        log("reported %s to the server" % status)
    except Exception as failure:
        log("could not report to the server: %s" % failure)


def main():
    serial = "unknown"
    try:
        serials = serial_numbers()
        serial = serials[0]
        log("serial numbers: %s" % ", ".join(serials))
        cli.configure(["file prompt quiet"])
        serial, day0 = fetch_day0(serials)
        apply(day0)
        cli.configure(["no file prompt quiet"])
        execute("write memory")
        if IMAGE:
            upgrade(serial)
        else:
            report(serial, "success", "day-0 applied and saved")
        return 0
    except Exception as failure:
        log("ZTP failed: %s" % failure)
        for line in traceback.format_exc().splitlines():
            log(line)
        report(serial, "failure", str(failure))
        return 1


if __name__ == "__main__":
    sys.exit(main())
