#!/bin/env python3
#md5sum=""
# ztp4j NX-OS POAP script. The server renders it from the template nxos/poap.py (put your own
# in your template folder to change it) and sets the #md5sum line above each time it serves it.
#
# It fetches this switch's day-0 configuration (and, only when the server was asked to, a system
# image), checks every download against its .md5 sidecar when the server has one, and schedules
# the configuration for the reload that ends POAP. It logs to
# /bootflash/<time>_poap_<pid>_script.log and exits non-zero on failure, so the switch retries.
# Python 3 (NX-OS 9.3 and later) and Python 2.7 (older trains) alike.
from __future__ import print_function

import hashlib
import os
import re
import sys
import time
import traceback

try:
    from cli import *  # NX-OS 7.0 and later
except ImportError:
    from cisco import cli  # older trains

# Chosen by the server when it rendered this script.
SERVER = "{{server}}"
PROTOCOL = "{{protocol}}"
MODE = "{{mode}}"
VRF = "{{vrf}}" or os.environ.get("POAP_VRF") or "management"
IMAGE = "{{image}}"
TRANSFER_USER = "{{transfer_user}}"
TRANSFER_PASSWORD = "{{transfer_password}}"
COPY_OPTIONS = "{{copy_options}}"

# The switch's flash as Python sees it; a device emulator points this elsewhere.
BOOTFLASH = os.environ.get("ZTP4J_BOOTFLASH", "/bootflash")

log_file = None


class PoapFailure(Exception):
    """Provisioning cannot go on; the message says why."""


def log(text):
    # A password never reaches the log: the word after "password" is blanked.
    text = re.sub(r"(password\s+)\S+", r"\1<removed>", text)
    line = "%s %s" % (time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime()), text)
    print(line)
    if log_file is not None:
        log_file.write(line + "\n")
        log_file.flush()


def open_log():
    global log_file
    pid = os.environ.get("POAP_PID") or str(os.getpid())
    name = "%s_poap_%s_script.log" % (time.strftime("%Y%m%d%H%M%S", time.gmtime()), pid)
    log_file = open(os.path.join(BOOTFLASH, name), "w")
    log("logging to /bootflash/" + name)


def run(command):
    log("cli: " + command)
    return cli(command)


def remove(path):
    if os.path.exists(path):
        os.remove(path)


def config_file_name():
    """The day-0 file this switch asks for, by the server's naming mode."""
    if MODE == "serial":
        serial = os.environ.get("POAP_SERIAL", "").strip()
        if not serial:
            raise PoapFailure("mode serial, but POAP_SERIAL is not set")
        return "conf." + serial
    if MODE == "mac":
        mac = re.sub("[^0-9A-Fa-f]", "", os.environ.get("POAP_MAC", "")).upper()
        if len(mac) != 12:
            raise PoapFailure("mode mac, but POAP_MAC is '%s'" % os.environ.get("POAP_MAC", ""))
        return "conf_%s.cfg" % mac
    if MODE == "hostname":
        name = os.environ.get("POAP_HOST_NAME", "").strip()
        if not name:
            raise PoapFailure("mode hostname, but POAP_HOST_NAME is not set (DHCP option 12)")
        return "conf_%s.cfg" % name
    raise PoapFailure("unknown mode '%s'" % MODE)


def source_url(name):
    if TRANSFER_USER:
        return "%s://%s@%s/%s" % (PROTOCOL, TRANSFER_USER, SERVER, name)
    return "%s://%s/%s" % (PROTOCOL, SERVER, name)


def download(name, optional=False):
    """Copies a file from the server to bootflash:, through a partial name so that a cut
    transfer never leaves a file that looks whole. Returns its path, or None when an optional
    file is not on the server."""
    target = os.path.join(BOOTFLASH, name)
    partial = target + ".part"
    remove(partial)
    command = "terminal dont-ask ; "
    if TRANSFER_PASSWORD:
        command += "terminal password %s ; " % TRANSFER_PASSWORD
    command += "copy %s bootflash:%s.part %svrf %s" % (source_url(name), name, COPY_OPTIONS, VRF)
    try:
        run(command)
    except Exception as e:
        remove(partial)
        if optional:
            log("%s is not on the server (%s)" % (name, e))
            return None
        raise PoapFailure("cannot download %s: %s" % (name, e))
    if not os.path.exists(partial):
        if optional:
            log("%s is not on the server" % name)
            return None
        raise PoapFailure("downloading %s left no file" % name)
    remove(target)
    os.rename(partial, target)
    log("downloaded %s (%d bytes)" % (name, os.path.getsize(target)))
    return target


def md5_of(path):
    digest = hashlib.md5()
    with open(path, "rb") as f:
        chunk = f.read(1048576)
        while chunk:
            digest.update(chunk)
            chunk = f.read(1048576)
    return digest.hexdigest()


def sidecar_md5(path):
    """Reads a .md5 sidecar: a line md5sum=<hex>, or md5sum's own <hex>  <name>."""
    with open(path) as f:
        for line in f:
            found = re.match(r'\s*md5sum\s*=\s*"?([0-9a-fA-F]{32})"?\s*$', line)
            if found is None:
                found = re.match(r"\s*([0-9a-fA-F]{32})(\s|$)", line)
            if found is not None:
                return found.group(1).lower()
    raise PoapFailure("%s holds no MD5" % os.path.basename(path))


def download_verified(name, sidecar_required, reuse_existing=False):
    """Downloads a file and checks it against its .md5 sidecar."""
    sidecar = download(name + ".md5", optional=not sidecar_required)
    if sidecar is None:
        log("no checksum for %s: it is not verified" % name)
        download(name)
        return
    expected = sidecar_md5(sidecar)
    remove(sidecar)
    target = os.path.join(BOOTFLASH, name)
    if reuse_existing and os.path.exists(target) and md5_of(target) == expected:
        log("%s is already on bootflash with MD5 %s" % (name, expected))
        return
    download(name)
    actual = md5_of(target)
    if actual != expected:
        remove(target)
        raise PoapFailure("MD5 of %s is %s, its sidecar says %s" % (name, actual, expected))
    log("MD5 of %s verified: %s" % (name, actual))


def install_image():
    """Opt-in (setting nxos.image): the switch boots this image after the POAP reload."""
    download_verified(IMAGE, sidecar_required=True, reuse_existing=True)
    run("configure terminal ; boot nxos bootflash:%s" % IMAGE)
    run("copy running-config startup-config")
    log("boot variable set to bootflash:%s" % IMAGE)


def main():
    open_log()
    log("POAP phase %s, serial %s, MAC %s, interface %s, vrf %s, %s from %s" % (
        os.environ.get("POAP_PHASE", "?"), os.environ.get("POAP_SERIAL", "?"),
        os.environ.get("POAP_MAC", "?"), os.environ.get("POAP_INTF", "?"), VRF, PROTOCOL, SERVER))
    config = config_file_name()
    download_verified(config, sidecar_required=False)
    if IMAGE:
        install_image()
    run("copy bootflash:%s scheduled-config" % config)
    log("%s is scheduled: the switch applies it after the POAP reload" % config)
    return 0


if __name__ == "__main__":
    try:
        status = main()
    except Exception as failure:
        log("POAP failed: %s" % failure)
        for trace_line in traceback.format_exc().splitlines():
            log(trace_line)
        status = 1
    if log_file is not None:
        log_file.close()
    sys.exit(status)
