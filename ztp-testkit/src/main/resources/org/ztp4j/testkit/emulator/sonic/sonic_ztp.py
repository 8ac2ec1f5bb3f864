"""SONiC's ZTP service (sonic-net/sonic-ztp: ztp-engine.py, ztp/ZTPSections.py, ztp/ZTPObjects.py,
ztp/Downloader.py, plugins/configdb-json), as far as a ZTP server sees it and a provisioning
script relies on it. Test code only.

Discovery (ztp-engine.py __discover): the ZTP JSON URL from DHCP option 67 first (a value without
a scheme is fetched as tftp://<option 66>/<value>), then the provisioning script URL from option
239, which becomes a one-section ZTP JSON. Every download is curl -f with the headers PRODUCT-NAME,
SERIAL-NUMBER, BASE-MAC-ADDRESS and SONiC-VERSION (Downloader.py, include-http-headers on by
default) and User-Agent SONiC-ZTP/0.1 (defaults.py).

The ZTP JSON (ZTPSections.ZTPJson): a top-level "ztp" object or the JSON is refused; a "ztp"
object with "dynamic-url" or "url" is replaced by what that names (ZTPObjects.DynamicURL: prefix +
identifier + suffix, identifier serial-number, product-name, hostname, hostname-fqdn, sonic-version
or literal text). Its sections are its object members, processed in sorted order of their names;
each gets status BOOT unless it says otherwise, DISABLED ones are skipped; a section's plugin is its
"plugin" (a URL to download and run, or a name) or its name without a leading "<digits>-". A plugin
that exits 0 makes the section SUCCESS, otherwise FAILED; halt-on-failure stops there;
reboot-on-success is logged as a reboot. The result is SUCCESS when every section is SUCCESS or
FAILED with ignore-result (ztp-engine.py __evalZTPResult).

configdb-json (plugins/configdb-json): downloads the file named by "url" or "dynamic-url", keeps the
running platform, hwsku and mac in its DEVICE_METADATA, then "config load -y" (clear-config false)
or "config reload -f -y" (clear-config true, the default, after which the file becomes the startup
configuration); with clear-config false or save-config it restarts interfaces-config (__stop_dhcp,
with the ZTP profile active); save-config runs "config save -y". A user plugin gets the section's input file as
its argument unless ignore-section-data, then its "args".

State: EMULATOR_DIR/ztp_data.json (what "ztp status" shows), running_config_db.json,
etc/sonic/config_db.json (startup), commands.log. Device facts: EMULATOR_SERIAL, EMULATOR_PRODUCT,
EMULATOR_BASE_MAC, EMULATOR_HOSTNAME, EMULATOR_RELEASE (the SONiC version)."""
from __future__ import print_function

import json
import os
import re
import shlex
import shutil
import socket
import stat
import subprocess

import ztp4j_emulator

STATE = os.environ.get("EMULATOR_DIR", ".")
HERE = os.path.dirname(os.path.abspath(__file__))


def facts():
    return {
        "serial-number": os.environ.get("EMULATOR_SERIAL", "SNC00000000"),
        "product-name": os.environ.get("EMULATOR_PRODUCT", "AS7326-56X"),
        "base-mac": os.environ.get("EMULATOR_BASE_MAC", "0c:42:a1:00:00:01"),
        "hostname": os.environ.get("EMULATOR_HOSTNAME", "sonic"),
        "sonic-version": os.environ.get("EMULATOR_RELEASE", "202405"),
    }


def headers():
    f = facts()
    return {"User-Agent": "SONiC-ZTP/0.1", "PRODUCT-NAME": f["product-name"], "SERIAL-NUMBER": f["serial-number"],
            "BASE-MAC-ADDRESS": f["base-mac"], "SONiC-VERSION": f["sonic-version"]}


def sandbox(*parts):
    path = os.path.join(STATE, "sandbox", *parts)
    if not os.path.isdir(os.path.dirname(path)):
        os.makedirs(os.path.dirname(path))
    return path


def fetch(url, target):
    """curl -f as Downloader.getUrl runs it; file:// as curl reads it. True when it got the file."""
    try:
        if url.startswith("file://"):
            shutil.copyfile(url[len("file://"):], target)
        else:
            ztp4j_emulator.download(url, target, headers())
        ztp4j_emulator.record("sonic", "download %s: ok" % url)
        return True
    except Exception as e:
        ztp4j_emulator.record("sonic", "download %s: %s" % (url, e))
        return False


def identifier(data):
    """ZTPObjects.Identifier.getIdentifier."""
    f = facts()
    if isinstance(data, dict):
        raise ValueError("identifier scripts are not modelled")
    if data in ("hostname", "hostname-fqdn"):
        return f["hostname"]
    if data in ("serial-number", "product-name", "sonic-version"):
        return f[data]
    return data


def source(url_data):
    """The URL a "url" or "dynamic-url" object names (ZTPObjects.URL / DynamicURL)."""
    if isinstance(url_data, str):
        return url_data
    src = url_data.get("source") if isinstance(url_data, dict) else None
    if isinstance(src, str):
        return src
    if isinstance(src, dict) and src.get("identifier") is not None:
        return (src.get("prefix") or "") + identifier(src["identifier"]) + (src.get("suffix") or "")
    raise ValueError("URL provided with invalid argument types")


def url_of(section):
    if section.get("dynamic-url") is not None:
        return source(section["dynamic-url"])
    if section.get("url") is not None:
        return source(section["url"])
    return None


def environment():
    env = dict(os.environ)
    env["PATH"] = os.path.join(HERE, "bin") + os.pathsep + env.get("PATH", "/usr/bin:/bin")
    env["PYTHONPATH"] = HERE + os.pathsep + env.get("PYTHONPATH", "")
    env["TMPDIR"] = sandbox("tmp", "")
    return env


