"""The testkit's device runner: what EmulatedDevice starts for each fetch, script run or AutoInstall,
with the device kind's emulator module (cli or autoinstall) and ztp4j_emulator on PYTHONPATH. It runs
on python3 and on Jython 2.7 (for releases whose scripts run on Python 2.7); EMULATOR_RELEASE names
the release the modules behave as.

  device.py fetch URL TARGET   downloads as the device's boot loader does (TFTP or HTTP)
  device.py run SCRIPT [ARG]   runs a downloaded provisioning script as the device does
  device.py autoinstall SERVER PORT [BOOTFILE]
                               runs Cisco IOS AutoInstall's TFTP requests (ios/autoinstall.py)
  device.py junos-ztp OPTION150 OPTION66 OPTION43HEX TFTPPORT
                               runs Junos ZTP from its DHCP answer (junos/junos_ztp.py)
  device.py aoscx-ztp OPTION66 OPTION67 OPTION43HEX TFTPPORT
                               runs AOS-CX ZTP from its DHCP answer (aoscx/aoscx_ztp.py)
                               ('-' stands for an option the answer did not have)
  device.py pnp URL            runs the Cisco Plug and Play agent against the PnP server at URL
                               (http(s)://server:port, as option 43 names it; pnp/pnp_agent.py)
  device.py pnp-dns DOMAIN DNS[,DNS...]
                               runs it against pnpserver.DOMAIN, looked up with those DNS servers
                               (options 15 and 6 of an offer without option 43)
  device.py sonic-ztp OPTION67 OPTION239 [OPTION66]
                               runs SONiC's ZTP service with what DHCP offered ("" for an absent
                               option; sonic/sonic_ztp.py)
  device.py cumulus-ztp OPTION239
                               runs Cumulus Linux ZTP over DHCP (cumulus/cumulus_ztp.py)
  device.py srlinux-ztp OPTION67
                               runs Nokia SR Linux ZTP with the provisioning script's URL
                               (srlinux/srlinux_ztp.py)

With ZTP4J_FLASH_MOUNT set (Arista EOS: /mnt/flash), the script's files under that path go to the
emulated device's flash folder (ZTP4J_BOOTFLASH) instead, and when the script exits 0 the device
"reboots" as EOS does after ZTP: into the image boot-config's SWI= line names (halting, exit code 3,
when that image is not on flash), with its startup-config as the running-config.

With ZTP4J_E2E_SOURCE set, every IPv4 socket is bound to that address before it sends or connects:
on loopback, 127.0.0.11, 127.0.0.13 ... stand in for the devices' own addresses, so that ztp serve
tells the devices apart by client address as it does on a real network. Test code only."""
from __future__ import print_function

import os
import runpy
import socket
import sys

SOURCE = os.environ.get("ZTP4J_E2E_SOURCE")


class _SourceBoundSocket(socket.socket):
    """A socket that takes the device's address as its source, unless it was bound already."""

    def _bind_source(self):
        if SOURCE and self.family == socket.AF_INET and self.getsockname()[1] == 0:
            self.bind((SOURCE, 0))

    def connect(self, address):
        self._bind_source()
        return super(_SourceBoundSocket, self).connect(address)

    def connect_ex(self, address):
        self._bind_source()
        return super(_SourceBoundSocket, self).connect_ex(address)

    def sendto(self, data, *args):
        self._bind_source()
        return super(_SourceBoundSocket, self).sendto(data, *args)


if SOURCE:
    socket.socket = _SourceBoundSocket

MOUNT = os.environ.get("ZTP4J_FLASH_MOUNT")
FLASH = os.environ.get("ZTP4J_BOOTFLASH", ".")


def _on_flash(path):
    """A path under the device's flash mount, moved into the emulated flash folder."""
    if isinstance(path, str) and MOUNT and (path == MOUNT or path.startswith(MOUNT.rstrip("/") + "/")):
        return os.path.join(FLASH, path[len(MOUNT):].lstrip("/"))
    return path


