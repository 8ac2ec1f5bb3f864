#!/usr/bin/env bash
# Starvation: does a device still get its image at normal speed while an attacker holds slow HTTP
# connections and TFTP sessions? `ztp serve` (default settings) serves a 16 MiB file; curl downloads it
# over HTTP from 127.0.0.1, alternately with no load and while org.ztp4j.tftp.bench.StarveLoad holds
# SLOWLORIS connections trickling a request head (one byte every 2 s, never finished), SLOW_READERS
# connections reading the 16 MiB file a few bytes a second through a 4 KiB receive buffer, and SESSIONS
# TFTP read requests (timeout=255, blksize=65464, tsize) that are never acknowledged, each from many
# source addresses; whatever the server drops, the load opens again at once. Rounds alternate
# (unloaded, loaded, unloaded, ...) so that the machine's noise falls on both alike. Also measures the
# server's resident memory while the load is held, and a small TFTP fetch (tftp-hpa) under load.
# Writes the section "starve" of docs/benchmarks.md.
#
#   bench/burst/starve.sh [ROUNDS] [SLOWLORIS] [SLOW_READERS] [SESSIONS]   # defaults 5 150 150 1000
#
# ZTP_JAR=path runs that jar instead of building this checkout's.
# Needs: java 17, maven, curl, tftp-hpa's tftp, python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh
. bench/fleet/servers.sh
. bench/burst/common.sh
rounds=${1:-5}
slowloris=${2:-150}
readers=${3:-150}
sessions=${4:-1000}
downloads=3 # per phase and round
for tool in curl tftp python3; do
  command -v "$tool" >/dev/null || { echo "starve.sh needs $tool" >&2; exit 2; }
done
if [ -z "${ZTP_JAR:-}" ]; then
  flock /tmp/ztp-mvn.lock mvn -B -q -o -DskipTests package >&2 # the jar of this checkout, not an older one
fi
jar=${ZTP_JAR:-ztp-examples/target/ztp.jar}
CP=$(bench_classpath)

