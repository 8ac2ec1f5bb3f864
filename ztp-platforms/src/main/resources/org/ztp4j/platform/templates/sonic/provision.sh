#!/bin/bash
# ztp4j provisioning script for {{hostname}} (SONiC ZTP): the admin user, which config_db has no
# table for{{#image}}, the image {{image}}{{/image}}, then a report to the ZTP server. SONiC's ZTP
# runs it after section 01-configdb-json has loaded and saved this switch's config_db fragment.
REPORT="{{report_base}}/{{serial}}"

report() {
    curl -sS -m 30 -X POST -H 'Content-Type: application/json' -H 'ZTP4J-Device-Token: {{device_token}}' \
        --data "{\"status\": \"$1\", \"message\": \"$2\"}" "$REPORT" || true
}

fail() {
    echo "ztp4j: $1" >&2
    report failure "$1"
    exit 1
}

if ! id -u {{admin_user_sh}} >/dev/null 2>&1; then
    # the groups SONiC gives its own default user
    useradd -m -s /bin/bash -G sudo,docker {{admin_user_sh}} || fail "useradd failed"
fi
printf '%s:%s\n' {{admin_user_sh}} {{admin_password_sh}} | chpasswd || fail "chpasswd failed"
{{#image}}

WORK=$(mktemp -d) || fail "mktemp failed"
IMAGE="$WORK/image.bin"
curl -fsS -o "$IMAGE" "{{files_base}}/{{access_path}}{{image}}" || fail "download of {{image}} failed"
EXPECTED=$(curl -fsS "{{files_base}}/{{access_path}}{{image}}.md5" | cut -d ' ' -f 1) || fail "download of {{image}}.md5 failed"
ACTUAL=$(md5sum "$IMAGE" | cut -d ' ' -f 1)
if [ "$EXPECTED" != "$ACTUAL" ]; then
    rm -rf "$WORK"
    fail "{{image}}: MD5 $ACTUAL, expected $EXPECTED"
fi
sonic-installer install -y "$IMAGE" || fail "sonic-installer install {{image}} failed"
rm -rf "$WORK"
report success "day-0 applied, {{image}} installed: rebooting into it"
exit 0
{{/image}}
{{^image}}

report success "day-0 applied"
exit 0
{{/image}}
