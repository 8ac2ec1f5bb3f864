"""ztp.DecodeSysEeprom as sonic-ztp ships it: sysEeprom answers the switch's EEPROM fields (here
from EMULATOR_SERIAL, EMULATOR_PRODUCT, EMULATOR_BASE_MAC). Test code only."""
import os


class DecodeSysEeprom(object):

    def get_serial_number(self):
        return os.environ.get("EMULATOR_SERIAL", "SNC00000000")

    def get_product_name(self):
        return os.environ.get("EMULATOR_PRODUCT", "AS7326-56X")

    def get_mac_addr(self):
        return os.environ.get("EMULATOR_BASE_MAC", "0c:42:a1:00:00:01")


sysEeprom = DecodeSysEeprom()
