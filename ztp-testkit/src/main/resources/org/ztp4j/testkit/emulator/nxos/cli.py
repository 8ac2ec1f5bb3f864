"""The NX-OS 'cli' module as a POAP script meets it, for running POAP scripts on a test machine.
Test code only: it records every command in the device's command log and performs the ones a POAP
script runs against an emulated bootflash folder. It runs on python3 and on Jython 2.7.

What it models, and the public source of each behaviour:

- cli(cmd) returns the command's output as text; several commands are joined with ' ; ' (a
  semicolon between single spaces) and share one session, so 'configure terminal ; boot nxos ...'
  works where two separate calls would not (Cisco DevNet, "NX-OS Python API: cli module";
  datacenter/nexus9000 nx-os/python/samples/README.md).
- A command that fails raises, and the rest of the line is not run: cli_syntax_error for what the
  parser refuses, cmd_exec_error for what fails when it runs (the exception classes and the "any
  command execution error will result in the entire thing fail, to align with vsh" rule of Cisco's
  off-box copy of the module, datacenter/nexus9000 nx-os/python/remote_client/utils/errors.py and
  nxapi_utils.py; str(e) is the repr of the message there, as here). Both derive from SyntaxError:
  Cisco's own POAP script (datacenter/nexus9000 nx-os/poap/poap.py, install_images_7_x) retries a
  failed 'copy running-config startup-config' by catching SyntaxError, which only works if the
  module raises one.
- The messages carry the words Cisco's POAP script looks for in them (do_copy): "Syntax error while
  parsing", "no such file", "Permission denied", "No space left on device".
- copy <proto>://[user@]<host>[:port]<path> bootflash:<file> [compact|ignore-certificate] vrf <vrf>
  [use-kstack], the forms Cisco's POAP script builds (do_copy); scp and sftp need the password from
  a 'terminal password <pw>' earlier on the same line, as the script gives it (the switch would
  prompt for it otherwise, and a POAP script cannot answer a prompt).
- copy bootflash:<file> scheduled-config, 'configure terminal ; boot nxos bootflash:<image>' and
  copy running-config startup-config (poap.py main and install_images_7_x).
- dir bootflash: lists the files, then "Usage for bootflash://sup-local" and the bytes used, free
  and total (output of a Nexus 9000 on 9.2(1) in sebrupik/srupik-nxos-tools README.md, and the same
  form in Cisco's NX-OS upgrade guides).

The release (EMULATOR_RELEASE, default 10.3(4a)) decides the Python: NX-OS 9.3 and later run POAP
scripts on Python 3, 7.x and 9.2 on Python 2.7; importing this module under the other Python is an
error, so that a test cannot model a release on the wrong interpreter. That 9.3 is the boundary is
the model's assumption: Cisco's DevNet pages show NX-OS 7.x's on-box Python as 2.7.5, and Cisco's
current POAP script starts with '#!/bin/env python3', but no public source found names the first
release that runs a POAP script on Python 3. ztp4j's script runs on both, which is what matters.

Knobs a test sets in the environment (none is a device behaviour; each stands in for a condition):
  EMULATOR_BOOTFLASH_FREE  bytes free on bootflash (default 47335612416, as in the sample above); a
                           copy that would need more fails with "No space left on device"
  EMULATOR_SAVE_FAILURES   how many 'copy running-config startup-config' fail before one succeeds,
                           as while the switch is busy after a boot variable change
  EMULATOR_SIGTERM_AT      a command (such as 'boot nxos'): right after running it the device sends
                           the script SIGTERM, what stops a running script (Cisco's POAP script
                           handles it: sigterm_handler, sig_handler_no_exit)
  EMULATOR_SCP_ROOT        a folder standing in for the scp server's file system (there is no SSH
                           server in the tests); without it an scp copy fails
time.sleep does not wait: it is logged as 'sleep <seconds>', so that a script's retry delays show in
the command log without slowing a test."""
from __future__ import print_function

import os
import re
import shutil
import signal
import sys
import time

import ztp4j_emulator as emulator

__all__ = ["cli", "clid", "clip", "cli_syntax_error", "cmd_exec_error"]

BOOTFLASH = os.environ.get("ZTP4J_BOOTFLASH", os.path.join(emulator.STATE, "bootflash"))
RELEASE = os.environ.get("EMULATOR_RELEASE", "10.3(4a)")


def _train(release):
    found = re.match(r"(\d+)\.(\d+)", release)
    if found is None:
        raise ValueError("EMULATOR_RELEASE '%s' is not an NX-OS release such as 9.3(8) or 10.3(4a)" % release)
    return int(found.group(1)), int(found.group(2))


PYTHON = 3 if _train(RELEASE) >= (9, 3) else 2
if sys.version_info[0] != PYTHON:
    raise RuntimeError("NX-OS %s runs POAP scripts on Python %d, not %d.%d: run it with that interpreter"
                       % (RELEASE, PYTHON, sys.version_info[0], sys.version_info[1]))


class cli_syntax_error(SyntaxError):
    """The parser refused a command."""

    def __init__(self, value):
        SyntaxError.__init__(self, value)
        self.value = value

    def __str__(self):
        return repr(self.value)


class cmd_exec_error(SyntaxError):
    """A command was accepted but failed."""

    def __init__(self, value):
        SyntaxError.__init__(self, value)
        self.value = value

    def __str__(self):
        return repr(self.value)


_saves_failed = [0]
_boot_variable = [None]


