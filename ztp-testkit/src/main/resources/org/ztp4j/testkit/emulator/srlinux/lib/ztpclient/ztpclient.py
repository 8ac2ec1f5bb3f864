"""ztpclient.ztpclient.APIClient: what a provisioning script asks the SR Linux ZTP process to do
("Appendix: ZTP Python library", SR Linux Software Installation Guide 21.11). Each call answers a
dictionary whose "status" is 0 on success and non-zero otherwise, with a "message". Modelled here:
image_list() (the images, the running one marked with '*'), image_upgrade(url, md5_url) (download
the image and its MD5 file, check one against the other, stage it for the next boot),
option_list() and option_autoboot(ZtpStatus.enable | disable). Test code only."""
from __future__ import print_function

import hashlib
import os
import tempfile

import ztp4j_emulator

STATE = os.environ.get("EMULATOR_DIR", ".")


class ZtpStatus(object):
    enable = "enable"
    disable = "disable"


def _answer(status, message):
    return {"status": status, "message": message}


class APIClient(object):

    def __init__(self, base_url=None):
        self.base_url = base_url

    def image_list(self):
        release = os.environ.get("EMULATOR_RELEASE", "24.10.1")
        return _answer(0, ["%s*" % release])

    def image_upgrade(self, url, md5_url):
        ztp4j_emulator.record("srlinux", "ztp image_upgrade %s" % url)
        folder = tempfile.mkdtemp(dir=STATE)
        image, md5 = os.path.join(folder, "image.bin"), os.path.join(folder, "image.md5")
        try:
            ztp4j_emulator.download(url, image)
            ztp4j_emulator.download(md5_url, md5)
        except Exception as e:
            return _answer(1, "download failed: %s" % e)
        with open(md5) as f:
            words = f.read().split()
        expected = words[0].lower() if words else ""
        digest = hashlib.md5()
        with open(image, "rb") as f:
            for block in iter(lambda: f.read(65536), b""):
                digest.update(block)
        if digest.hexdigest() != expected:
            ztp4j_emulator.record("srlinux", "ztp image_upgrade md5 mismatch")
            return _answer(1, "md5 mismatch: %s, expected %s" % (digest.hexdigest(), expected))
        with open(os.path.join(STATE, "next-image"), "w") as f:
            f.write("%s %s\n" % (url.rsplit("/", 1)[-1], expected))
        return _answer(0, "image staged for the next boot")

    def option_list(self):
        with open(os.path.join(STATE, "autoboot")) as f:
            return _answer(0, {"autoboot": f.read().strip()})

    def option_autoboot(self, value):
        if value not in (ZtpStatus.enable, ZtpStatus.disable):
            return _answer(1, "autoboot is enable or disable")
        with open(os.path.join(STATE, "autoboot"), "w") as f:
            f.write(value + "\n")
        ztp4j_emulator.record("srlinux", "ztp option_autoboot %s" % value)
        return _answer(0, "autoboot %s" % value)
