"""A fake IOS-XE Guest Shell 'cli' module for running ZTP scripts on a test machine. Every call is
logged; configuration lines are appended to a running-config file; 'show version' answers with
the serial in EMULATOR_SERIAL; copy, more, verify /md5, write memory and install act on a flash
folder. Failures come back in the output, as IOS reports them. Test code only."""
from __future__ import print_function

import hashlib
import os
import re

import ztp4j_emulator as emulator

SERIAL = os.environ.get("EMULATOR_SERIAL", "FOC0000X000")
FLASH = os.path.join(emulator.STATE, "flash")

SHOW_VERSION = """Cisco IOS XE Software, Version 17.09.04a
Cisco IOS Software [Cupertino], Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.9.4a, RELEASE SOFTWARE (fc3)
cisco C9300-24T (X86) processor with 1338934K/6147K bytes of memory.
Processor board ID %s
Base Ethernet MAC Address          : 70:1f:53:00:00:01
Motherboard Serial Number          : FOC99999999
Model Number                       : C9300-24T
System Serial Number               : %s
""" % (SERIAL, SERIAL)

SHOW_INVENTORY = """NAME: "c93xx Stack", DESCR: "c93xx Stack"
PID: C9300-24T         , VID: V02  , SN: %s
""" % SERIAL


class ConfigResult(object):
    def __init__(self, line):
        self.success = True
        self.line = line
        self.output = ""
        self.notes = None


def _flash(name):
    return os.path.join(FLASH, name.split(":", 1)[1].lstrip("/"))


def _md5(path):
    with open(path, "rb") as f:
        return hashlib.md5(f.read()).hexdigest()


def cli(command):
    emulator.record("cli", command)
    if command == "show version":
        return SHOW_VERSION
    if command == "show inventory":
        return SHOW_INVENTORY
    more = re.match(r"more (flash:\S+)$", command)
    if more:
        path = _flash(more.group(1))
        if not os.path.exists(path):
            return "%%Error opening %s (No such file or directory)\n" % more.group(1)
        with open(path) as f:
            return f.read()
    return ""


def clip(command):
    print(cli(command))


def execute(command):
    emulator.record("execute", command)
    copy = re.match(r"copy (\S+://\S+) (flash:\S+)$", command)
    if copy:
        try:
            emulator.download(copy.group(1), _flash(copy.group(2)))
        except Exception as e:
            return "%%Error opening %s (%s)\n" % (copy.group(1), e)
        return "Accessing %s...\n[OK]\n" % copy.group(1)
    verify = re.match(r"verify /md5 (flash:\S+) ([0-9a-fA-F]{32})$", command)
    if verify:
        path = _flash(verify.group(1))
        if not os.path.exists(path):
            return "%%Error verifying %s (No such file or directory)\n" % verify.group(1)
        actual = _md5(path)
        if actual == verify.group(2).lower():
            return "..........Done!\nVerified (%s) = %s\n" % (verify.group(1), actual)
        return "%%Error verifying %s\nComputed signature = %s\nSubmitted signature = %s\n" % (
            verify.group(1), actual, verify.group(2))
    if command == "write memory":
        return "Building configuration...\n[OK]\n"
    if command.startswith("install add file "):
        return "install_add_activate_commit: START\ninstall_add_activate_commit: END SUCCESS\n"
    return ""


def executep(command):
    print(execute(command))


def configure(lines):
    if isinstance(lines, str):
        lines = lines.splitlines()
    results = []
    with open(os.path.join(emulator.STATE, "running-config"), "a") as running:
        for line in lines:
            emulator.record("configure", line)
            running.write(line + "\n")
            results.append(ConfigResult(line))
    return results


def configurep(lines):
    for result in configure(lines):
        print(result.line)
