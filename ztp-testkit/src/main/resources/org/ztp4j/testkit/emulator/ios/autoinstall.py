"""Cisco IOS AutoInstall as a router or switch without a startup-config runs it: TFTP requests in
the order Cisco's guides give (Catalyst 2950 and 9200 configuration guides, the AI2524 manual; see
docs/platforms.md in the ztp4j repository), each file name in lower case.

  1. the file option 67 names, when the offer names one (a host-specific config);
  2. otherwise network-confg, then cisconet.cfg; the first one read holds `ip host NAME ADDRESS`
     lines, and the device takes as its host name the NAME whose ADDRESS is its own;
  3. then NAME-confg (after network-confg) or NAME cut to 8 characters + .cfg (after cisconet.cfg);
  4. when no host config could be read: router-confg, then ciscortr.cfg.

The config read is merged into running-config and never saved (the device saves only when the
config says so). A file the server does not have is answered with a TFTP error and the device
moves on; a server that does not answer is asked three times before the device moves on.
Test code only; it talks to servers on loopback or in the test's own namespaces."""
from __future__ import print_function

import os
import re

import ztp4j_emulator

KIND = "ios"


def _fetch(server, port, name):
    """One file, asked three times when the server is silent; None when it is not there."""
    target = os.path.join(ztp4j_emulator.STATE, "tftp-" + name)
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


def _merge(config):
    """Applies a config to running-config as IOS does: line by line, comments skipped."""
    path = os.path.join(ztp4j_emulator.STATE, "running-config")
    with open(path, "a") as running:
        for line in config.splitlines():
            if line.strip() and not line.lstrip().startswith("!"):
                running.write(line.rstrip() + "\n")
    ztp4j_emulator.record(KIND, "merged %d lines into running-config" % len(config.splitlines()))


def autoinstall(server, port, own_address, bootfile=None):
    """Runs the AutoInstall sequence; returns the name of the host config applied, or None."""
    if bootfile:
        config = _fetch(server, port, bootfile.lower())
        if config is not None:
            _merge(config)
            return bootfile.lower()
    host_name = None
    for network_file, host_file in (("network-confg", "{}-confg"), ("cisconet.cfg", "{:.8}.cfg")):
        network = _fetch(server, port, network_file)
        if network is None:
            continue
        host_name = _own_host_name(network, own_address)
        if host_name is not None:
            name = host_file.format(host_name.lower())
            config = _fetch(server, port, name)
            if config is not None:
                _merge(config)
                return name
        break
    for default in ("router-confg", "ciscortr.cfg"):
        config = _fetch(server, port, default)
        if config is not None:
            _merge(config)
            return default
    return None
