"""Aruba AOS-CX Zero Touch Provisioning as a switch with its factory default configuration runs
it, from the DHCP answer on. Sources, summarised in docs/platforms.md of the ztp4j repository:

  [ZTP]  Aruba, AOS-CX Fundamentals Guide 10.04 and 10.06, "ZTP support": IPv4 only; option 66 is
         the TFTP server's IPv4 address (a host name is not supported); option 67 the configuration
         file's name; option 43 sub-option 144 the configuration file (it wins over option 67) and
         145 the firmware image; the file, CLI or JSON, becomes the startup and running configuration;
  [SHOW] Aruba, AOS-CX 10.03 Command-Line Interface Guide, "show ztp information": the offer's
         TFTP server, image and configuration file names and the operation's status;
  [MGMT] Aruba, AOS-CX 10.03 CLI guide, "ip static" and "default-gateway" (context config-if-mgmt):
         an IPv4 default gateway can only be configured after a static IPv4 address.

What the model does: takes the TFTP server from option 66 (refusing a name that is not an IPv4
address), the configuration file from sub-option 144, else option 67, and the image from
sub-option 145; downloads the image when there is one (recorded as installed), then the
configuration file over TFTP, and applies it line by line as the CLI's configuration mode does: a
line the CLI refuses is reported ("% Invalid input" and the like) and left out, the next applies.
Then the result is saved as startup-config and is the running-config [ZTP]. The status, as
[SHOW] names it, goes to the state file ztp-status.

Modelled commands: hostname; user NAME group (administrators|operators|auditors) password
plaintext PW; ssh server vrf VRF; interface mgmt, with no shutdown / shutdown, ip static A/M,
default-gateway A (only after ip static [MGMT]); interface and vlan blocks otherwise taken as
they are; a few top-level words taken as they are (ntp, snmp-server, logging, banner, vrf, aaa,
clock, lldp, ip, https-server, radius-server, tacacs-server, router, vsx); anything else refused.
Simplified: no JSON configuration files, no HTTP proxy or Central sub-options (146, 148), and the
image is not checked or booted. The order image, then configuration is the model's.

Writes, in the state folder: running-config, startup-config, mgmt-interface (admin state, address,
gateway), users (name and group), ztp-status, commands.log. Test code only."""
from __future__ import print_function

import os
import re

import ztp4j_emulator

KIND = "aoscx"
OTHER_TOP_LEVEL = ("ntp", "snmp-server", "logging", "banner", "vrf", "aaa", "clock", "lldp", "ip", "https-server",
                   "radius-server", "tacacs-server", "router", "vsx", "vlan", "no")
IPV4 = re.compile(r"^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$")


class Switch(object):
    def __init__(self):
        self.hostname = "switch"
        self.users = {}
        self.ssh_vrfs = []
        self.mgmt = {"admin": "down", "address": None, "gateway": None}
        self.taken = []

    def refuse(self, line, why):
        ztp4j_emulator.record(KIND, "refused '%s': %s" % (line.strip(), why))
        print(why)

    def apply(self, config):
        context = None
        for raw in config.splitlines():
            line = raw.rstrip()
            if not line.strip() or line.lstrip().startswith("!"):
                continue
            words = line.split()
            if not raw[0].isspace():
                context = None
                if words[0] == "interface":
                    context = "mgmt" if words[1:] == ["mgmt"] else "interface"
                elif words[0] == "hostname" and len(words) == 2:
                    self.hostname = words[1]
                elif words[0] == "user":
                    error = self._user(words)
                    if error:
                        self.refuse(line, error)
                        continue
                elif words[:3] == ["ssh", "server", "vrf"] and len(words) == 4:
                    self.ssh_vrfs.append(words[3])
                elif words[0] not in OTHER_TOP_LEVEL:
                    self.refuse(line, "% Invalid input: " + words[0])
                    continue
            elif context == "mgmt":
                error = self._mgmt(words)
                if error:
                    self.refuse(line, error)
                    continue
            elif context is None:
                self.refuse(line, "% Invalid input: '%s' outside a context" % line.strip())
                continue
            self.taken.append(line)

    def _user(self, words):
        # user NAME group GROUP password plaintext PW
        if len(words) != 7 or words[2] != "group" or words[4:6] != ["password", "plaintext"]:
            return "% Invalid input: user NAME group GROUP password plaintext PASSWORD"
        if words[3] not in ("administrators", "operators", "auditors"):
            return "% Group %s does not exist" % words[3]
        self.users[words[1]] = words[3]
        return None

    def _mgmt(self, words):
        if words == ["no", "shutdown"]:
            self.mgmt["admin"] = "up"
        elif words == ["shutdown"]:
            self.mgmt["admin"] = "down"
        elif words[:2] == ["ip", "static"] and len(words) == 3:
            address, _, mask = words[2].partition("/")
            if not IPV4.match(address) or not mask.isdigit() or int(mask) > 32:
                return "% Invalid IPv4 address: " + words[2]
            self.mgmt["address"] = words[2]
        elif words[0] == "default-gateway" and len(words) == 2:
            if self.mgmt["address"] is None:
                return "% A static IPv4 address must be configured before the default gateway"
            self.mgmt["gateway"] = words[1]
        else:
            return "% Invalid input: " + " ".join(words)
        return None


