#!/usr/bin/env bash
# TFTP throughput and concurrency: ztp4j's TftpServer against tftpd-hpa (in.tftpd), atftpd and
# dnsmasq's TFTP on loopback, the same file (64 MiB by default), the same clients (tftp-hpa, atftp,
# curl), best of N runs each. dnsmasq serves TFTP on port 69 only, so that port must be free.
# Writes the "tftp" section of docs/benchmarks.md. Builds nothing: it runs org.ztp4j.tftp.TftpBenchServer from the
# compiled test classes, so build first:
#
#   mvn -B -q -pl ztp-tftp test-compile dependency:build-classpath \
#       -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
#   bench/tftp/bench.sh [SIZE_MIB] [RUNS] [CLIENTS]
#
# Needs tftpd-hpa, tftp-hpa, atftp, curl, dnsmasq, bc; atftpd is fetched with `apt-get download` and unpacked
# into a temporary directory (the Debian package conflicts with tftpd-hpa). Everything stays on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/../.."
size_mib=${1:-64}
runs=${2:-3}
clients=${3:-500}
cp_file=ztp-tftp/target/bench-classpath.txt
[ -f "$cp_file" ] && [ -d ztp-tftp/target/test-classes ] || { sed -n '4,9p' "$0" >&2; exit 2; }
for tool in in.tftpd tftp atftp curl bc dnsmasq; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || { echo "needs $tool" >&2; exit 2; }
done
work=$(mktemp -d)
# a private copy: a build running meanwhile must not change the classes under the server's feet
mkdir -p "$work/lib" "$work/classes"
cp -r ztp-tftp/target/classes/. ztp-tftp/target/test-classes/. "$work/classes/"
tr ':' '\n' < "$cp_file" | while read -r jar; do [ -n "$jar" ] && cp "$jar" "$work/lib/"; done
classpath="$work/classes:$work/lib/*"

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

