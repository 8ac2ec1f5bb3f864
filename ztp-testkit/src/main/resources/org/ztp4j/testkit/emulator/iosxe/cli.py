"""A model of the 'cli' module Cisco IOS-XE gives Python scripts in Guest Shell, for running ZTP
scripts on a test machine. It behaves as the release in EMULATOR_RELEASE (default 17.x) does, as far
as public Cisco sources show, and logs every call to commands.log. Test code only.

Sources (facts only; nothing here is copied from them):
  [GS16]  Guest Shell's own cli.py of 16.x (version 1.2.1, Python 2; read in a public code index
          whose repository could not be identified) and Cisco's Programmability Configuration
          Guide, IOS XE Everest 16.6.x, "Python API" (its help(configure) output). execute()
          refuses ';' and newlines ("You may not run multiple commands using execute()") and
          raises CLISyntaxError for an invalid command. configure() returns a list of
          ConfigResult(success, command, line, output, notes) and raises CLIConfigurationError,
          whose .failed holds the refused results, when any line fails; a ConfigResult prints as
          "Line <n> SUCCESS|FAILURE: <command>...". cli() runs ' ;'-separated commands and raises
          errors.cli_syntax_error / errors.cli_exec_error.
  [LOG177] jeremycohoe/IOSXE-Zero-Touch-Provisioning, logs/pod08-xelab-vlan1.txt: a C9300 on
          17.7.1 refusing one line: configurep prints "ConfigError: There was a problem with 1
          commands ..." then "Line 3 FAILURE:  ip address ..." and "**CLI Line 3: ... ^", so
          configure() still raised there.
  [LOG1718] same repository, c9300l/combined-output.log (C9300, 17.18.1): cli.configure() returns
          text, one "Line N SUCCESS:  <line>" per line, and cli.execute() of a command that fails
          raises an exception whose text is "CLI syntax error or execution Failure".
  [PNP]   same repository, ztp-advanced.py and ztp-simple-modelnumber.py: the first cli() call can
          raise pnp._pnp.PnPSocketError while the PnP agent holds the socket; Cisco's scripts wait
          90 s and try again (ztp_solution_example/ztp.py does so for any exception).
  [VRF]   same repository, ztp-advanced.py: "copy tftp://... flash:... vrf Mgmt-vrf"; ztp-xelab.py:
          "ip http client source-interface ..." and "ip tftp source-interface ..."; Cisco's ASR 1000
          guide, "Using the Management Ethernet Interface": the management port is GigabitEthernet0
          and is part of its own VRF (Mgmt-intf).
  [EEM]   same repository, c9200cx/ztp-c9200cx-upgrade.py and c9200cx-upgrade.log (17.18.1): an EEM
          applet ("event none", "action ... cli command \"install add file ... activate commit
          prompt-level none\"") started with "event manager run"; the script ends and the install
          runs afterwards; tdorssers/ztp script.py does the same ("upgrade starting asynchronously").
  [DIR]   show version, show inventory and dir shapes: ztp_solution_example/cat9200l/
          c9200l-autoinstall-log.txt (the "Switch Ports Model SW Version SW Image Mode" table with
          INSTALL, System image file, NAME: "Switch 1" inventory entries, power supply serials);
          code-upgrade/ztp-upgrade-netconf.py ("(\\d+) bytes free" in dir output); the
          check_file_exists() of Cisco's scripts ("Directory of flash:/<file>", "No such file or
          directory", "Directory of bootflash:/<file>" on routers).

Environment (all optional):
  EMULATOR_RELEASE      16.x: configure raises; 17.1 to 17.7: configure raises too [LOG177];
                        17.8 and later: configure returns text [LOG1718] (where between 17.7.1 and
                        17.18.1 this changed is not public: 17.8 is this model's assumption). On
                        17.x execute raises on failure; on 16.x a failed copy is reported in the
                        output ("%Error opening ...").
  EMULATOR_SERIAL       the serial (one chassis); EMULATOR_STACK: serials of a stack, member 1 first
  EMULATOR_MODEL        C9300-24T (default), ISR4431, ASR1001-X, ...: ISR/ASR have GigabitEthernet0
                        in Mgmt-intf, others GigabitEthernet0/0 in Mgmt-vrf [VRF]
  EMULATOR_ZTP_INTERFACE the interface DHCP ran on (default Vlan1; a router GigabitEthernet0/0/0).
                        On the management port the server is reachable only through its VRF.
  EMULATOR_REFUSE       configuration lines the device refuses, one a line
  EMULATOR_PNP_BUSY     how many first calls fail while the PnP agent holds the socket [PNP]
  EMULATOR_BOOT_MODE    INSTALL (default) or BUNDLE
  EMULATOR_FLASH_FREE   bytes free on flash before the script's files (default 8 GiB)
"""
from __future__ import print_function

