#!/bin/env python3
#md5sum=""
# ztp4j NX-OS POAP script. The server renders it from the template nxos/poap.py (put your own
# in your template folder to change it) and sets the #md5sum line above each time it serves it.
#
# It fetches this switch's day-0 configuration (and, only when the server was asked to, a system
# image), checks every download against its .md5 sidecar when the server has one, schedules the
# configuration for the reload that ends POAP and deletes what it downloaded: the day-0 holds the
# admin password. It logs to /bootflash/<time>_poap_<pid>_script.log and to syslog, keeps the
# newest few of its logs, and exits non-zero on failure, so the switch retries.
# Python 3 (NX-OS 9.3 and later) and Python 2.7 (older trains) alike.
from __future__ import print_function

import glob
import hashlib
import os
import re
import signal
import sys
import time
import traceback

try:
    import syslog  # on the switch; not in every Python
except ImportError:
    syslog = None

try:
    from cli import *  # NX-OS 7.0 and later
except ImportError:
    # Older trains have only cisco.cli, whose cli() returns a (status, output) tuple: this script
    # reads output as text, so it says why it stops rather than misread it.
    print("POAP failed: this switch has no 'cli' module (NX-OS 7.0 or later needed)")
    sys.exit(1)

# Chosen by the server when it rendered this script.
SERVER = "{{server}}"
PROTOCOL = "{{protocol}}"
MODE = "{{mode}}"
VRF = "{{vrf}}" or os.environ.get("POAP_VRF") or "management"
IMAGE = "{{image}}"
TRANSFER_USER = "{{transfer_user}}"
TRANSFER_PASSWORD = "{{transfer_password}}"
COPY_OPTIONS = "{{copy_options}}"
# Where the files are on the server: "/" for TFTP and HTTP, the scp folder for scp.
REMOTE_FOLDER = "{{remote_folder}}"
# t/<token>/ when the server rendered this script for one switch (day-0 access token): every file
# this script fetches from the server carries it; an scp server of your own needs none.
ACCESS = "{{access_path}}" if PROTOCOL != "scp" else ""
# Free bootflash space, in KB, that an image copy needs.
REQUIRED_SPACE_KB = int("{{required_space_kb}}")

# The switch's flash as Python sees it; a device emulator points this elsewhere.
BOOTFLASH = os.environ.get("ZTP4J_BOOTFLASH", "/bootflash")
# Script logs kept on bootflash, this run's among them (Cisco's script keeps 4).
KEEP_LOGS = 4
# copy running-config startup-config can fail while the switch is busy after a boot variable
# change: Cisco's script tries again every 30 s for 10 minutes.
SAVE_ATTEMPTS = 20
SAVE_RETRY_SECONDS = 30

log_file = None
# Files this run put on bootflash; on failure they all go, on success all but the image.
created = []


class PoapFailure(Exception):
    """Provisioning cannot go on; the message says why."""


def syslog_prefix():
    """S/N[<serial>]-MAC[<aa:bb:cc:dd:ee:ff>], so that a log server tells the switches apart."""
    prefix = "S/N[%s]" % os.environ.get("POAP_SERIAL", "?")
    mac = re.sub("[^0-9A-Fa-f]", "", os.environ.get("POAP_MAC", ""))
    if len(mac) == 12:
        prefix += "-MAC[%s]" % ":".join(mac[i:i + 2] for i in range(0, 12, 2))
    return prefix


def log(text):
    # A password never reaches a log: the word after "password" is blanked.
    text = re.sub(r"(password\s+)\S+", r"\1<removed>", text)
    line = "%s %s" % (time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime()), text)
    print(line)
    if log_file is not None:
        log_file.write(line + "\n")
        log_file.flush()
    if syslog is not None:
        try:
            syslog.syslog(syslog.LOG_USER | syslog.LOG_ALERT, "%s - %s" % (syslog_prefix(), text))
        except Exception:
            pass  # the log file has it


def open_log():
    global log_file
    pid = os.environ.get("POAP_PID") or str(os.getpid())
    name = "%s_poap_%s_script.log" % (time.strftime("%Y%m%d%H%M%S", time.gmtime()), pid)
    log_file = open(os.path.join(BOOTFLASH, name), "w")
    log("logging to /bootflash/" + name + ("" if syslog is not None else " (no syslog module)"))
    prune_logs()


def prune_logs():
    """Keeps the newest KEEP_LOGS script logs; their names start with the time, so newest sort last."""
    logs = sorted(path for path in glob.glob(os.path.join(BOOTFLASH, "*_poap_*_script.log"))
                  if re.match(r"\d{14}_poap_\d+(_usb)?_script\.log$", os.path.basename(path)))
    for old in logs[:-KEEP_LOGS]:
        remove(old)
        log("removed old log /bootflash/" + os.path.basename(old))


