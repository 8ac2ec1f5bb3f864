"""Juniper Junos Zero Touch Provisioning as a device with its factory-default configuration runs
it, from the DHCP answer on. Sources, summarised in docs/platforms.md of the ztp4j repository:

  [ZTP]   Juniper, "Zero Touch Provisioning" and "Zero Touch Provisioning Using DHCP Options"
          (Junos OS Software Installation and Upgrade Guide): option 43 sub-options 00 image file
          name, 01 configuration file name, 02 image file type, 03 transfer mode (tftp, ftp, http),
          04 alternate image file name, 05 HTTP port; the file server in option 150, else option 66;
          the image is installed first, then the configuration file is fetched and committed;
  [DHCPD] published ISC dhcpd configurations for Junos ZTP (github.com/openfibernet/juniper-ztp
          dhcpd.conf, gist 33Fraise33/709d2535cf5199cf4f02326ae402f778): the same sub-option codes,
          every value text, the HTTP port as text;
  [ROOT]  Juniper, "Root Password Overview" (Junos OS Getting Started): a device without a root
          password cannot commit a configuration;
  [PASS]  Juniper CLI reference, encrypted-password: given in quotation marks, not blank;
  [SCRIPT] Juniper, "Zero Touch Provisioning" (Junos OS Evolved Software Installation and Upgrade
          Guide), "Provisioning a Device Using a Script": a file whose first line is #! and an
          interpreter path is run as a script with that interpreter; "Scripts Supported During
          ZTP": #!/bin/sh and #!/usr/libexec/ui/cscript (SLAX) on all devices, #!/usr/bin/python on
          Junos OS with Enhanced Automation and Junos OS Evolved;
  [SHELL] published Junos ZTP shell scripts (wikimedia/operations-puppet ztp-juniper.sh.erb,
          Juniper's Apstra junos_custom.sh example): #!/bin/sh, the CLI through cli -c "...".

What the model does: reads option 43's sub-options (code, length, value), takes the server from
option 150, else 66; downloads the image (sub-option 0) when there is one, then the configuration
file (sub-option 1) over the transfer mode (sub-option 3: tftp, or http at the port of sub-option
5, 80 without it); then loads the file as a whole configuration and commits it. The commit check
is the model's core: the text must parse as Junos's hierarchical configuration (statements of
words ended by ';' or opening a '{' block closed by '}', quoted strings, /* */ and # comments),
every top-level statement must be one Junos has, and [edit system root-authentication] must be
set [ROOT]; encrypted-password values must be quoted and not blank [PASS]. A configuration that
fails the check is not committed: the device keeps its factory-default configuration (and a real
one tries ZTP again).

A configuration file whose first line is #! is a script [SCRIPT]: a #!/bin/sh script runs under
this machine's POSIX sh, in the flash folder, with the model's Junos CLI (bin/cli: the cli -c
commands it lists, the commit check above behind its commit) before the machine's own commands on
its PATH (curl among them; it runs where the device runs, so in a test's network namespace its
requests come from the device's address, on loopback from 127.0.0.1); its exit code is the run's,
and what it committed is what running-config and junos-state show. SLAX and Python scripts are not run (recorded as not
modelled, a failure), nor is any other interpreter, which the table does not list.

Simplified: no ftp transfer, no alternate image (sub-option 4) and no image file type (2); an
image is downloaded and recorded as installed, without a reboot; the default transfer mode when
sub-option 3 is absent is not modelled (the model refuses such an offer); what Junos ZTP does
after a script exits non-zero (retry or stop) is not modelled: the run ends with that exit code.

Writes, in the state folder: running-config (the committed text), junos-state (host name,
interface addresses, static routes, users; one per line for the tests to read), commands.log.
Test code only; it talks to servers on loopback or in the test's own namespaces."""
from __future__ import print_function

import os
import re
import stat
import subprocess

import ztp4j_emulator

HERE = os.path.dirname(os.path.abspath(__file__))

KIND = "junos"

TOP_LEVEL = ("version", "groups", "apply-groups", "system", "chassis", "services", "security", "interfaces",
             "snmp", "forwarding-options", "event-options", "routing-options", "protocols", "policy-options",
             "class-of-service", "firewall", "routing-instances", "vlans", "access", "poe", "virtual-chassis",
             "switch-options", "multi-chassis", "bridge-domains", "applications", "ethernet-switching-options")


class CommitError(Exception):
    pass