import atexit
import hashlib
import os
import re
import sys
import time

import ztp4j_emulator as emulator


def _release(text):
    numbers = [int(n) for n in re.findall(r"\d+", text)[:2]]
    return tuple(numbers + [0] * (2 - len(numbers)))


RELEASE = os.environ.get("EMULATOR_RELEASE", "17.09.04a")
MAJOR_MINOR = _release(RELEASE)
CONFIGURE_RETURNS_TEXT = MAJOR_MINOR >= (17, 8)
EXECUTE_RAISES = MAJOR_MINOR >= (17, 0)

MODEL = os.environ.get("EMULATOR_MODEL", "C9300-24T")
ROUTER = MODEL.upper().startswith(("ISR", "ASR"))
MGMT_INTERFACE = "GigabitEthernet0" if ROUTER else "GigabitEthernet0/0"
MGMT_VRF = "Mgmt-intf" if ROUTER else "Mgmt-vrf"
MEMBERS = [s.strip() for s in os.environ.get("EMULATOR_STACK", "").split(",") if s.strip()] \
    or [os.environ.get("EMULATOR_SERIAL", "FOC0000X000")]
ZTP_INTERFACE = os.environ.get("EMULATOR_ZTP_INTERFACE", "GigabitEthernet0/0/0" if ROUTER else "Vlan1")
REFUSE = set(line.strip() for line in os.environ.get("EMULATOR_REFUSE", "").splitlines() if line.strip())
BOOT_MODE = os.environ.get("EMULATOR_BOOT_MODE", "INSTALL").upper()
FLASH_FREE = int(os.environ.get("EMULATOR_FLASH_FREE", str(8 * 1024 ** 3)))
FLASH_TOTAL = FLASH_FREE + 3 * 1024 ** 3
FLASH = os.path.join(emulator.STATE, "flash")
FS_NAME = "bootflash:" if ROUTER else "flash:"  # on routers flash: answers as bootflash: [DIR]

_state = {"pnp_busy": int(os.environ.get("EMULATOR_PNP_BUSY", "0")), "source": {}, "run_at_exit": []}
_applets = {}


# ---- exceptions, named as Guest Shell's cli module names them [GS16] ----

class CLIError(Exception):
    """Base of the module's errors."""


class CLICommandError(CLIError):
    def __init__(self, command, message):
        self.command = command
        self.message = '%s: There was a problem running the command: "%s"' % (message, command)
        CLIError.__init__(self, self.message)


class CLISyntaxError(CLICommandError):
    def __init__(self, command):
        CLICommandError.__init__(self, command, "SyntaxError")


class CLIConfigurationError(CLIError):
    def __init__(self, commands):
        self.commands = commands
        self.failed = [c for c in commands if not c.success]
        self.message = "ConfigError: There was a problem with %d commands while configuring the device." % len(self.failed)
        CLIError.__init__(self, self.message)


class _ExecutionFailure(CLIError):
    """17.x: what execute raises when a command fails; the class is not public, its text is [LOG1718]."""

    def __init__(self):
        CLIError.__init__(self, "CLI syntax error or execution Failure")


