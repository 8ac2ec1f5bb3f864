#!/usr/bin/env bash
# Fleet boot: N simulated devices start at once against one TftpServer and one HttpFileServer on
# 127.0.0.1. Each fetches a 10 KiB script, its own 2 KiB config and a 32 MiB image, even devices
# over TFTP (blksize 1468, windowsize 16), odd ones over HTTP, every file checked by size and CRC-32.
# Writes a section of docs/benchmarks.md. Each run is cut off after DEADLINE seconds (default 600).
#
#   bench/fleet/fleet.sh [DEVICES] [DEADLINE]       # DEVICES default 1000; "1000,5000" runs both,
#                                                  # the second only when the first had no failure
#   HTTP_THREADS="128" (default, the library default): HttpFileServer worker threads, one series of runs each
#   SECTION=fleet (default): the section of docs/benchmarks.md the results replace
# Needs: java 17, maven (builds ztp-tftp's test classes), coreutils.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/fleet/servers.sh
counts=${1:-1000}
deadline=${2:-600}
http_threads_list=${HTTP_THREADS:-128}
server_heap=${SERVER_HEAP:-512m}
CP=$(bench_classpath)

. bench/lib.sh
work=$(mktemp -d); trap 'exec 3>&- 2>/dev/null || true; [ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null || true; rm -rf "$work"' EXIT
root=$work/root; mkdir -p "$root"
max=$(echo "$counts" | tr ',' '\n' | sort -n | tail -1)
python3 - "$root" "$max" <<'PY'
import os, random, sys
root, n = sys.argv[1], int(sys.argv[2])
rnd = random.Random(1)
script = "#!/bin/env python\n#md5sum=\"\"\n" + "".join("# step %05d: copy, verify, install\n" % i for i in range(300))
open(os.path.join(root, "poap.py"), "w").write(script[:10 * 1024])
for i in range(n):
    body = "hostname leaf%05d\n" % i + "".join("interface Ethernet1/%d\n  description uplink %d\n  no shutdown\n" % (k, k) for k in range(40))
    open(os.path.join(root, "conf.FLEET%05d" % i), "w").write(body[:2048])
with open(os.path.join(root, "image.bin"), "wb") as f:
    f.write(rnd.randbytes(32 * 1024 * 1024))
PY

# udp_counter NAME: a field of the Udp line in /proc/net/snmp (counts for the whole machine)
udp_counter() {
  awk -v name="$1" '$1 == "Udp:" { if (!n) { for (i = 2; i <= NF; i++) col[$i] = i; n = 1 } else print $col[name] }' /proc/net/snmp
}

# listing KIND TITLE WHAT: each non-empty $work/KIND-N-THREADS.txt under a heading naming its run
listing() {
  local f
  for f in "$work/$1"-*.txt; do
    [ -s "$f" ] || continue
    echo
    echo "$2 with $(basename "$f" .txt | sed "s/$1-//; s/-/ devices, /") HTTP threads ($3):"
    echo
    cat "$f"
  done
}