def _status(text):
    with open(os.path.join(ztp4j_emulator.STATE, "ztp-status"), "w") as f:
        f.write(text + "\n")


def sub_options(option43):
    found = {}
    i = 0
    while i + 2 <= len(option43):
        code, length = option43[i], option43[i + 1]
        found[code] = option43[i + 2:i + 2 + length].decode("ascii")
        i += 2 + length
    return found


def ztp(option66, option67, option43, port):
    """Runs ZTP from the DHCP answer; returns 0 when the switch took a configuration."""
    subs = sub_options(option43 or b"")
    ztp4j_emulator.record(KIND, "dhcp: 66=%s 67=%s 43=%s" % (option66 or "-", option67 or "-",
                                                             " ".join("%d=%s" % (k, subs[k]) for k in sorted(subs)) or "-"))
    if not option66 or not IPV4.match(option66):
        ztp4j_emulator.record(KIND, "option 66 '%s' is not an IPv4 address" % (option66 or ""))
        _status("Failed - no TFTP server address")
        return 1
    config_name = subs.get(144) or option67
    image = subs.get(145)
    flash = os.environ.get("ZTP4J_BOOTFLASH", ".")
    try:
        if image:
            ztp4j_emulator.record(KIND, "tftp %s" % image)
            ztp4j_emulator.tftp_get(option66, port, image, os.path.join(flash, os.path.basename(image)))
            ztp4j_emulator.record(KIND, "image %s installed" % image)
        if not config_name:
            _status("Success")
            return 0
        target = os.path.join(flash, "ztp-config")
        ztp4j_emulator.record(KIND, "tftp %s" % config_name)
        ztp4j_emulator.tftp_get(option66, port, config_name, target)
    except IOError as failure:
        ztp4j_emulator.record(KIND, "failed: %s" % failure)
        _status("Failed - %s" % failure)
        return 1
    with open(target) as f:
        config = f.read()
    switch = Switch()
    switch.apply(config)
    text = "\n".join(switch.taken) + "\n"
    for name in ("running-config", "startup-config"):
        with open(os.path.join(ztp4j_emulator.STATE, name), "w") as out:
            out.write(text)
    with open(os.path.join(ztp4j_emulator.STATE, "mgmt-interface"), "w") as out:
        out.write("hostname %s\nadmin %s\naddress %s\ngateway %s\nssh vrf %s\n" % (
            switch.hostname, switch.mgmt["admin"], switch.mgmt["address"], switch.mgmt["gateway"], ",".join(switch.ssh_vrfs)))
    with open(os.path.join(ztp4j_emulator.STATE, "users"), "w") as out:
        for name in sorted(switch.users):
            out.write("%s %s\n" % (name, switch.users[name]))
    ztp4j_emulator.record(KIND, "applied %d lines, saved to startup-config" % len(switch.taken))
    _status("Success")
    print("aoscx: ZTP success")
    return 0
