#!/bin/sh
# ztp4j script for Juniper Junos ZTP (junos.ztp-file=script). Junos runs this file, which option 43
# sub-option 1 names, with /bin/sh. It reads the chassis serial, fetches this device's day-0 by
# serial{{#image}}, installs {{image}} once its MD5 matches the server's{{/image}}, commits the day-0 in
# place of the factory configuration and reports to the server. A failure before the commit commits
# nothing: the device keeps its factory configuration, reports the failure and exits 1.
FILES="{{files_base}}/{{access_path}}"
REPORT="{{report_base}}"
IMAGE="{{image}}"
# Junos keeps downloads in /var/tmp (TMPDIR, when set, wins).
TMP="${TMPDIR:-/var/tmp}"
WORK="$TMP/ztp4j"
SERIAL=""
TOKEN=""

say() {
    echo "ztp4j: $1"
}

# report success|failure MESSAGE: the message holds no quotes or backslashes (see plain).
report() {
    if [ -z "$REPORT" ] || [ -z "$SERIAL" ] || [ -z "$TOKEN" ]; then
        return 0
    fi
    curl -sS -m 30 -o /dev/null -X POST -H 'Content-Type: application/json' -H "ZTP4J-Device-Token: $TOKEN" \
        --data "{\"status\": \"$1\", \"message\": \"$2\"}" "$REPORT/$SERIAL" || say "the report to $REPORT failed"
}

# The first line of a command's output that says error, fit for a report.
plain() {
    grep -i 'error' | head -n 1 | tr -d '"\\' | cut -c 1-200
}

fail() {
    say "$1"
    report failure "$1"
    rm -rf "$WORK"
    exit 1
}

rm -rf "$WORK"
mkdir -p "$WORK" || fail "cannot make $WORK"

# The chassis serial: the first serial-number of the inventory is the chassis's own.
SERIAL=$(cli -c "show chassis hardware | display xml" | sed -n 's:.*<serial-number>\(.*\)</serial-number>.*:\1:p' | head -n 1)
if [ -z "$SERIAL" ]; then
    fail "no chassis serial number in show chassis hardware"
fi
say "chassis serial $SERIAL"

if ! curl -fsS -m 60 -o "$WORK/day0.conf" "${FILES}junos/day0/$SERIAL.conf"; then
    fail "cannot fetch junos/day0/$SERIAL.conf"
fi
# The day-0's first line gives this device's token, the proof its report needs; the rest is the configuration.
TOKEN=$(sed -n '1s/^# ztp4j-device-token \([A-Za-z0-9_-]*\)$/\1/p' "$WORK/day0.conf")
if [ -n "$TOKEN" ]; then
    sed 1d "$WORK/day0.conf" > "$WORK/juniper.conf"
else
    cp "$WORK/day0.conf" "$WORK/juniper.conf"
fi

if [ -n "$IMAGE" ]; then
    PACKAGE="$TMP/${IMAGE##*/}"
    say "fetching $IMAGE"
    if ! curl -fsS -o "$PACKAGE" "${FILES}$IMAGE"; then
        rm -f "$PACKAGE"
        fail "cannot fetch $IMAGE"
    fi
    EXPECTED=$(curl -fsS -m 30 "${FILES}$IMAGE.md5" | awk '{ print tolower($1); exit }')
    # "MD5 (<file>) = <hex>": the last word of 32 hex digits
    ACTUAL=$(cli -c "file checksum md5 $PACKAGE" | awk '{ for (i = NF; i > 0; i--) if (length($i) == 32 && $i ~ /^[0-9A-Fa-f]+$/) { print tolower($i); exit } }')
    if [ -z "$EXPECTED" ] || [ "$EXPECTED" != "$ACTUAL" ]; then
        rm -f "$PACKAGE"
        fail "$IMAGE: MD5 ${ACTUAL:-unknown}, expected ${EXPECTED:-none}: not installed"
    fi
    OUT=$(cli -c "request system software add $PACKAGE no-validate" 2>&1)
    case "$OUT" in
        *[Ee][Rr][Rr][Oo][Rr]*) fail "request system software add $IMAGE: $(echo "$OUT" | plain)" ;;
    esac
    say "$IMAGE installed, active after the reboot"
fi

OUT=$(cli -c "configure; load override $WORK/juniper.conf; commit and-quit" 2>&1)
case "$OUT" in
    *"commit complete"*) ;;
    *) fail "the day-0 was not committed: $(echo "$OUT" | plain)" ;;
esac
rm -rf "$WORK"

if [ -n "$IMAGE" ]; then
    report success "day-0 committed, $IMAGE installed: rebooting into it"
    cli -c "request system reboot"
else
    report success "day-0 committed"
fi
exit 0