rows=$work/rows.md
: > "$rows"
for http_threads in $http_threads_list; do
for n in $(echo "$counts" | tr ',' ' '); do
  start_servers "$work" "$root" "$server_heap" "$http_threads" 8192
  rcvbuf0=$(udp_counter RcvbufErrors) noports0=$(udp_counter NoPorts)
  set +e
  timeout $((deadline + 60)) java -Xmx1g -Xss256k -cp "$CP" org.ztp4j.tftp.bench.FleetBench "$root" "$TFTP_PORT" "$HTTP_PORT" "$n" "$deadline" \
    > "$work/fleet-$n.out" 2> "$work/fleet-$n.err"
  status=$?
  set -e
  rcvbuf_drops=$(( $(udp_counter RcvbufErrors) - rcvbuf0 )) noports=$(( $(udp_counter NoPorts) - noports0 ))
  stop_servers
  cat "$work/fleet-$n.out"
  v() { sed -n "s/^$1=//p" "$work/fleet-$n.out" | head -1; }
  heap_mib=$(( $(stat_of "$work" peak_heap_bytes) / 1048576 ))
  max_mib=$(( $(stat_of "$work" max_heap_bytes) / 1048576 ))
  printf '| %s | %s | %s | %s | %s / %s | %s / %s | %s / %s | %s | %s | %s MiB of %s MiB | %s | %s | %s |\n' "$n" "$http_threads" "$(v failures)" "$(v wall_seconds)" \
    "$(v p50_seconds)" "$(v p99_seconds)" "$(v tftp_p50_seconds)" "$(v tftp_p99_seconds)" "$(v http_p50_seconds)" "$(v http_p99_seconds)" \
    "$(v max_seconds)" "$(v aggregate_mib_per_s)" "$heap_mib" "$max_mib" \
    "$(stat_of "$work" peak_threads)" "$rcvbuf_drops" "$noports" >> "$rows"
  grep -E ' (WARN|ERROR) ' "$work/server.log" | sed 's/^/    /' | head -8 > "$work/warnings-$n-$http_threads.txt" || true
  grep '^failure_' "$work/fleet-$n.out" | sed 's/^/    /' > "$work/failures-$n-$http_threads.txt" || true
  if [ "$status" != 0 ]; then
    echo "$n devices, $http_threads HTTP threads: $(v failures) failures; larger fleets skipped" >&2
    break
  fi
done
done

out=$work/section.md
{
  echo "## Fleet boot: TFTP and HTTP on loopback ($(echo "$counts" | sed 's/,/ and /') devices)"
  echo
  echo "\`bench/fleet/fleet.sh $counts $deadline\` on $(date -u +%Y-%m-%d), $(nproc) cores, $(java -version 2>&1 | head -1)."
  echo "N simulated devices start at the same instant; each fetches a 10 KiB script, its own 2 KiB config"
  echo "and a 32 MiB image, half of them over TFTP (blksize 1468, windowsize 16, the bench's own RFC 7440"
  echo "client in \`org.ztp4j.tftp.bench.BenchTftpClient\`) and half over HTTP (\`HttpURLConnection\`), each"
  echo "file checked by size and CRC-32 (every TFTP read has its own UDP port, all opened before the start, so no"
  echo "device reuses a port another just left). Server: one JVM (\`-Xmx$server_heap\`) running \`TftpServer\` (session"
  echo "caps raised to 8192, since every device is 127.0.0.1) and \`HttpFileServer\` (Netty: a download holds no"
  echo "thread; the worker threads in the table only look files up, 128 is the library default; a device turned"
  echo "away counts as a failure here, as the bench does not retry, where a real device would)."
  echo "Clients run in a second JVM, one thread per device, on the same 2 cores, so the times are an upper"
  echo "bound. Per-device times are from the first request to the last byte of the image; peak heap is the"
  echo "server's \`MemoryMXBean\` heap use sampled every 20 ms, peak threads the server's \`ThreadMXBean\` peak."
  echo "UDP drops: datagrams the kernel dropped during the run because a socket's receive buffer was full, and"
  echo "datagrams that arrived for a port nobody had open (\`RcvbufErrors\` and \`NoPorts\` in /proc/net/snmp, whole machine)."
  echo
  echo "| devices | HTTP threads | failures | wall (s) | all devices p50 / p99 (s) | TFTP devices p50 / p99 (s) | HTTP devices p50 / p99 (s) | slowest (s) | aggregate MiB/s | server peak heap | server peak threads | UDP drops: buffer full / no port |"
  echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  cat "$rows"
  listing failures "Failures" "kinds and first examples"
  listing warnings "Server warnings" "first 8"
  echo
} > "$out"
replace_section docs/benchmarks.md "${SECTION:-fleet}" "$out"
cat "$out"
exit 0
