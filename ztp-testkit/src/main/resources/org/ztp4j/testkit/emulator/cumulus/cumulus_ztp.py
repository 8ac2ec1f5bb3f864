"""Cumulus Linux ZTP over DHCP (Cumulus Linux 5.11 user guide, "Zero Touch Provisioning - ZTP"),
as a ZTP server sees it. Test code only.

The switch fetches the URL from option 239 with the header fields User-Agent
CumulusLinux-AutoProvision/0.4, CUMULUS-ARCH, CUMULUS-BUILD, CUMULUS-MANUFACTURER,
CUMULUS-PRODUCTNAME, CUMULUS-SERIAL, CUMULUS-BASE-MAC, CUMULUS-MGMT-MAC, CUMULUS-VERSION,
CUMULUS-PROV-COUNT and CUMULUS-PROV-MAX ("Inspect HTTP Headers"). It runs the payload only when it
holds the CUMULUS-AUTOPROVISIONING flag ("Found Marker CUMULUS-AUTOPROVISIONING" in its log) and
names its interpreter ("Could not find referenced script/interpreter in downloaded payload"); it
runs it as root, and exit code 0 marks provisioning complete, anything else is "Script Failure".

The script runs under its own interpreter (bash) with this model's nv on its PATH, in a sandbox
folder of the state folder. State: EMULATOR_DIR/ztp_state (Result as "ztp -s" shows it),
nvue-applied.json and nvue-startup.json (written by nv), commands.log. Device facts:
EMULATOR_SERIAL, EMULATOR_MGMT_MAC, EMULATOR_BASE_MAC, EMULATOR_PRODUCT, EMULATOR_RELEASE."""
from __future__ import print_function

import os
import stat
import subprocess

import ztp4j_emulator

STATE = os.environ.get("EMULATOR_DIR", ".")
HERE = os.path.dirname(os.path.abspath(__file__))
MARKER = b"CUMULUS-AUTOPROVISIONING"


def headers():
    release = os.environ.get("EMULATOR_RELEASE", "5.11.0")
    return {
        "User-Agent": "CumulusLinux-AutoProvision/0.4",
        "CUMULUS-ARCH": "x86_64",
        "CUMULUS-BUILD": release,
        "CUMULUS-MANUFACTURER": os.environ.get("EMULATOR_MANUFACTURER", "Mellanox"),
        "CUMULUS-PRODUCTNAME": os.environ.get("EMULATOR_PRODUCT", "MSN2010"),
        "CUMULUS-SERIAL": os.environ.get("EMULATOR_SERIAL", "MT0000X00000"),
        "CUMULUS-BASE-MAC": os.environ.get("EMULATOR_BASE_MAC", "1C:34:DA:00:00:00"),
        "CUMULUS-MGMT-MAC": os.environ.get("EMULATOR_MGMT_MAC", "1C:34:DA:00:00:01"),
        "CUMULUS-VERSION": release,
        "CUMULUS-PROV-COUNT": "0",
        "CUMULUS-PROV-MAX": "32",
    }


def result(text):
    with open(os.path.join(STATE, "ztp_state"), "w") as f:
        f.write("Result %s\n" % text)
    ztp4j_emulator.record("cumulus", "ztp result: %s" % text)


def ztp(url):
    """One ZTP DHCP attempt with option 239 = url; returns 0 when provisioning is complete."""
    folder = os.path.join(STATE, "sandbox")
    if not os.path.isdir(folder):
        os.makedirs(folder)
    script = os.path.join(folder, "ztp-script")
    print("ZTP DHCP: Attempting to provision via ZTP DHCP from %s" % url)
    try:
        ztp4j_emulator.download(url, script, headers())
    except Exception as e:
        print("ZTP DHCP: %s" % e)
        result("Download Failure")
        return 1
    with open(script, "rb") as f:
        payload = f.read()
    if MARKER not in payload:
        print("ZTP DHCP: Marker CUMULUS-AUTOPROVISIONING not found")
        result("Marker Not Found")
        return 1
    print("ZTP DHCP: Found Marker CUMULUS-AUTOPROVISIONING")
    if not payload.startswith(b"#!"):
        print("ZTP DHCP: Could not find referenced script/interpreter in downloaded payload.")
        result("Script Failure")
        return 1
    os.chmod(script, os.stat(script).st_mode | stat.S_IXUSR)
    env = dict(os.environ)
    env["PATH"] = os.path.join(HERE, "bin") + os.pathsep + env.get("PATH", "/usr/bin:/bin")
    env["TMPDIR"] = folder
    print("ZTP DHCP: Executing %s" % url)
    code = subprocess.call([script], env=env, cwd=folder)
    if code != 0:
        print("ZTP DHCP: Payload returned code %d" % code)
        result("Script Failure")
        return 1
    result("success")
    return 0
