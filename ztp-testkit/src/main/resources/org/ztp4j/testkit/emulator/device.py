"""The device side of ServeEndToEndIT, on top of ztp-platforms' emulator modules (on PYTHONPATH).

  device.py fetch URL TARGET   downloads as the device's boot loader does (TFTP or HTTP)
  device.py run SCRIPT [ARG]   runs a downloaded provisioning script as the device does

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


socket.socket = _SourceBoundSocket

if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "fetch":
        import ztp4j_emulator
        ztp4j_emulator.download(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 3 and sys.argv[1] == "run":
        sys.argv = sys.argv[2:]
        runpy.run_path(sys.argv[0], run_name="__main__")
    else:
        sys.exit(__doc__)