def sub_options(option43):
    """The sub-options of option 43's bytes: {code: text}."""
    found = {}
    i = 0
    while i < len(option43):
        if i + 2 > len(option43):
            raise CommitError("option 43: a sub-option is cut short")
        code, length = option43[i], option43[i + 1]
        value = option43[i + 2:i + 2 + length]
        if len(value) != length:
            raise CommitError("option 43: sub-option %d is cut short" % code)
        found[code] = value.decode("ascii")
        i += 2 + length
    return found


def _tokens(text):
    """Words, quoted strings, '{', '}' and ';', with their line numbers; comments dropped."""
    tokens = []
    i, line, n = 0, 1, len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            i += 1
        elif c.isspace():
            i += 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            if end < 0:
                raise CommitError("line %d: comment not closed" % line)
            line += text.count("\n", i, end)
            i = end + 2
        elif c == "#":
            while i < n and text[i] != "\n":
                i += 1
        elif c in "{};":
            tokens.append((c, line))
            i += 1
        elif c == '"':
            end = i + 1
            while end < n and text[end] != '"':
                end += 2 if text[end] == "\\" else 1
            if end >= n:
                raise CommitError("line %d: quoted string not closed" % line)
            tokens.append((text[i:end + 1], line))
            line += text.count("\n", i, end)
            i = end + 1
        else:
            end = i
            while end < n and not text[end].isspace() and text[end] not in '{};"':
                end += 1
            tokens.append((text[i:end], line))
            i = end
    return tokens


def parse(text):
    """Parses a hierarchical configuration: a list of (words, children or None)."""
    tokens = _tokens(text)
    pos = [0]

    def block(depth):
        statements = []
        words = []
        while pos[0] < len(tokens):
            token, line = tokens[pos[0]]
            pos[0] += 1
            if token == ";":
                if not words:
                    raise CommitError("line %d: syntax error, ';' without a statement" % line)
                statements.append((words, None))
                words = []
            elif token == "{":
                if not words:
                    raise CommitError("line %d: syntax error, '{' without a statement" % line)
                statements.append((words, block(depth + 1)))
                words = []
            elif token == "}":
                if depth == 0:
                    raise CommitError("line %d: syntax error, '}' without its '{'" % line)
                if words:
                    raise CommitError("line %d: syntax error, '%s' is not ended by ';'" % (line, " ".join(words)))
                return statements
            else:
                words.append(token)
        if words:
            raise CommitError("syntax error at the end: '%s' is not ended by ';'" % " ".join(words))
        if depth > 0:
            raise CommitError("syntax error at the end: a '{' is not closed by '}'")
        return statements

    return block(0)


def _find(statements, *path):
    """The children of the statement reached by path (first words), or None."""
    current = statements
    for name in path:
        nxt = None
        for words, children in current or []:
            if words[0] == name and children is not None:
                nxt = children
                break
        if nxt is None:
            return None
        current = nxt
    return current


def _leaf(statements, name):
    for words, children in statements or []:
        if words[0] == name and children is None:
            return words[1:]
    return None


def commit_check(config):
    statements = parse(config)
    for words, _ in statements:
        if words[0] not in TOP_LEVEL:
            raise CommitError("syntax error: '%s' is not a top-level statement" % words[0])
    _check_passwords(statements)
    root = _find(statements, "system", "root-authentication")
    if not root:
        raise CommitError("[edit system] 'root-authentication': Missing mandatory statement (no root password)")
    return statements


# Statements that take exactly one value and no block, as Junos's schema has them.
ONE_VALUE = ("host-name", "encrypted-password", "class", "domain-name", "time-zone")


def _check_passwords(statements):
    for words, children in statements:
        if words[0] in ONE_VALUE and (children is not None or len(words) != 2):
            raise CommitError("syntax error: '%s' takes one value and ends with ';'" % " ".join(words))
        if words[0] == "encrypted-password" and children is None:
            if len(words) != 2 or not words[1].startswith('"') or len(words[1]) <= 2:
                raise CommitError("encrypted-password must be one quoted, non-blank value")
        if children:
            _check_passwords(children)