class _Sleep(object):
    """time.sleep that only logs. An object, not a function: on Jython the time module is a Java
    type, on which a function would become an unbound method."""

    def __call__(self, seconds):
        emulator.record("sleep", "%g" % seconds)


time.sleep = _Sleep()


def _flash_path(name):
    return os.path.join(BOOTFLASH, name.split(":", 1)[1].lstrip("/"))


def _used():
    return sum(os.path.getsize(os.path.join(BOOTFLASH, n)) for n in os.listdir(BOOTFLASH)
               if os.path.isfile(os.path.join(BOOTFLASH, n)))


def _free():
    return int(os.environ.get("EMULATOR_BOOTFLASH_FREE", "47335612416"))


def _dir():
    lines = []
    for name in sorted(os.listdir(BOOTFLASH)):
        path = os.path.join(BOOTFLASH, name)
        stamp = time.strftime("%b %d %H:%M:%S %Y", time.localtime(os.path.getmtime(path)))
        size = os.path.getsize(path) if os.path.isfile(path) else 4096
        lines.append("%11d    %s  %s%s" % (size, stamp, name, "/" if os.path.isdir(path) else ""))
    used, free = _used(), _free()
    lines += ["", "Usage for bootflash://sup-local", "%11d bytes used" % used, "%11d bytes free" % free,
              "%11d bytes total" % (used + free), ""]
    return "\n".join(lines)


_URL = re.compile(r"(tftp|http|https|scp|sftp|ftp)://(?:([^@/\s]+)@)?([^/:\s]+)(?::(\d+))?(/\S*)$")


def _copy_in(url, target, session):
    found = _URL.match(url)
    if found is None:
        raise cli_syntax_error("Syntax error while parsing copy %s" % url)
    scheme, user, host, port, path = found.groups()
    partial = _flash_path(target)
    if scheme in ("scp", "sftp"):
        if user is None:
            raise cmd_exec_error("%s needs a user: %s://<user>@<host><path>" % (scheme, scheme))
        if session.get("password") is None:
            raise cmd_exec_error("%s would prompt for the password of %s@%s: no 'terminal password' given" % (scheme, user, host))
        root = os.environ.get("EMULATOR_SCP_ROOT")
        if not root:
            raise cmd_exec_error("no scp server in this test (EMULATOR_SCP_ROOT is not set)")
        source = os.path.join(root, path.lstrip("/"))
        if not os.path.isfile(source):
            raise cmd_exec_error("%s: no such file or directory on %s" % (path, host))
        shutil.copyfile(source, partial)
    else:
        try:
            emulator.download("%s://%s%s%s" % (scheme, host, ":" + port if port else "", path), partial)
        except IOError as e:
            raise cmd_exec_error("%s" % e)
    if os.path.getsize(partial) > _free():
        os.remove(partial)
        raise cmd_exec_error("copy %s: No space left on device" % url)
    return "Copy complete, now saving to disk (please wait)...\nCopy complete.\n"


def _one(command, session):
    emulator.record("cli", command)
    if command in ("terminal dont-ask", "configure terminal", "config terminal"):
        if command != "terminal dont-ask":
            session["config"] = True
        return ""
    password = re.match(r"terminal password (\S+)$", command)
    if password:
        session["password"] = password.group(1)
        return ""
    copy = re.match(r"copy (\S+://\S+) (bootflash:\S+)(?: (compact|ignore-certificate))?(?: vrf (\S+))?( use-kstack)?$", command)
    if copy:
        return _copy_in(copy.group(1), copy.group(2), session)
    schedule = re.match(r"copy (bootflash:\S+) scheduled-config$", command)
    if schedule:
        source = _flash_path(schedule.group(1))
        if not os.path.isfile(source):
            raise cmd_exec_error("%s: no such file or directory" % schedule.group(1))
        shutil.copyfile(source, os.path.join(emulator.STATE, "scheduled-config"))
        return ""
    if command == "copy running-config startup-config":
        if _saves_failed[0] < int(os.environ.get("EMULATOR_SAVE_FAILURES", "0")):
            _saves_failed[0] += 1
            raise cmd_exec_error("copy running-config startup-config: configuration update aborted (emulated failure %d)"
                                 % _saves_failed[0])
        with open(os.path.join(emulator.STATE, "startup-config"), "w") as startup:
            if _boot_variable[0]:
                startup.write("boot nxos %s\n" % _boot_variable[0])
        return "[########################################] 100%\nCopy complete.\n"
    boot = re.match(r"boot nxos (bootflash:\S+)$", command)
    if boot and session.get("config"):
        if not os.path.isfile(_flash_path(boot.group(1))):
            raise cmd_exec_error("boot nxos %s: no such file" % boot.group(1))
        _boot_variable[0] = boot.group(1)
        return ""
    if command in ("dir bootflash:", "dir bootflash:/"):
        return _dir()
    raise cli_syntax_error("Syntax error while parsing %s" % command)


def _after(command):
    trigger = os.environ.get("EMULATOR_SIGTERM_AT")
    if trigger and command.startswith(trigger):
        emulator.record("signal", "SIGTERM")
        os.kill(os.getpid(), signal.SIGTERM)


def cli(command):
    session = {}
    output = []
    for part in command.split(" ; "):
        part = part.strip()
        output.append(_one(part, session))
        _after(part)
    return "".join(output)


def clid(command):
    raise cmd_exec_error("clid (JSON output) is not modelled by this emulator: %s" % command)


def clip(command):
    print(cli(command))