def run(command):
    ztp4j_emulator.record("sonic", "run %s" % " ".join(command))
    return subprocess.call(command, env=environment(), cwd=sandbox(""))


def configdb_json(name, section):
    url = url_of(section)
    if url is None:
        print("configdb-json: Either \"url\" or \"dynamic_url\" should be provided")
        return 1
    target = sandbox("tmp", "config_dl.json")
    if not fetch(url, target):
        print("configdb-json: Error encountered while downloading '%s'" % url)
        return 1
    try:
        with open(target) as f:
            config = json.load(f)
        metadata = config.get("DEVICE_METADATA", {}).get("localhost") if isinstance(config, dict) else None
        if metadata is not None and not section.get("overwrite-device-metadata", False):
            running = load_running().get("DEVICE_METADATA", {}).get("localhost", {})
            for field in ("platform", "hwsku", "mac"):
                if field in running:
                    metadata[field] = running[field]
        with open(target, "w") as f:
            json.dump(config, f, indent=4, sort_keys=True)
    except (ValueError, AttributeError) as e:
        print("configdb-json: Error[%s] validating and sanitizing downloaded config_db.json file" % e)
        return 1
    clear = section.get("clear-config", True)
    rc = run(["config", "reload", "-f", "-y", target] if clear else ["config", "load", "-y", target])
    if rc != 0:
        return rc
    if not clear or section.get("save-config", False):
        # __stop_dhcp: the ZTP profile is active during ZTP, so its entry goes and interfaces-config restarts
        rc = run(["systemctl", "restart", "interfaces-config"])
        if rc != 0:
            return rc
    if section.get("save-config", False):
        return run(["config", "save", "-y"])
    return 0


def user_plugin(name, section, plugin):
    url = url_of(plugin)
    target = sandbox("sections", name, "plugin")
    if url is None or not fetch(url, target):
        section["error"] = "Unable to find or download requested plugin"
        return 1
    os.chmod(target, os.stat(target).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    command = [target]
    if not plugin.get("ignore-section-data", False):
        data = sandbox("sections", name, "input.json")
        with open(data, "w") as f:
            json.dump({name: section}, f)
        command.append(data)
    if plugin.get("args"):
        command.extend(shlex.split(plugin["args"]))
    return run(command)


def process(ztp):
    names = sorted(k for k, v in ztp.items() if isinstance(v, dict))
    for name in names:
        section = ztp[name]
        section.setdefault("status", "BOOT")
        if section["status"] == "DISABLED":
            continue
        plugin = section.get("plugin")
        if isinstance(plugin, dict) and (plugin.get("url") or plugin.get("dynamic-url")):
            rc = user_plugin(name, section, plugin)
        else:
            plugin_name = plugin if isinstance(plugin, str) else (plugin or {}).get("name") or re.split("^[0-9]+-", name, maxsplit=1)[-1]
            if plugin_name == "configdb-json":
                rc = configdb_json(name, section)
            else:
                section["error"] = "Unable to find or download requested plugin"
                rc = 1
        section["status"] = "SUCCESS" if rc == 0 else "FAILED"
        section["exit-code"] = rc
        ztp4j_emulator.record("sonic", "section %s: %s" % (name, section["status"]))
        if section["status"] == "FAILED" and section.get("halt-on-failure", False):
            ztp4j_emulator.record("sonic", "halted: %s failed" % name)
            break
        if section["status"] == "SUCCESS" and section.get("reboot-on-success", False):
            ztp4j_emulator.record("sonic", "reboot")
    failed = [n for n in names if ztp[n].get("status") != "SUCCESS" and ztp[n].get("status") != "DISABLED"
              and not ztp[n].get("ignore-result", False)]
    ztp["status"] = "FAILED" if failed else "SUCCESS"
    return ztp["status"]


def load_json(path):
    with open(path) as f:
        data = json.load(f)
    ztp = data.get("ztp") if isinstance(data, dict) else None
    if not isinstance(ztp, dict):
        raise ValueError("ztp section not found in JSON data")
    return data


def ztp(option67, option239, option66=None):
    """Runs ZTP as the service does after DHCP; returns 0 when the result is SUCCESS."""
    data = None
    if option67:
        url = option67 if "://" in option67 else ("tftp://%s/%s" % (option66, option67) if option66 else None)
        target = sandbox("ztp_data_opt67.json")
        if url and fetch(url, target):
            try:
                data = load_json(target)
                ztp = data["ztp"]
                if ztp.get("dynamic-url") or ztp.get("url"):
                    again = sandbox("ztp_data.json")
                    if not fetch(url_of(ztp), again):
                        raise ValueError("url/dynamic-url sections provided in ztp section could not be interpreted")
                    data = load_json(again)
            except ValueError as e:
                print("sonic-ztp: %s" % e)
                ztp4j_emulator.record("sonic", "invalid ZTP JSON: %s" % e)
                data = {"ztp": {"status": "FAILED", "error": str(e)}}
                save(data)
                return 1
    if data is None and option239:
        script = sandbox("provisioning-script")
        if fetch(option239, script):
            data = {"ztp": {"provisioning-script": {"plugin": {"url": "file://" + script, "ignore-section-data": True}},
                            "restart-ztp-no-config": False}}
    if data is None:
        print("sonic-ztp: no ZTP data found")
        return 1
    result = process(data["ztp"])
    save(data)
    print("sonic-ztp: ZTP %s" % result)
    return 0 if result == "SUCCESS" else 1


def save(data):
    with open(os.path.join(STATE, "ztp_data.json"), "w") as f:
        json.dump(data, f, indent=4, sort_keys=True)


def load_running():
    path = os.path.join(STATE, "running_config_db.json")
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        return json.load(f)
