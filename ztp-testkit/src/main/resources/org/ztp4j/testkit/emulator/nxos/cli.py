"""A fake NX-OS 'cli' module for running POAP scripts on a test machine. cli() logs every command
(several may be joined with ' ; ', as on the switch) and performs the ones a POAP script needs:
copy from tftp/http into a bootflash folder, copy to scheduled-config. Like the switch, it raises
on a command that fails. Test code only."""
from __future__ import print_function

import os
import re
import shutil

import ztp4j_emulator as emulator

__all__ = ["cli", "clid", "clip"]

BOOTFLASH = os.environ.get("ZTP4J_BOOTFLASH", os.path.join(emulator.STATE, "bootflash"))


def _bootflash(name):
    return os.path.join(BOOTFLASH, name.split(":", 1)[1].lstrip("/"))


def _one(command):
    emulator.record("cli", command)
    copy = re.match(r"copy (\S+://\S+) (bootflash:\S+)( ignore-certificate)?( vrf (\S+))?$", command)
    if copy:
        emulator.download(copy.group(1), _bootflash(copy.group(2)))
        return "Copy complete.\n"
    schedule = re.match(r"copy (bootflash:\S+) scheduled-config$", command)
    if schedule:
        source = _bootflash(schedule.group(1))
        if not os.path.exists(source):
            raise Exception("%s: no such file" % schedule.group(1))
        shutil.copyfile(source, os.path.join(emulator.STATE, "scheduled-config"))
        return ""
    if command.startswith(("terminal ", "configure terminal", "boot nxos ", "copy running-config startup-config", "show ")):
        return ""
    raise Exception("% Invalid command: " + command)


def cli(command):
    return "".join(_one(part.strip()) for part in command.split(" ; "))


def clid(command):
    return cli(command)


def clip(command):
    print(cli(command))
