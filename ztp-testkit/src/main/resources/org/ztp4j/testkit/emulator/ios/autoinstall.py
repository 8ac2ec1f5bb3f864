"""Cisco IOS AutoInstall as a router or switch without a startup-config runs it, over TFTP, each
file name in lower case. Sources, summarised in docs/platforms.md of the ztp4j repository:

  [3560] Cisco Catalyst 3560 software configuration guide, "Assigning the Switch IP Address and
         Default Gateway" (summarised in github.com/ubaumann/CiscoKnowHowDB,
         commandGuide/c3560/Assigning_the_Switch_IP_Address_and_Default_Gateway/index.md);
  [AI2524] the AI2524 router card manual (IOS), chapter 5 "Using AutoInstall";
  [VLAN1] the log of an ISR C1117 on 17.6.3a running AutoInstall ("Autoinstall trying DHCPv4 on
         Vlan1", "Acquired IPv4 address ... on Interface Vlan1", "%DHCP-6-ADDRESS_ASSIGN: Interface
         Vlan1 assigned DHCP address ..., mask ...");
  [OVERLAP] IOS refuses an interface address whose subnet overlaps another interface's, naming the
         new address's subnet and the other interface: "% 192.168.1.0 overlaps with
         FastEthernet0/0" (n-study.com, "Cisco IP address configuration"); interfaces in different
         VRFs may overlap (the same message, and its absence under VRF-lite, in a CCNA course's VRF
         slides on slideshare.net, "ccna300-201day-54-part-3-slides-vrf").

What the model does:
  1. the file option 67 names, when the offer names one (a host-specific config) [3560];
  2. otherwise network-confg, then cisconet.cfg only when network-confg cannot be read [3560]; the
     one read holds `ip host NAME ADDRESS` lines and the device takes as its host name the NAME whose
     ADDRESS is its own; when none is, the host name option 12 of the DHCP reply gave, else the
     default host name (`Switch`) [3560];
  3. then NAME-confg (after network-confg), or NAME cut to 8 characters + .cfg (after
     cisconet.cfg) [3560][AI2524];
  4. when no host config could be read: router-confg, then ciscortr.cfg [3560][AI2524].
The device got its address by DHCP on one interface (Vlan1 on switches and on ISRs with switch
ports [VLAN1]), and the config read is applied to it line by line, as configuration mode does: a
line IOS refuses is reported on the console and skipped, and the next line applies [OVERLAP].
The configuration is merged into running-config and never saved (the device saves only when the
config says so) [3560].

Simplified: a server that does not answer is asked three times, with no broadcast round, no DNS
reverse lookup and no repeat of the whole cycle; only interface addressing and VRFs are modelled
in configuration mode (every other accepted line is written to running-config as it is).

Environment (all optional): EMULATOR_AUTOINSTALL_INTERFACE, the interface that got the DHCP
address (default Vlan1); EMULATOR_DHCP_MASK, its mask (default 255.255.255.0); EMULATOR_DHCP_HOSTNAME,
option 12 of the DHCP reply; EMULATOR_DEFAULT_HOSTNAME (default Switch); EMULATOR_TFTP_LOST, files
(comma-separated) whose requests and answers are lost on the way, as on a lossy link, so the device
gets no answer for them (a test condition, not a device behaviour: it sends a device down the
cisconet.cfg path). The device's address is the one it runs from (device.py's source address).
Test code only; it talks to servers on loopback or in the test's own namespaces."""
from __future__ import print_function

import os
import re

import ztp4j_emulator

KIND = "ios"


def _fetch(server, port, name):
    """One file, asked three times when the server is silent; None when it is not there."""
    # a name with folders in it (option 67's t/<token>/<file>) lands as one file in the emulator's state
    target = os.path.join(ztp4j_emulator.STATE, "tftp-" + name.replace("/", "_"))
    if name in [f.strip() for f in os.environ.get("EMULATOR_TFTP_LOST", "").split(",")]:
        ztp4j_emulator.record(KIND, "tftp %s: no answer" % name)
        return None
    for attempt in range(3):
        try:
            ztp4j_emulator.tftp_get(server, port, name, target)
            ztp4j_emulator.record(KIND, "tftp %s: read" % name)
            with open(target) as f:
                return f.read()
        except IOError as failure:
            if str(failure) != "TFTP timed out":
                # an answer, but not the file (a TFTP error), or a request that could not be sent
                ztp4j_emulator.record(KIND, "tftp %s: %s" % (name, failure))
                return None
            # no answer at all (tftp_get's own retries ran out): ask again
    ztp4j_emulator.record(KIND, "tftp %s: no answer" % name)
    return None


def _own_host_name(network_config, own_address):
    for line in network_config.splitlines():
        found = re.match(r"\s*ip host (\S+) (.+)$", line)
        if found and own_address in found.group(2).split():
            return found.group(1)
    return None


def _quad(text):
    """'10.0.0.1' -> its 32-bit value."""
    parts = [int(p) for p in text.split(".")]
    if len(parts) != 4 or any(p < 0 or p > 255 for p in parts):
        raise ValueError(text)
    return (parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]


