#!/bin/bash
# ztp4j bootstrap for SONiC ZTP by DHCP option 239: the same for every switch. It reads this
# switch's serial number as the ZTP service does, loads and saves its config_db fragment, restarts
# interfaces-config, then runs its provisioning script (the admin user and the report).
FILES="{{files_base}}/{{access_path}}sonic"

SERIAL=$(python3 -c 'from ztp.DecodeSysEeprom import sysEeprom; print(sysEeprom.get_serial_number())') || SERIAL=""
if [ -z "$SERIAL" ]; then
    echo "ztp4j: cannot read this switch's serial number" >&2
    exit 1
fi
WORK=$(mktemp -d) || exit 1
trap 'rm -rf "$WORK"' EXIT
curl -fsS -o "$WORK/config_db.json" "$FILES/config_db/$SERIAL.json" || { echo "ztp4j: no config_db for $SERIAL" >&2; exit 1; }
config load -y "$WORK/config_db.json" || exit 1
config save -y || exit 1
# the management address takes effect when interfaces-config runs again (as configdb-json does it)
systemctl restart interfaces-config || exit 1
curl -fsS -o "$WORK/provision.sh" "$FILES/provision/$SERIAL.sh" || { echo "ztp4j: no provisioning script for $SERIAL" >&2; exit 1; }
bash "$WORK/provision.sh"
