#!/bin/bash
# CUMULUS-AUTOPROVISIONING
# ztp4j reachability day-0 for {{hostname}} (NVIDIA Cumulus Linux ZTP, NVUE): host name, eth0's
# address and gateway, an admin user; SSH is on by default. Exit 0 marks ZTP complete.
REPORT="{{report_base}}/{{serial}}"

report() {
    curl -sS -m 30 -X POST -H 'Content-Type: application/json' -H 'ZTP4J-Device-Token: {{device_token}}' \
        --data "{\"status\": \"$1\", \"message\": \"$2\"}" "$REPORT" \
        || ip vrf exec mgmt curl -sS -m 30 -X POST -H 'Content-Type: application/json' -H 'ZTP4J-Device-Token: {{device_token}}' \
            --data "{\"status\": \"$1\", \"message\": \"$2\"}" "$REPORT" || true
}

error() {
    # the line number only: a failed command may hold the admin password
    echo "ztp4j: the ZTP script failed at line $BASH_LINENO" >&2
    report failure "the ZTP script failed at line $BASH_LINENO"
    exit 1
}
trap error ERR
{{#image}}

# Image upgrade: onie-install stages the image and this script for the new release, then reboot.
if [ "$(sed -n 's/^DISTRIB_RELEASE=//p' /etc/lsb-release)" != "{{release}}" ]; then
    WORK=$(mktemp -d)
    curl -fsS -o "$WORK/image.bin" "{{files_base}}/{{access_path}}{{image}}"
    EXPECTED=$(curl -fsS "{{files_base}}/{{access_path}}{{image}}.md5" | cut -d ' ' -f 1)
    ACTUAL=$(md5sum "$WORK/image.bin" | cut -d ' ' -f 1)
    if [ "$EXPECTED" != "$ACTUAL" ]; then
        trap - ERR
        rm -rf "$WORK"
        echo "ztp4j: {{image}}: MD5 $ACTUAL, expected $EXPECTED" >&2
        report failure "{{image}}: MD5 $ACTUAL, expected $EXPECTED"
        exit 1
    fi
    /usr/cumulus/bin/onie-install -fa -i "$WORK/image.bin" -z "{{script_url}}"
    trap - ERR
    report success "{{image}} staged for release {{release}}: rebooting into it"
    reboot
    exit 0
fi
{{/image}}

nv set system hostname {{hostname}}
nv set interface eth0 ip address {{mgmt_address}}/{{mgmt_prefix}}
nv set interface eth0 ip gateway {{mgmt_gateway}}
{{#password_hardening_off}}
nv set system security password-hardening state disabled
{{/password_hardening_off}}
nv set system aaa user {{admin_user_sh}} role system-admin
nv set system aaa user {{admin_user_sh}} password {{admin_password_sh}}
nv config apply -y
nv config save
trap - ERR

report success "day-0 applied"
exit 0