class _Errors(object):
    class cli_syntax_error(Exception):
        pass

    class cli_exec_error(Exception):
        pass


errors = _Errors


class _PnPModule(object):
    class PnPSocketError(Exception):
        def __init__(self, message):
            Exception.__init__(self, "SocketError: %s" % message)


class pnp(object):
    _pnp = _PnPModule


class ConfigResult(object):
    """One configuration line's result [GS16]; command carries the leading space the device echoes [LOG177]."""

    def __init__(self, success, command, line, output, notes):
        self.success = success
        self.command = command
        self.line = line
        self.output = output
        self.notes = notes

    def __str__(self):
        notes = " (%s)" % self.notes if self.notes else ""
        return "Line %d %s: %s%s%s" % (self.line, "SUCCESS" if self.success else "FAILURE", self.command, notes, self.output)


# ---- the device ----

def _pnp_check():
    """The first calls after boot fail while the PnP agent still holds the socket [PNP]."""
    if _state["pnp_busy"] > 0:
        _state["pnp_busy"] -= 1
        emulator.record("refused", "PnP agent holds the CLI socket")
        raise pnp._pnp.PnPSocketError("the PnP agent holds the CLI socket")


def _virtual_sleep(seconds):
    """The device's clock is virtual: a wait is recorded, not waited, so tests take no real 90 s."""
    emulator.record("sleep", "%g" % seconds)


# Jython's time module is a Java type, whose attributes bind like methods unless static.
time.sleep = staticmethod(_virtual_sleep) if sys.platform.startswith("java") else _virtual_sleep


def _abbreviation(name):
    match = re.match(r"([A-Za-z-]+)\s*([\d/.]+)$", name.strip())
    if not match:
        return name.strip().lower()
    return match.group(1)[:2].lower() + match.group(2)


def _same_interface(a, b):
    return a is not None and b is not None and _abbreviation(a) == _abbreviation(b)


def _flash(name):
    return os.path.join(FLASH, name.split(":", 1)[1].lstrip("/"))


def _flash_used():
    used = 0
    if os.path.isdir(FLASH):
        for entry in os.listdir(FLASH):
            used += os.path.getsize(os.path.join(FLASH, entry))
    return used


def _md5(path):
    with open(path, "rb") as f:
        return hashlib.md5(f.read()).hexdigest()