root=$work/root
mkdir -p "$root" "$work/out" "$work/atftpd"
chmod 755 "$work" "$root"
head -c $((size_mib * 1024 * 1024)) /dev/urandom > "$root/image.bin"
head -c $((1024 * 1024)) /dev/urandom > "$root/small.bin"
chmod 644 "$root"/*
cat "$root"/* > /dev/null

(cd "$work/atftpd" && apt-get download atftpd >/dev/null 2>&1 && dpkg -x atftpd_*.deb x)
atftpd=$work/atftpd/x/usr/sbin/atftpd
[ -x "$atftpd" ] || { echo "could not fetch atftpd (apt-get download atftpd)" >&2; exit 2; }

port_ours=17069 port_hpa=17070 port_atftpd=17071 port_dnsmasq=69

start_ours() {
  java -Xms64m -cp "$classpath" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    org.ztp4j.tftp.TftpBenchServer "$root" $port_ours "$work/peak-heap" > "$work/ours.log" 2>&1 &
  ours_pid=$!
  pids+=("$ours_pid")
}
start_ours
/usr/sbin/in.tftpd -L -s "$root" -a 127.0.0.1:$port_hpa > "$work/hpa.log" 2>&1 &
pids+=($!)
"$atftpd" --daemon --no-fork --port $port_atftpd --bind-address 127.0.0.1 --maxthread $((clients + 50)) \
  --logfile /dev/null "$root" > "$work/atftpd.log" 2>&1 &
pids+=($!)
dnsmasq --keep-in-foreground --conf-file=/dev/null --port=0 --listen-address=127.0.0.1 --bind-interfaces \
  --enable-tftp --tftp-root="$root" --tftp-max=$((clients + 50)) --user=root --group=root \
  --pid-file="$work/dnsmasq.pid" --log-facility="$work/dnsmasq.log" > "$work/dnsmasq.out" 2>&1 &
pids+=($!)
sleep 2

# fetch SERVER_PORT CLIENT BLKSIZE WINDOW FILE DEST: one download with the named client, at most 30 s
fetch() {
  local port=$1 client=$2 blk=$3 win=$4 file=$5 dest=$6
  case $client in
    tftp-hpa) timeout 30 tftp -m binary 127.0.0.1 "$port" -c get "$file" "$dest" ;;
    curl) timeout 30 curl -s -o "$dest" --tftp-blksize "$blk" "tftp://127.0.0.1:$port/$file" ;;
    atftp)
      if [ "$win" = 1 ]; then timeout 30 atftp --get -r "$file" -l "$dest" --option "blksize $blk" 127.0.0.1 "$port"
      else timeout 30 atftp --get -r "$file" -l "$dest" --option "blksize $blk" --option "windowsize $win" 127.0.0.1 "$port"; fi ;;
  esac >/dev/null 2>&1
}

# best PORT CLIENT BLKSIZE WINDOW: fastest of $runs downloads of image.bin (s), or "fail" when a
# download did not complete within 30 s or came out different
best() {
  local b="" t0 t1 d dest=$work/out/image.bin
  fetch "$1" "$2" "$3" "$4" image.bin "$dest" || { echo fail; return; } # warm-up
  for _ in $(seq "$runs"); do
    rm -f "$dest"
    t0=$(date +%s.%N)
    fetch "$1" "$2" "$3" "$4" image.bin "$dest" || true
    t1=$(date +%s.%N)
    cmp -s "$dest" "$root/image.bin" || { echo fail; return; }
    d=$(echo "$t1 - $t0" | bc -l)
    if [ -z "$b" ] || [ "$(echo "$d < $b" | bc -l)" = 1 ]; then b=$d; fi
  done
  echo "$b"
}

# a server that has run for a while is warm: let the JIT compile ztp4j's hot path first
for _ in 1 2 3; do
  fetch $port_ours atftp 512 16 image.bin "$work/out/warm" || true
  fetch $port_ours curl 512 1 image.bin "$work/out/warm" || true
  fetch $port_ours tftp-hpa 512 1 image.bin "$work/out/warm" || true
done

mibs() { [ "$1" = fail ] && echo "stalled (> 30 s)" || printf '%.1f' "$(echo "$size_mib / $1" | bc -l)"; }
ratio() { { [ "$1" = fail ] || [ "$2" = fail ]; } && echo "-" || printf '%.2f' "$(echo "$2 / $1" | bc -l)"; }

out=$work/section.md
{
  echo "## TFTP: ztp4j vs tftpd-hpa, atftpd and dnsmasq"
  echo
  echo "\`bench/tftp/bench.sh $size_mib $runs $clients\` on $(date -u +%Y-%m-%d), $(nproc) cores, $(java -version 2>&1 | head -1),"
  echo "tftpd-hpa $(dpkg-query -W -f '${Version}' tftpd-hpa 2>/dev/null), atftpd $("$atftpd" -V 2>&1 | head -1 | sed 's/[^0-9.]*//'), $(dnsmasq --version | head -1 | cut -d' ' -f1-3),"
  echo "loopback, a ${size_mib} MiB file in the page cache, best of $runs downloads after one warm-up, every download checked with cmp."
  echo "Throughput in MiB/s; ratio = ours / theirs (above 1: ztp4j is faster). The machine is shared and noisy: read the ratios."
  echo "\"stalled\": a download did not finish within 30 s (or came out wrong), so the row has no ratio."
  echo
  echo "### Lockstep (RFC 1350 / 2348, one block per ACK)"
  echo
  echo "| client | blksize | ztp4j | tftpd-hpa | atftpd | dnsmasq | ztp4j / tftpd-hpa | ztp4j / atftpd | ztp4j / dnsmasq |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
} > "$out"

row_lockstep() {
  local client=$1 blk=$2 o h a d
  o=$(best $port_ours "$client" "$blk" 1)
  h=$(best $port_hpa "$client" "$blk" 1)
  a=$(best $port_atftpd "$client" "$blk" 1)
  d=$(best $port_dnsmasq "$client" "$blk" 1)
  echo "| $client | $blk | $(mibs "$o") | $(mibs "$h") | $(mibs "$a") | $(mibs "$d") | $(ratio "$o" "$h") | $(ratio "$o" "$a") | $(ratio "$o" "$d") |" >> "$out"
  tail -1 "$out"
}
row_lockstep tftp-hpa 512
for blk in 512 1468 8192 65464; do row_lockstep curl "$blk"; done
for blk in 512 1468 8192 65464; do row_lockstep atftp "$blk"; done

