#!/usr/bin/env python3
# ztp4j provisioning script for {{hostname}} (Nokia SR Linux ZTP): the ZTP process runs it after
# DHCP. It applies the reachability day-0 with sr_cli in a private candidate of its own (host name,
# mgmt0's address and the default route in network-instance mgmt, the admin password, SSH in mgmt),
# saves it, turns auto-boot off and reports back. Exit 0 marks provisioning complete. A candidate
# outlives the session that filled it, so the script starts by discarding what an earlier attempt
# left in its own, and discards its own again when sr_cli refuses a line.
from __future__ import print_function

import json
import subprocess
import sys

try:
    from urllib.request import Request, urlopen
except ImportError:
    from urllib2 import Request, urlopen

REPORT = "{{report_base}}/{{serial}}"
TOKEN = "{{device_token}}"
{{#image}}
IMAGE_NAME = "{{image}}"
IMAGE = "{{files_base}}/{{image}}"
RELEASE = "{{release}}"
{{/image}}

CANDIDATE = "enter candidate private name ztp4j"
DAY0 = [
    CANDIDATE,
    "discard stay",
    "set / system name host-name {{hostname}}",
    "delete / interface mgmt0 subinterface 0 ipv4 dhcp-client",
    "set / interface mgmt0 admin-state enable",
    "set / interface mgmt0 subinterface 0 admin-state enable",
    "set / interface mgmt0 subinterface 0 ipv4 admin-state enable",
    "set / interface mgmt0 subinterface 0 ipv4 address {{mgmt_address}}/{{mgmt_prefix}}",
    "set / network-instance mgmt type ip-vrf",
    "set / network-instance mgmt admin-state enable",
    "set / network-instance mgmt interface mgmt0.0",
    "set / network-instance mgmt next-hop-groups group ztp4j-mgmt-gateway nexthop 1 ip-address {{mgmt_gateway}}",
    "set / network-instance mgmt static-routes route 0.0.0.0/0 next-hop-group ztp4j-mgmt-gateway",
    # quoted: the CLI reads | and > after a value as output modifiers; the password holds no quote
    "set / system aaa authentication admin-user password \"{{admin_password}}\"",
{{^admin_builtin}}
    "set / system aaa authentication user {{admin_user}} password \"{{admin_password}}\"",
{{/admin_builtin}}
    "set / system ssh-server network-instance mgmt admin-state enable",
    "commit save",
]


def report(status, message):
    body = json.dumps({"status": status, "message": message}).encode("utf-8")
    request = Request(REPORT, data=body, headers={"Content-Type": "application/json", "ZTP4J-Device-Token": TOKEN})
    try:
        urlopen(request, timeout=30).read()
    except Exception as failure:
        print("ztp4j: report not sent: %s" % failure)


def ztp_client():
    from ztpclient import ztpclient
    return ztpclient, ztpclient.APIClient()


def succeeded(answer):
    return answer is not None and int(answer.get("status", -1)) == 0


def sr_cli(lines):
    cli = subprocess.Popen(["sr_cli"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out, _ = cli.communicate(("\n".join(lines) + "\n").encode("utf-8"))
    return cli.returncode, out.decode("utf-8", "replace")


# What the committed configuration must hold, read back with "info flat", before auto-boot goes off:
# a CLI that went on after a refused line would have committed the rest.
EXPECTED = [
    "interface mgmt0 subinterface 0 ipv4 address {{mgmt_address}}/{{mgmt_prefix}}",
    "network-instance mgmt static-routes route 0.0.0.0/0 next-hop-group ztp4j-mgmt-gateway",
]


def missing_from_running():
    code, out = sr_cli(["info flat from running /"])
    if code != 0:
        return ["(info flat exit %d)" % code]
    return [line for line in EXPECTED if line not in out]


def main():
    ztpclient, client = ztp_client()
    staged = False
{{#image}}
    images = client.image_list()
    running = [i.replace("*", "") for i in (images or {}).get("message") or [] if "*" in i]
    if RELEASE not in running:
        print("ztp4j: installing %s (release %s) after its MD5 check" % (IMAGE, RELEASE))
        if not succeeded(client.image_upgrade(IMAGE, IMAGE + ".md5")):
            report("failure", "{{image}}: image upgrade failed (download or MD5 check)")
            return 1
        staged = True
{{/image}}
    code, _ = sr_cli(DAY0)
    if code != 0:
        # the exit code only: a refused line may hold the admin password
        print("ztp4j: sr_cli exit %d" % code)
        # what went into the candidate before the refused line must not wait there for a commit
        sr_cli([CANDIDATE, "discard now"])
        report("failure", "sr_cli refused the day-0 (exit %d)" % code)
        return 1
    missing = missing_from_running()
    if missing:
        print("ztp4j: the running configuration lacks: %s" % "; ".join(missing))
        report("failure", "committed, but the running configuration lacks: %s" % "; ".join(missing))
        return 1
    if not succeeded(client.option_autoboot(ztpclient.ZtpStatus.disable)):
        report("failure", "day-0 applied, but auto-boot could not be turned off")
        return 1
    if staged:
        report("success", "day-0 applied and saved; %s staged, the node runs it after its next reboot" % IMAGE_NAME)
    else:
        report("success", "day-0 applied and saved")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as failure:
        print("ztp4j: provisioning failed: %s" % type(failure).__name__)
        report("failure", "provisioning script failed: %s" % type(failure).__name__)
        sys.exit(1)