def _show_version():
    active = MEMBERS[0]
    image = "packages.conf" if BOOT_MODE == "INSTALL" else "cat9k_iosxe.%s.SPA.bin" % RELEASE
    if ROUTER:
        return ("Cisco IOS XE Software, Version %s\n"
                "Cisco IOS Software [Cupertino], ISR Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version %s, RELEASE SOFTWARE\n"
                "System image file is \"bootflash:%s\"\n"
                "cisco %s/K9 (1RU) processor with 1795979K/6147K bytes of memory.\n"
                "Processor board ID %s\n"
                "3 Gigabit Ethernet interfaces\n"
                "%dK bytes of flash memory at bootflash:.\n"
                "Configuration register is 0x2102\n") % (RELEASE, RELEASE, image, MODEL, active, FLASH_TOTAL // 1024)
    text = ("Cisco IOS XE Software, Version %s\n"
            "Cisco IOS Software [Cupertino], Catalyst L3 Switch Software (CAT9K_IOSXE), Version %s, RELEASE SOFTWARE\n"
            "System image file is \"flash:%s\"\n"
            "cisco %s (X86) processor with 1338934K/6147K bytes of memory.\n"
            "Processor board ID %s\n"
            "%dK bytes of Flash at flash:.\n\n"
            "Base Ethernet MAC Address          : 70:1f:53:00:00:01\n"
            "Model Number                       : %s\n"
            "System Serial Number               : %s\n\n"
            "Switch Ports Model              SW Version        SW Image              Mode\n"
            "------ ----- -----              ----------        ----------            ----\n") % (
        RELEASE, RELEASE, image, MODEL, active, FLASH_TOTAL // 1024, MODEL, active)
    for number in range(1, len(MEMBERS) + 1):
        text += "%s    %d 28    %-18s %-17s CAT9K_IOSXE           %s\n" % (
            "*" if number == 1 else " ", number, MODEL, RELEASE, BOOT_MODE)
    for number, serial in enumerate(MEMBERS[1:], 2):
        text += ("\n\nSwitch %02d\n---------\nSwitch uptime                      : 1 hour, 2 minutes\n"
                 "Model Number                       : %s\nSystem Serial Number               : %s\n") % (number, MODEL, serial)
    return text + "\nConfiguration register is 0x102\n"


def _show_inventory():
    if ROUTER:
        return ('NAME: "Chassis", DESCR: "Cisco %s Chassis"\nPID: %s/K9       , VID: V03  , SN: %s\n\n'
                'NAME: "Power Supply Module 0", DESCR: "450W AC Power Supply for Cisco ISR 4400"\n'
                'PID: XXX-PWR-450WAC     , VID: V01  , SN: PSU0000X001\n\n') % (MODEL, MODEL, MEMBERS[0])
    text = 'NAME: "c93xx Stack", DESCR: "c93xx Stack"\nPID: %-17s, VID: V02  , SN: %s\n\n' % (MODEL, MEMBERS[0])
    for number, serial in enumerate(MEMBERS, 1):
        text += 'NAME: "Switch %d", DESCR: "%s"\nPID: %-17s, VID: V02  , SN: %s\n\n' % (number, MODEL, MODEL, serial)
        text += ('NAME: "Switch %d - Power Supply A", DESCR: "Switch %d - Power Supply A"\n'
                 'PID: PWR-C1-350WAC     , VID: V01  , SN: LIT0000%04d\n\n') % (number, number, number)
    return text


def _show_vrf():
    return ("  Name                             Default RD            Protocols   Interfaces\n"
            "  %-32s <not set>             ipv4,ipv6   %s\n") % (MGMT_VRF, _short(MGMT_INTERFACE))


def _short(name):
    match = re.match(r"([A-Za-z]+)([\d/.]+)$", name)
    return match.group(1)[:2] + match.group(2) if match else name


def _dir(target):
    used = _flash_used()
    free = FLASH_FREE - used
    footer = "\n%d bytes total (%d bytes free)\n" % (FLASH_TOTAL, free)
    if target in ("flash:", "flash:/", FS_NAME):
        lines = ["Directory of %s/\n" % FS_NAME]
        for i, entry in enumerate(sorted(os.listdir(FLASH)) if os.path.isdir(FLASH) else [], 1):
            lines.append("%6d  -rw-  %12d  Jan 1 2024 00:00:00 +00:00  %s" % (i, os.path.getsize(os.path.join(FLASH, entry)), entry))
        return "\n".join(lines) + "\n" + footer
    path = _flash(target)
    name = target.split(":", 1)[1].lstrip("/")
    if not os.path.exists(path):
        return "%%Error opening %s/%s (No such file or directory)\n" % (FS_NAME, name)
    return "Directory of %s/%s\n\n    12  -rw-  %12d  Jan 1 2024 00:00:00 +00:00  %s\n%s" % (
        FS_NAME, name, os.path.getsize(path), name, footer)


def _through_management_port(scheme, vrf):
    """Whether a copy leaves through the management port: the 'vrf' keyword, or the protocol's
    source interface set to that port [VRF]."""
    if vrf is not None:
        return vrf.lower() == MGMT_VRF.lower()
    return _same_interface(_state["source"].get(scheme), MGMT_INTERFACE)


def _copy(url, target, vrf):
    scheme = url.split("://", 1)[0].lower()
    ztp_on_management_port = _same_interface(ZTP_INTERFACE, MGMT_INTERFACE)
    if _through_management_port(scheme, vrf) != ztp_on_management_port:
        # The management port is in its own VRF: the global table cannot reach a server behind it,
        # and the management VRF cannot reach one behind a front-panel port.
        return "%%Error opening %s (Timed out)\n" % url, False
    path = _flash(target)
    if not os.path.isdir(FLASH):
        os.makedirs(FLASH)
    try:
        emulator.download(url, path)
    except Exception as e:
        return "%%Error opening %s (%s)\n" % (url, e), False
    if _flash_used() > FLASH_FREE:
        os.remove(path)
        return "%%Error copying %s (No space left on device)\n" % url, False
    return "Accessing %s...\nLoading %s !!\n%d bytes copied in 0.1 secs\n" % (url, url, os.path.getsize(path)), True


def _run(command):
    """An exec command: (output, ok)."""
    if command == "show version":
        return _show_version(), True
    if command == "show inventory":
        return _show_inventory(), True
    if command == "show vrf":
        return _show_vrf(), True
    listing = re.match(r"dir (\S+)$", command)
    if listing:
        output = _dir(listing.group(1))
        return output, not output.startswith("%Error")
    more = re.match(r"more (flash:\S+)$", command)
    if more:
        path = _flash(more.group(1))
        if not os.path.exists(path):
            return "%%Error opening %s (No such file or directory)\n" % more.group(1), False
        with open(path) as f:
            return f.read(), True
    copy = re.match(r"copy (\S+://\S+) (flash:\S+)(?: vrf (\S+))?$", command)
    if copy:
        return _copy(copy.group(1), copy.group(2), copy.group(3))
    delete = re.match(r"delete /force (flash:\S+)$", command)
    if delete:
        path = _flash(delete.group(1))
        if not os.path.exists(path):
            return "%%Error deleting %s (No such file or directory)\n" % delete.group(1), False
        os.remove(path)
        return "", True
    verify = re.match(r"verify /md5 (flash:\S+) ([0-9a-fA-F]{32})$", command)
    if verify:
        path = _flash(verify.group(1))
        if not os.path.exists(path):
            return "%%Error verifying %s (No such file or directory)\n" % verify.group(1), False
        actual = _md5(path)
        if actual == verify.group(2).lower():
            return "..........Done!\nVerified (%s) = %s\n" % (verify.group(1), actual), True
        return "%%Error verifying %s\nComputed signature = %s\nSubmitted signature = %s\n" % (
            verify.group(1), actual, verify.group(2)), False
    if command in ("write memory", "copy running-config startup-config"):
        running = os.path.join(emulator.STATE, "running-config")
        with open(os.path.join(emulator.STATE, "startup-config"), "w") as startup:
            if os.path.exists(running):
                with open(running) as r:
                    startup.write(r.read())
        return "Building configuration...\n[OK]\n", True
    applet = re.match(r"event manager run (\S+)$", command)
    if applet:
        if applet.group(1) not in _applets:
            return "%%Error: applet %s not registered\n" % applet.group(1), False
        # The applet runs on its own, after this call returns; here: when the script has ended [EEM].
        _state["run_at_exit"].append(applet.group(1))
        return "", True
    if command.startswith("install "):
        # Run from the script, an install would reload the device under the running script.
        return "install_add_activate_commit: START\n", True
    return "", False


def _check_single(command):
    """Guest Shell's own checks before a command goes to IOS [GS16]."""
    if ";" in command or "\n" in command:
        raise CLICommandError(command, "You may not run multiple commands using execute()")
    if re.match(r"^(conf|confi|config|configu|configur|configure)$", command.strip()):
        raise CLICommandError(command, "You have to specify the configuration mode")


def execute(command):
    emulator.record("execute", command)
    _pnp_check()
    command = command.strip("\n")
    _check_single(command)
    output, ok = _run(command)
    if ok:
        return output.strip("\n")
    if EXECUTE_RAISES:
        raise _ExecutionFailure()
    if output == "":
        raise CLISyntaxError(command)
    return output.strip("\n")  # 16.x: a failed copy, more or delete says so in its output


def executep(command):
    try:
        text = execute(command)
        if text:
            print(text)
    except CLIError as e:
        print(e)


def cli(command):
    """Exec commands, several joined with ' ;' [GS16]; a failure raises, a %Error stays in the text."""
    emulator.record("cli", command)
    _pnp_check()
    outputs = []
    for part in [p.strip() for p in command.split(";")]:
        if not part:
            continue
        output, ok = _run(part)
        if not ok and output == "":
            raise errors.cli_syntax_error(part)
        outputs.append(output)
    return "".join(outputs)


def clip(command):
    print(cli(command))


def _track(line):
    """What the model keeps from configuration: source interfaces and EEM applets."""
    bare = line.strip()
    source = re.match(r"(no )?ip (http client|tftp) source-interface ?(\S*)$", bare)
    if source:
        scheme = "http" if source.group(2) == "http client" else "tftp"
        if source.group(1):
            _state["source"].pop(scheme, None)
        else:
            _state["source"][scheme] = source.group(3)
        return
    applet = re.match(r"(no )?event manager applet (\S+)(?: authorization bypass)?$", bare)
    if applet:
        if applet.group(1):
            _applets.pop(applet.group(2), None)
            _state["applet"] = None
        else:
            _applets[applet.group(2)] = []
            _state["applet"] = applet.group(2)
        return
    current = _state.get("applet")
    if current and (bare.startswith("event ") or bare.startswith("action ")):
        _applets[current].append(bare)
    else:
        _state["applet"] = None


def configure(configuration):
    if not isinstance(configuration, (list, tuple)):
        configuration = configuration.splitlines()
    if not configuration:
        return []
    _pnp_check()
    results = []
    path = os.path.join(emulator.STATE, "running-config")
    running = []
    if os.path.exists(path):
        with open(path) as f:
            running = f.read().splitlines()
    for number, line in enumerate(configuration, 1):
        emulator.record("configure", line)
        if line.strip() in REFUSE:
            results.append(ConfigResult(False, " " + line.strip(), number,
                                        "\n**CLI Line %d:%s^" % (number, " " * 20), ""))
            continue
        undone = line[3:].strip() if line.startswith("no ") else None
        if undone is not None and undone in running:
            running.remove(undone)  # a global "no X" takes X out of the running-config
        else:
            running.append(line)
        _track(line)
        results.append(ConfigResult(True, " " + line.strip(), number, "", ""))
    with open(path, "w") as f:
        f.write("".join(l + "\n" for l in running))
    if CONFIGURE_RETURNS_TEXT:
        return "\n".join(str(r) for r in results) + "\n"
    if not all(r.success for r in results):
        raise CLIConfigurationError(results)
    return results


def configurep(configuration):
    try:
        result = configure(configuration)
        print(result if isinstance(result, str) else "\n".join(str(r) for r in result))
    except CLIConfigurationError as e:
        print(e.message)
        for c in e.commands:
            print(c)


def _run_applets_after_the_script():
    """EEM runs the applets started with 'event manager run' on its own; here, once the script ended."""
    for name in _state["run_at_exit"]:
        for action in _applets.get(name, []):
            command = re.match(r'action \S+ cli command "(.*)"', action)
            if not command:
                emulator.record("eem", "%s: %s" % (name, action))
                continue
            text = command.group(1)
            emulator.record("eem", "%s: %s" % (name, text))
            install = re.match(r"install add file (flash:\S+) activate commit", text)
            if install:
                path = _flash(install.group(1))
                outcome = "installed %s" % install.group(1) if os.path.exists(path) and BOOT_MODE == "INSTALL" \
                    else "install failed: %s" % ("no such file" if not os.path.exists(path) else "not in install mode")
                emulator.record("eem", "%s: %s" % (name, outcome))


atexit.register(_run_applets_after_the_script)