def state_of(statements):
    """Host name, addresses, routes and users of a committed configuration."""
    lines = []
    host = _leaf(_find(statements, "system"), "host-name")
    lines.append("host-name %s" % (host[0] if host else ""))
    for words, children in _find(statements, "interfaces") or []:
        for unit_words, unit in children or []:
            for fam_words, fam in unit or []:
                if fam_words[:2] == ["family", "inet"]:
                    for addr_words, _ in fam or []:
                        if addr_words[0] == "address":
                            lines.append("interface %s.%s %s" % (words[0], unit_words[1], addr_words[1]))
    for prefix, instance in [("", _find(statements, "routing-options", "static"))] + [
            ("instance %s " % w[0], _find(c, "routing-options", "static")) for w, c in _find(statements, "routing-instances") or []]:
        for words, _ in instance or []:
            if words[0] == "route":
                lines.append("%sroute %s" % (prefix, " ".join(words[1:])))
    for words, children in _find(statements, "system", "login") or []:
        if words[0] == "user":
            klass = _leaf(children, "class")
            lines.append("user %s class %s" % (words[1], klass[0] if klass else ""))
    if _find(statements, "system", "services") is not None:
        for words, _ in _find(statements, "system", "services"):
            lines.append("service %s" % words[0])
    return "\n".join(lines) + "\n"


def _fetch(mode, server, port, name, target):
    if mode == "tftp":
        url = "tftp://%s:%d/%s" % (server, port, name)
    elif mode == "http":
        url = "http://%s:%d/%s" % (server, port, name)
    else:
        raise CommitError("transfer mode %r is not modelled" % mode)
    ztp4j_emulator.record(KIND, "fetch %s" % url)
    ztp4j_emulator.download(url, target)


def ztp(option150, option66, option43, tftp_port):
    """Runs ZTP from the DHCP answer; returns 0 when a configuration was committed."""
    try:
        subs = sub_options(option43)
    except (CommitError, UnicodeDecodeError) as failure:
        ztp4j_emulator.record(KIND, "dhcp: %s" % failure)
        return 1
    ztp4j_emulator.record(KIND, "dhcp option 43: %s" % " ".join("%d=%s" % (k, subs[k]) for k in sorted(subs)))
    server = option150 or option66
    if not server:
        ztp4j_emulator.record(KIND, "dhcp: no file server (options 150 and 66 absent)")
        return 1
    mode = subs.get(3)
    if mode is None:
        ztp4j_emulator.record(KIND, "dhcp: no transfer mode (sub-option 3)")
        return 1
    port = tftp_port if mode == "tftp" else int(subs.get(5, "80"))
    flash = os.environ.get("ZTP4J_BOOTFLASH", ".")
    try:
        if 0 in subs:
            image = os.path.join(flash, os.path.basename(subs[0]))
            _fetch(mode, server, port, subs[0], image)
            ztp4j_emulator.record(KIND, "image %s installed" % subs[0])
        if 1 not in subs:
            ztp4j_emulator.record(KIND, "no configuration file (sub-option 1)")
            return 0 if 0 in subs else 1
        target = os.path.join(flash, "ztp-config")
        _fetch(mode, server, port, subs[1], target)
        with open(target) as f:
            config = f.read()
        if config.startswith("#!"):
            return run_script(target, config.split("\n", 1)[0][2:].strip(), flash)
        statements = commit_check(config)
    except (CommitError, IOError, ValueError) as failure:
        ztp4j_emulator.record(KIND, "commit failed: %s" % failure)
        print("junos: ZTP failed: %s" % failure)
        return 1
    with open(os.path.join(ztp4j_emulator.STATE, "running-config"), "w") as running:
        running.write(config)
    with open(os.path.join(ztp4j_emulator.STATE, "junos-state"), "w") as out:
        out.write(state_of(statements))
    ztp4j_emulator.record(KIND, "commit complete")
    print("junos: commit complete")
    return 0


def run_script(path, interpreter, folder):
    """Runs the configuration file as the script its first line names [SCRIPT]; returns its exit code."""
    words = interpreter.split()
    name = words[0] if words else ""
    if name != "/bin/sh":
        why = {"/usr/libexec/ui/cscript": "SLAX scripts are not modelled",
               "/usr/bin/python": "Python scripts are not modelled"}.get(name, "not an interpreter ZTP runs")
        ztp4j_emulator.record(KIND, "script #!%s: %s" % (interpreter, why))
        print("junos: ZTP failed: #!%s: %s" % (interpreter, why))
        return 1
    os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR)
    env = dict(os.environ)
    env["PATH"] = os.path.join(HERE, "bin") + os.pathsep + env.get("PATH", "/usr/bin:/bin")
    env["TMPDIR"] = folder  # the device's own /var/tmp
    ztp4j_emulator.record(KIND, "script #!/bin/sh %s" % os.path.basename(path))
    code = subprocess.call(["/bin/sh", path], env=env, cwd=folder)
    ztp4j_emulator.record(KIND, "script exit %d" % code)
    if code != 0:
        print("junos: ZTP failed: the script exited %d" % code)
    return code
