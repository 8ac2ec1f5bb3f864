#!/usr/bin/env bash
# A burst of devices booting at once over TFTP: `ztp serve` with its default settings against
# tftpd-hpa and dnsmasq, in one run. N NX-OS devices, each from an address of its own on the
# loopback network (127.10.x.y), each read poap.py and then its own conf.<SERIAL> with plain RFC 1350
# TFTP (512-byte blocks, a resend after 5 s, giving up after 25 s without progress, as tftp-hpa's
# client does by default), all starting at the same instant
# (org.ztp4j.tftp.bench.BurstBench). Any ERROR packet or a read given up is a failure.
# Writes the section "burst" of docs/benchmarks.md.
#
#   bench/burst/burst.sh [DEVICES] [DEADLINE]      # DEVICES default 10000, DEADLINE 300 s per burst
#
# ztp serve runs the burst twice (cold: just started; warm: the JIT has compiled the hot path, as in
# a long-running server); the first burst also saves every file it read, and tftpd-hpa and dnsmasq
# then serve those same bytes from a folder. dnsmasq serves TFTP on port 69 only, so 69 must be free.
# Needs: java 17, maven, tftpd-hpa (in.tftpd), dnsmasq, python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh
. bench/fleet/servers.sh
. bench/burst/common.sh
n=${1:-10000}
deadline=${2:-300}
for tool in /usr/sbin/in.tftpd dnsmasq python3; do
  command -v "$tool" >/dev/null || { echo "burst.sh needs $tool" >&2; exit 2; }
done
flock /tmp/ztp-mvn.lock mvn -B -q -DskipTests package >&2  # the jar of this checkout, not an older one
CP=$(bench_classpath)

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$work/files"
burst_inventory "$work/inventory.csv" "$n"

# udp_counter NAME: a field of the Udp line in /proc/net/snmp (the whole machine)
udp_counter() { net_counter /proc/net/snmp Udp: "$1"; }

rows=$work/rows.md
: > "$rows"
# burst NAME PORT [SAVE_DIR] [MEMORY_PID]: runs BurstBench and adds a row
burst() {
  local name=$1 port=$2 save=${3:-} pid=${4:-}
  local drops0 out=$work/$name.out
  drops0=$(udp_counter RcvbufErrors)
  java -Xmx1g -cp "$CP" org.ztp4j.tftp.bench.BurstBench "$port" "$n" "$deadline" poap.py 'conf.%s' $save > "$out"
  local drops=$(( $(udp_counter RcvbufErrors) - drops0 ))
  v() { sed -n "s/^$1=//p" "$out" | head -1; }
  local memory="-"
  if [ -n "$pid" ]; then memory="$(( $(awk '/VmHWM/ {print $2}' "/proc/$pid/status") / 1024 )) MiB"; fi
  local kinds
  kinds=$(sed -n 's/^failure_kind=//p' "$out" | head -3 | paste -sd ';' - | sed 's/|/\\|/g')
  printf '| %s | %s | %s | %s | %s / %s | %s | %s | %s | %s |\n' "$name" "$(v devices)" "$(v failures)" "$(v wall_seconds)" \
    "$(v p50_seconds)" "$(v p99_seconds)" "$(v max_seconds)" "$memory" "$drops" "${kinds:-}" >> "$rows"
  cat "$out" >&2
}

wait_for_tftp() { # PORT: until the server answers a read of poap.py
  for _ in $(seq 150); do
    if timeout 2 tftp 127.0.0.1 "$1" -c get poap.py /dev/null 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  echo "no TFTP server on port $1" >&2; return 1
}

port_ours=17169 port_hpa=17170
java -jar ztp-examples/target/ztp.jar serve --inventory "$work/inventory.csv" --tftp-port $port_ours --http-port 17180 \
  --var admin_user=admin --var admin_password=Xq7vRt9pLm2w > "$work/ztp.log" 2>&1 &
ztp_pid=$!; pids+=("$ztp_pid")
wait_for_tftp $port_ours
burst "ztp serve (cold)" $port_ours "$work/files" "$ztp_pid"
sleep 5
burst "ztp serve (warm)" $port_ours "" "$ztp_pid"
kill "$ztp_pid"; wait "$ztp_pid" 2>/dev/null || true
[ "$(ls "$work/files" | wc -l)" -gt "$n" ] || { echo "the first burst did not save every device's files" >&2; exit 1; }

/usr/sbin/in.tftpd -L -s "$work/files" -a 127.0.0.1:$port_hpa > "$work/hpa.log" 2>&1 &
hpa_pid=$!; pids+=("$hpa_pid")
wait_for_tftp $port_hpa
burst "tftpd-hpa" $port_hpa
kill "$hpa_pid"; wait "$hpa_pid" 2>/dev/null || true

dnsmasq --keep-in-foreground --conf-file=/dev/null --port=0 --listen-address=127.0.0.1 --bind-interfaces \
  --enable-tftp --tftp-root="$work/files" --user=root --group=root \
  --pid-file="$work/dnsmasq.pid" --log-facility="$work/dnsmasq.log" > "$work/dnsmasq.out" 2>&1 &
dns_pid=$!; pids+=("$dns_pid")
wait_for_tftp 69
burst "dnsmasq (default --tftp-max 50)" 69
kill "$dns_pid"; wait "$dns_pid" 2>/dev/null || true

out=$work/section.md
{
  echo "## A burst of $n devices booting at once over TFTP: \`ztp serve\` (defaults) vs tftpd-hpa and dnsmasq"
  echo
  echo "\`bench/burst/burst.sh $n $deadline\` on $(date -u +%Y-%m-%d), $(nproc) cores, $(java -version 2>&1 | head -1),"
  echo "tftpd-hpa $(dpkg-query -W -f '${Version}' tftpd-hpa 2>/dev/null), $(dnsmasq --version | head -1 | cut -d' ' -f1-3)."
  echo "$n NX-OS devices, each from an address of its own (127.10.x.y), start at the same instant; each reads"
  echo "\`poap.py\` and then its own \`conf.<SERIAL>\` with plain RFC 1350 TFTP (512-byte blocks, no options),"
  echo "resending after 5 s without an answer and giving up after 25 s without progress, as tftp-hpa's client does by default"
  echo "(\`org.ztp4j.tftp.bench.BurstBench\`, one thread and one socket per device). An ERROR packet or a read"
  echo "given up is a failure: a real device then starts its boot sequence again. \`ztp serve\` runs with its"
  echo "default settings and an inventory of the $n devices: it renders every script and day-0 when asked."
  echo "It takes the burst twice: just started (cold), then again (warm: the JIT has compiled its hot path, as"
  echo "in a long-running server). tftpd-hpa and dnsmasq, also with their default settings, serve the same bytes"
  echo "from a folder (the files the first burst read). Memory: the server's peak resident set (VmHWM); the JVM"
  echo "ran with its default heap limit (a quarter of the machine's memory), so this shows how much it let the heap"
  echo "grow, not how much it needs."
  echo "UDP drops: datagrams the kernel dropped because a socket's receive buffer was full (whole machine)."
  echo
  echo "| server | devices | failures | wall (s) | p50 / p99 per device (s) | slowest (s) | server peak memory | UDP drops | failures, by kind |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
  cat "$rows"
  echo
} > "$out"
replace_section docs/benchmarks.md burst "$out"
cat "$out"