def _dotted(value):
    return "%d.%d.%d.%d" % ((value >> 24) & 255, (value >> 16) & 255, (value >> 8) & 255, value & 255)


def _key(interface):
    """'Vlan1', 'vlan 1' and 'VLAN1' are one interface."""
    return interface.replace(" ", "").lower()


class Device(object):
    """The interfaces and their addresses, as configuration mode changes them."""

    def __init__(self, dhcp_interface, own_address, dhcp_mask):
        # name, address, mask, VRF (None: the global table) per interface
        self.interfaces = {}
        self.order = []
        self._interface(dhcp_interface)
        self.interfaces[_key(dhcp_interface)].update(address=_quad(own_address), mask=_quad(dhcp_mask))
        self.refused = []

    def _interface(self, name):
        key = _key(name)
        if key not in self.interfaces:
            self.interfaces[key] = {"name": name, "address": None, "mask": None, "vrf": None}
            self.order.append(key)
        return key

    def _address(self, key, address, mask):
        """None when IOS takes the address, else the message it prints [OVERLAP]."""
        mine = self.interfaces[key]
        for other_key in self.order:
            other = self.interfaces[other_key]
            if other_key == key or other["address"] is None or other["vrf"] != mine["vrf"]:
                continue
            common = mask & other["mask"]  # the shorter of the two prefixes
            if address & common == other["address"] & common:
                return "%% %s overlaps with %s" % (_dotted(address & mask), other["name"])
        mine.update(address=address, mask=mask)
        return None

    def apply(self, config):
        """Applies a config line by line; returns the lines taken, in order."""
        taken = []
        current = None
        for raw in config.splitlines():
            line = raw.rstrip()
            if not line.strip() or line.lstrip().startswith("!"):
                continue
            if not line.startswith(" "):
                found = re.match(r"interface\s+(.+)$", line)
                current = self._interface(found.group(1).strip()) if found else None
            elif current is not None:
                words = line.split()
                if words[:2] == ["ip", "address"] and len(words) >= 4 and words[2] != "dhcp":
                    error = self._address(current, _quad(words[2]), _quad(words[3]))
                    if error:
                        self.refused.append((line.strip(), error))
                        ztp4j_emulator.record(KIND, "refused '%s': %s" % (line.strip(), error))
                        print(error)
                        continue
                elif words[:3] == ["no", "ip", "address"]:
                    self.interfaces[current].update(address=None, mask=None)
                elif words[:2] == ["vrf", "forwarding"] and len(words) == 3:
                    self.interfaces[current]["vrf"] = words[2]
            taken.append(line)
        return taken

    def brief(self):
        """One line per interface: name, then address and mask or 'unassigned' (for the test to read)."""
        lines = []
        for key in self.order:
            i = self.interfaces[key]
            where = "" if i["vrf"] is None else " vrf " + i["vrf"]
            if i["address"] is None:
                lines.append("%s unassigned%s" % (i["name"], where))
            else:
                lines.append("%s %s %s%s" % (i["name"], _dotted(i["address"]), _dotted(i["mask"]), where))
        return "\n".join(lines) + "\n"


def _merge(device, config):
    """Merges a config into running-config as IOS does (comments skipped, refused lines left out)."""
    taken = device.apply(config)
    with open(os.path.join(ztp4j_emulator.STATE, "running-config"), "a") as running:
        for line in taken:
            running.write(line + "\n")
    with open(os.path.join(ztp4j_emulator.STATE, "ip-interfaces"), "w") as interfaces:
        interfaces.write(device.brief())
    ztp4j_emulator.record(KIND, "merged %d lines into running-config" % len(taken))


def autoinstall(server, port, own_address, bootfile=None):
    """Runs the AutoInstall sequence; returns the name of the host config applied, or None."""
    device = Device(os.environ.get("EMULATOR_AUTOINSTALL_INTERFACE", "Vlan1"), own_address,
                    os.environ.get("EMULATOR_DHCP_MASK", "255.255.255.0"))
    if bootfile:
        config = _fetch(server, port, bootfile.lower())
        if config is not None:
            _merge(device, config)
            return bootfile.lower()
    for network_file, host_file in (("network-confg", "%s-confg"), ("cisconet.cfg", "%s.cfg")):
        network = _fetch(server, port, network_file)
        if network is None:
            continue
        host_name = (_own_host_name(network, own_address) or os.environ.get("EMULATOR_DHCP_HOSTNAME")
                     or os.environ.get("EMULATOR_DEFAULT_HOSTNAME", "Switch")).lower()
        if network_file == "cisconet.cfg":
            host_name = host_name[:8]
        name = host_file % host_name
        config = _fetch(server, port, name)
        if config is not None:
            _merge(device, config)
            return name
        break
    for default in ("router-confg", "ciscortr.cfg"):
        config = _fetch(server, port, default)
        if config is not None:
            _merge(device, config)
            return default
    return None
