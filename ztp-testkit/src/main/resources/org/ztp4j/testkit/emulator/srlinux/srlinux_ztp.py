"""Nokia SR Linux ZTP over DHCP, as a ZTP server sees it. Test code only.

SR Linux Software Installation Guide, "Zero Touch Provisioning" (21.11 to 25.3): a node whose
auto-boot flag is set asks DHCP on its management port; the DHCP server gives the location of a
Python provisioning script (option 67, or 66 and 67); the node downloads it over HTTP, HTTPS, TFTP
or FTP and runs it; every event is written to the console; when the process completes the auto-boot
flag is removed, so that later reboots do not run ZTP again. The script talks to the ZTP process
through the ZTP Python library ("Appendix: ZTP Python library": ztpclient.APIClient, modelled in
lib/ztpclient) and configures the node with the SR Linux CLI (sr_cli, modelled in bin/sr_cli).

The script runs under python3 with lib/ on PYTHONPATH and bin/ on PATH, in the ztp folder of the
state folder. State: EMULATOR_DIR/ztp_status (the outcome), autoboot (enable or disable),
running.json and config.json (written by sr_cli), next-image (written by image_upgrade),
commands.log. Device facts: EMULATOR_SERIAL, EMULATOR_RELEASE."""
from __future__ import print_function

import os
import subprocess
import sys

import ztp4j_emulator

STATE = os.environ.get("EMULATOR_DIR", ".")
HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMES = ("http", "https", "tftp", "ftp")


def status(text):
    with open(os.path.join(STATE, "ztp_status"), "w") as f:
        f.write(text + "\n")
    ztp4j_emulator.record("srlinux", "ztp %s" % text)


def autoboot(value):
    with open(os.path.join(STATE, "autoboot"), "w") as f:
        f.write(value + "\n")


def ztp(url):
    """One auto-boot attempt with option 67 = url; returns 0 when provisioning completed."""
    if not os.path.exists(os.path.join(STATE, "autoboot")):
        autoboot("enable")
    folder = os.path.join(STATE, "ztp")
    if not os.path.isdir(folder):
        os.makedirs(folder)
    print("ztp: DHCP option 67 %s" % url)
    if not url or "://" not in url or url.split("://", 1)[0].lower() not in SCHEMES:
        print("ztp: option 67 is not a URL over HTTP, HTTPS, TFTP or FTP")
        status("failure: no provisioning script URL")
        return 1
    script = os.path.join(folder, "provision-script")
    try:
        ztp4j_emulator.download(url, script)
    except Exception as e:
        print("ztp: download failed: %s" % e)
        status("failure: download")
        return 1
    env = dict(os.environ)
    env["PATH"] = os.path.join(HERE, "bin") + os.pathsep + env.get("PATH", "/usr/bin:/bin")
    env["PYTHONPATH"] = os.path.join(HERE, "lib") + os.pathsep + env.get("PYTHONPATH", "")
    print("ztp: running the provisioning script")
    code = subprocess.call([sys.executable, script], env=env, cwd=folder)
    if code != 0:
        print("ztp: provisioning script exited %d" % code)
        status("failure: script exited %d" % code)
        return 1
    autoboot("disable")
    status("success")
    return 0