def run(command):
    log("cli: " + command)
    return cli(command)


def remove(path):
    if os.path.isfile(path):
        try:
            os.remove(path)
        except (IOError, OSError) as e:
            log("cannot remove %s: %s" % (path, e))


def clean_up(keep=()):
    """Removes what this run put on bootflash, except the files named in keep."""
    for path in created:
        if path not in keep:
            remove(path)
            remove(path + ".part")


def on_sigterm(signum, frame):
    """Stopped with SIGTERM: leave no day-0 or half image behind, and fail."""
    log("SIGTERM: stopping and removing downloaded files")
    clean_up()
    sys.exit(1)


def ignore_sigterm(signum, frame):
    """Set while boot variables change: stopping half way could leave a switch that cannot boot."""
    log("SIGTERM ignored while the boot variable is set")


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
    user = TRANSFER_USER + "@" if TRANSFER_USER else ""
    return "%s://%s%s%s%s%s" % (PROTOCOL, user, SERVER, REMOTE_FOLDER, ACCESS, name)


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
    if target not in created:
        created.append(target)
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


def bootflash_free_kb():
    """Free bootflash space from 'dir bootflash:', whose last lines say '<n> bytes free'."""
    found = re.search(r"(\d+)\s+bytes\s+free", run("dir bootflash:"))
    if found is None:
        raise PoapFailure("'dir bootflash:' does not say how many bytes are free")
    return int(found.group(1)) // 1024


def download_verified(name, sidecar_required, reuse_existing=False, before_copy=None):
    """Downloads a file and checks it against its .md5 sidecar. Returns whether it was copied
    (False when the file on bootflash already had the right MD5)."""
    sidecar = download(name + ".md5", optional=not sidecar_required)
    if sidecar is None:
        log("no checksum for %s: it is not verified" % name)
        download(name)
        return True
    expected = sidecar_md5(sidecar)
    remove(sidecar)
    target = os.path.join(BOOTFLASH, name)
    if reuse_existing and os.path.exists(target) and md5_of(target) == expected:
        log("%s is already on bootflash with MD5 %s" % (name, expected))
        return False
    if before_copy is not None:
        before_copy()
    download(name)
    actual = md5_of(target)
    if actual != expected:
        remove(target)
        raise PoapFailure("MD5 of %s is %s, its sidecar says %s" % (name, actual, expected))
    log("MD5 of %s verified: %s" % (name, actual))
    return True


def check_space_for_image():
    free = bootflash_free_kb()
    log("bootflash has %d KB free; an image copy needs %d KB" % (free, REQUIRED_SPACE_KB))
    if free < REQUIRED_SPACE_KB:
        raise PoapFailure("not enough bootflash space for %s: %d KB free, %d KB needed (setting nxos.required-space)"
                          % (IMAGE, free, REQUIRED_SPACE_KB))


def save_configuration():
    """copy running-config startup-config, tried again while the switch refuses it."""
    for attempt in range(1, SAVE_ATTEMPTS + 1):
        try:
            run("copy running-config startup-config")
            return
        except Exception as e:
            if attempt == SAVE_ATTEMPTS:
                raise PoapFailure("copy running-config startup-config failed %d times, last: %s" % (attempt, e))
            log("copy running-config startup-config failed (%s); trying again in %d s" % (e, SAVE_RETRY_SECONDS))
            time.sleep(SAVE_RETRY_SECONDS)


def install_image():
    """Opt-in (setting nxos.image): the switch boots this image after the POAP reload."""
    download_verified(IMAGE, sidecar_required=True, reuse_existing=True, before_copy=check_space_for_image)
    # From here on the boot variable changes: a SIGTERM must not cut it half way.
    signal.signal(signal.SIGTERM, ignore_sigterm)
    run("configure terminal ; boot nxos bootflash:%s" % IMAGE)
    save_configuration()
    log("boot variable set to bootflash:%s" % IMAGE)


def main():
    signal.signal(signal.SIGTERM, on_sigterm)
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
    clean_up(keep=[os.path.join(BOOTFLASH, IMAGE)] if IMAGE else [])
    log("removed the downloaded day-0 from bootflash")
    return 0


if __name__ == "__main__":
    try:
        status = main()
    except Exception as failure:
        log("POAP failed: %s" % failure)
        for trace_line in traceback.format_exc().splitlines():
            log(trace_line)
        clean_up()
        status = 1
    if log_file is not None:
        log_file.close()
    sys.exit(status)