work=$(mktemp -d)
pids=()
load_pid=""
cleanup() { for p in "${pids[@]}" $load_pid; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$work/root"
head -c $((16 << 20)) /dev/urandom > "$work/root/big.bin"
head -c 65536 /dev/urandom > "$work/root/small.bin"
burst_inventory "$work/inventory.csv" 10
http_port=17390 tftp_port=17391
java -jar "$jar" serve --root "$work/root" --inventory "$work/inventory.csv" --state-dir "$work/state" \
  --tftp-port $tftp_port --http-port $http_port --var admin_user=admin --var admin_password=Xq7vRt9pLm2w > "$work/ztp.log" 2>&1 &
ztp_pid=$!; pids+=("$ztp_pid")
for _ in $(seq 150); do curl -sf -o /dev/null "http://127.0.0.1:$http_port/small.bin" && break; sleep 0.2; done
curl -sf -o /dev/null "http://127.0.0.1:$http_port/small.bin" || { echo "ztp serve did not start:" >&2; cat "$work/ztp.log" >&2; exit 1; }

rss() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$ztp_pid/status"; }
download() { curl -sf -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$http_port/big.bin"; }
for _ in 1 2 3; do download > /dev/null; done # warm up: the JIT, the page cache
rss_idle=$(rss)

: > "$work/unloaded" ; : > "$work/loaded" ; : > "$work/rss" ; : > "$work/tftp" ; : > "$work/held"
for r in $(seq "$rounds"); do
  for _ in $(seq $downloads); do download >> "$work/unloaded"; done
  java -cp "$CP" org.ztp4j.tftp.bench.StarveLoad $http_port $tftp_port big.bin "$slowloris" "$readers" "$sessions" 15 4 \
    > "$work/load.out" 2>&1 &
  load_pid=$!
  sleep 20 # every connection and session opened, the TFTP ones past their first resend
  for _ in $(seq $downloads); do download >> "$work/loaded"; rss >> "$work/rss"; done
  t0=$(date +%s.%N)
  if timeout 60 tftp 127.0.0.1 $tftp_port -m binary -c get small.bin "$work/small.got" && cmp -s "$work/small.got" "$work/root/small.bin"; then
    echo "$(echo "$(date +%s.%N) - $t0" | bc -l)" >> "$work/tftp"
  else
    echo "failed" >> "$work/tftp"
  fi
  rss >> "$work/rss"
  tail -1 "$work/load.out" >> "$work/held"
  kill "$load_pid"; wait "$load_pid" 2>/dev/null || true
  load_pid=""
  rm -f "$work/small.got"
  sleep 30 # the server gives the abandoned TFTP sessions up (25 s without progress) and the load is gone
done
hwm=$(awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$ztp_pid/status")
refusals=$(grep -c "refused:" "$work/ztp.log" || true)
head_drops=$(grep -c "request head not complete" "$work/ztp.log" || true)
stalls=$(grep -c "client stopped reading" "$work/ztp.log" || true)
tftp_gaveup=$(grep -c "no progress for" "$work/ztp.log" || true)
kill "$ztp_pid"; wait "$ztp_pid" 2>/dev/null || true

summary=$(python3 - "$work" <<'PY'
import statistics, sys
w = sys.argv[1]
def nums(name):
    return [float(x) for x in open(f"{w}/{name}").read().split() if x != "failed"]
u, l = nums("unloaded"), nums("loaded")
mu, ml = statistics.median(u), statistics.median(l)
rss = [int(x) for x in open(f"{w}/rss").read().split()]
tftp = open(f"{w}/tftp").read().split()
ok = [float(x) for x in tftp if x != "failed"]
print(f"mu={mu:.4f} ml={ml:.4f} ratio={mu / ml:.2f} nu={len(u)} nl={len(l)} umin={min(u):.4f} umax={max(u):.4f}"
      f" lmin={min(l):.4f} lmax={max(l):.4f} rssmax={max(rss)} rssmed={int(statistics.median(rss))}"
      f" tftp_ok={len(ok)} tftp_n={len(tftp)} tftp_med={statistics.median(ok) if ok else float('nan'):.2f}")
PY
)
echo "$summary" >&2
v() { echo "$summary" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
held=$(sed -n 's/^held //p' "$work/held" | head -1)

out=$work/section.md
{
  echo "## Starvation: a device's 16 MiB download while slow clients and held TFTP sessions press on the server"
  echo
  echo "\`bench/burst/starve.sh $rounds $slowloris $readers $sessions\` on $(date -u +%Y-%m-%d), $(nproc) cores, $(java -version 2>&1 | head -1)."
  echo "\`ztp serve\` with its default settings (default JVM heap) serves a 16 MiB file; curl downloads it over HTTP from"
  echo "127.0.0.1, $downloads times with no load, then $downloads times while \`org.ztp4j.tftp.bench.StarveLoad\` holds"
  echo "$slowloris slowloris connections (a request head trickled one byte every 2 s, never finished), $readers slow readers"
  echo "(a whole GET of the 16 MiB file, then 8 bytes read a second through a 4 KiB receive buffer), 15 from each address,"
  echo "and $sessions TFTP read requests of the same file asking \`timeout=255\`, \`blksize=65464\` and \`tsize\`, never"
  echo "acknowledged, 4 from each of $(( (sessions + 3) / 4 )) addresses; whatever the server drops, the load opens again at once."
  echo "$rounds rounds, alternating unloaded and loaded, so that the machine's noise falls on both alike; medians over"
  echo "all downloads of a phase. Speed ratio: unloaded median time / loaded median time (1.00: no slower under load)."
  echo "Memory: the server's resident set (VmRSS) sampled while the load was held. The TFTP fetch: tftp-hpa getting a"
  echo "64 KiB file from 127.0.0.1 while the load is held, once a round."
  echo "Load as last seen by the load generator in round 1: $held."
  echo
  echo "| 16 MiB download, unloaded: median (min..max) | loaded: median (min..max) | speed ratio | server RSS idle | RSS under load: median / max | peak RSS (VmHWM) | TFTP fetch under load |"
  echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  printf '| %s s (%s..%s), %s runs | %s s (%s..%s), %s runs | %sx | %s MiB | %s / %s MiB | %s MiB | %s of %s fetched, median %s s |\n' \
    "$(v mu)" "$(v umin)" "$(v umax)" "$(v nu)" "$(v ml)" "$(v lmin)" "$(v lmax)" "$(v nl)" "$(v ratio)" "$rss_idle" \
    "$(v rssmed)" "$(v rssmax)" "$hwm" "$(v tftp_ok)" "$(v tftp_n)" "$(v tftp_med)"
  echo
  echo "What the server did with the load over the whole run (its log): $head_drops connections closed at the header"
  echo "deadline (request head not complete within 10 s), $stalls slow readers dropped after 30 s without taking a byte,"
  echo "$tftp_gaveup TFTP transfers given up after 25 s without progress, $refusals connections or requests refused."
  echo "Each load lasts about 25 s, less than the stall timeout, so the slow readers stay connected all the while (a"
  echo "reader that takes nothing for 30 s is dropped: \`HttpDeadlinesIT\`)."
  echo
} > "$out"
replace_section docs/benchmarks.md starve "$out"
cat "$out"