{
  echo
  echo "### Windowed (RFC 7440, atftp client \`--option \"windowsize W\"\`)"
  echo
  echo "tftpd-hpa does not implement windowsize and answers in lockstep: its column shows what a window buys."
  echo "ztp4j grants at most 64 KiB of data per window (\`maxWindowBytes\`), so at blksize 8192 it answers windowsize 8"
  echo "whatever was asked (and at blksize 65464, lockstep): a burst of 16 blocks of 8 KiB overflows the client's default socket receive buffer"
  echo "(212992 bytes on Linux) and the transfer then crawls from timeout to timeout, as atftpd's figures there show."
  echo
  echo "| blksize | windowsize | ztp4j | atftpd | dnsmasq | tftpd-hpa (lockstep) | ztp4j / atftpd | ztp4j / dnsmasq |"
  echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
} >> "$out"
for blk in 512 1468 8192 65464; do
  h=$(best $port_hpa atftp "$blk" 1)
  for win in 4 8 16 32; do
    o=$(best $port_ours atftp "$blk" "$win")
    a=$(best $port_atftpd atftp "$blk" "$win")
    d=$(best $port_dnsmasq atftp "$blk" "$win")
    echo "| $blk | $win | $(mibs "$o") | $(mibs "$a") | $(mibs "$d") | $(mibs "$h") | $(ratio "$o" "$a") | $(ratio "$o" "$d") |" >> "$out"
    tail -1 "$out"
  done
done

# concurrency: $clients curl downloads of small.bin started at once (blksize 1468, lockstep)
concurrent() {
  local port=$1 t0 t1 ok
  rm -rf "$work/many"; mkdir -p "$work/many"
  t0=$(date +%s.%N)
  seq "$clients" | xargs -P "$clients" -I{} \
    curl -s -o "$work/many/{}" --max-time 120 --tftp-blksize 1468 "tftp://127.0.0.1:$port/small.bin" || true
  t1=$(date +%s.%N)
  ok=0
  for f in "$work"/many/*; do cmp -s "$f" "$root/small.bin" && ok=$((ok + 1)); done
  printf '%s %s\n' "$(echo "$t1 - $t0" | bc -l)" "$ok"
}
{
  echo
  echo "### $clients clients at once"
  echo
  echo "$clients curl processes started together (\`xargs -P $clients\`), each fetching the same 1 MiB file at blksize 1468;"
  echo "wall time until the last one finished, and how many got the file intact."
  echo
  echo "| server | wall time (s) | complete downloads | aggregate MiB/s |"
  echo "| --- | ---: | ---: | ---: |"
} >> "$out"
for s in ztp4j:$port_ours tftpd-hpa:$port_hpa atftpd:$port_atftpd dnsmasq:$port_dnsmasq; do
  read -r t ok < <(concurrent "${s#*:}")
  printf '| %s | %.2f | %s / %s | %.1f |\n' "${s%%:*}" "$t" "$ok" "$clients" "$(echo "$ok / $t" | bc -l)" >> "$out"
  tail -1 "$out"
done
rss=$(awk '/VmHWM/ {print $2}' /proc/$ours_pid/status)
kill "$ours_pid"; wait "$ours_pid" 2>/dev/null || true
peak=$(cat "$work/peak-heap" 2>/dev/null || echo 0)
{
  echo
  echo "ztp4j server process over the whole run (all of the above): peak heap used $((peak / 1024 / 1024)) MiB"
  echo "(sampled every 10 ms), peak resident set $((rss / 1024)) MiB (VmHWM, JVM included)."
  echo
} >> "$out"
mkdir -p docs
. bench/lib.sh
replace_section docs/benchmarks.md tftp "$out"
cat "$out"