def _run_with_flash(script):
    try:
        import builtins
    except ImportError:  # Python 2.7
        import __builtin__ as builtins
    import io
    real_open = builtins.open
    real = dict((name, getattr(os, name)) for name in ("rename", "remove", "statvfs") if hasattr(os, name))
    real_exists = os.path.exists

    def flash_open(file, *args, **kwargs):
        return real_open(_on_flash(file), *args, **kwargs)

    builtins.open = flash_open
    io.open = flash_open
    os.rename = lambda a, b: real["rename"](_on_flash(a), _on_flash(b))
    os.remove = lambda a: real["remove"](_on_flash(a))
    if "statvfs" in real:
        os.statvfs = lambda a: real["statvfs"](_on_flash(a))
    os.path.exists = lambda a: real_exists(_on_flash(a))
    code = 0
    try:
        runpy.run_path(script, run_name="__main__")
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    finally:
        builtins.open = real_open
        io.open = real_open
        for name, function in real.items():
            setattr(os, name, function)
        os.path.exists = real_exists
    if code == 0:
        code = _reboot(real_open)
    sys.exit(code)


def _reboot(real_open):
    """What an EOS switch does when its ZTP script exits 0: it reboots. Aboot boots the image the
    SWI= line of flash:boot-config names, and halts at its shell when that line or that file is
    missing; EOS then loads flash:startup-config (Arista EOS manual, "Boot Loader - Aboot")."""
    boot_config = os.path.join(FLASH, "boot-config")
    image = None
    if os.path.exists(boot_config):
        with real_open(boot_config) as f:
            for line in f.read().splitlines():
                if line.startswith("SWI=flash:"):
                    image = line[len("SWI=flash:"):].lstrip("/")
    if image is None or not os.path.isfile(os.path.join(FLASH, image)):
        print("device: Aboot halted at its shell: boot-config names no image on flash (%s)" % image)
        return 3
    state = os.environ.get("EMULATOR_DIR", ".")
    with real_open(os.path.join(state, "booted-image"), "w") as f:
        f.write(image + "\n")
    startup = os.path.join(FLASH, "startup-config")
    if os.path.exists(startup):
        with real_open(startup) as f, real_open(os.path.join(state, "running-config"), "w") as r:
            r.write(f.read())
    print("device: rebooted into flash:/%s and startup-config" % image)
    return 0

if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "fetch":
        import ztp4j_emulator
        ztp4j_emulator.download(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 3 and sys.argv[1] == "run":
        sys.argv = sys.argv[2:]
        if MOUNT:
            _run_with_flash(sys.argv[0])
        else:
            runpy.run_path(sys.argv[0], run_name="__main__")
    elif len(sys.argv) in (4, 5) and sys.argv[1] == "autoinstall":
        import autoinstall
        applied = autoinstall.autoinstall(sys.argv[2], int(sys.argv[3]), SOURCE or "127.0.0.1",
                                          sys.argv[4] if len(sys.argv) == 5 else None)
        print("autoinstall: %s" % (applied or "no config read"))
        sys.exit(0 if applied else 1)
    elif len(sys.argv) == 6 and sys.argv[1] in ("junos-ztp", "aoscx-ztp"):
        import binascii
        given = [None if a == "-" else a for a in sys.argv[2:5]]
        option43 = binascii.unhexlify(given[2]) if given[2] else b""
        if sys.argv[1] == "junos-ztp":
            import junos_ztp
            sys.exit(junos_ztp.ztp(given[0], given[1], option43, int(sys.argv[5])))
        import aoscx_ztp
        sys.exit(aoscx_ztp.ztp(given[0], given[1], option43, int(sys.argv[5])))
    elif len(sys.argv) == 3 and sys.argv[1] == "pnp":
        import pnp_agent
        sys.exit(pnp_agent.run(sys.argv[2]))
    elif len(sys.argv) == 4 and sys.argv[1] == "pnp-dns":
        import pnp_agent
        sys.exit(pnp_agent.run_by_dns(sys.argv[2], sys.argv[3].split(",")))
    elif len(sys.argv) in (4, 5) and sys.argv[1] == "sonic-ztp":
        import sonic_ztp
        sys.exit(sonic_ztp.ztp(sys.argv[2] or None, sys.argv[3] or None, sys.argv[4] if len(sys.argv) == 5 else None))
    elif len(sys.argv) == 3 and sys.argv[1] == "cumulus-ztp":
        import cumulus_ztp
        sys.exit(cumulus_ztp.ztp(sys.argv[2]))
    elif len(sys.argv) == 3 and sys.argv[1] == "srlinux-ztp":
        import srlinux_ztp
        sys.exit(srlinux_ztp.ztp(sys.argv[2]))
    else:
        sys.exit(__doc__)
