#!/usr/bin/env bash
# TFTP throughput and concurrency: ztp4j's TftpServer against tftpd-hpa (in.tftpd), atftpd and
# dnsmasq's TFTP on loopback, the same file (64 MiB by default), the same clients (tftp-hpa, atftp,
# curl), best of N runs each. dnsmasq serves TFTP on port 69 only, so that port must be free.
# Each row downloads from every server in turn, RUNS rounds, and reports each server's median: a
# shared machine drifts, and interleaving makes the drift hit every server alike.
# Writes the "tftp" section of docs/benchmarks.md (SECTION=name for another). Builds nothing: it
# runs org.ztp4j.tftp.TftpBenchServer from the compiled test classes, so build first:
#
#   mvn -B -q -pl ztp-tftp test-compile dependency:build-classpath \
#       -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
#   bench/tftp/bench.sh [SIZE_MIB] [RUNS] [CLIENTS]
#
# CLIENTS=0 skips the many-clients part. Environment: LOCKSTEP_BLKSIZES (default "512 1468 8192 65464",
# the tftp-hpa client row runs when 512 is in it), WINDOW_BLKSIZES (same default), WARMUP=0 to skip
# each row's warm-up download, STALL_S (default 30): a download whose file stops growing that long,
# or that averages under 1 MiB/s after 20 s, counts as stalled.
#
# Needs tftpd-hpa, tftp-hpa, atftp, curl, dnsmasq, bc; atftpd is fetched with `apt-get download` and unpacked
# into a temporary directory (the Debian package conflicts with tftpd-hpa). Everything stays on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/../.."
size_mib=${1:-64}
runs=${2:-3}
clients=${3:-500}
section=${SECTION:-tftp}
lockstep_blksizes=${LOCKSTEP_BLKSIZES:-512 1468 8192 65464}
window_blksizes=${WINDOW_BLKSIZES:-512 1468 8192 65464}
warmup=${WARMUP:-1}
stall_s=${STALL_S:-30}
# Servers run on CPU 0 and clients on CPU 1 (PIN=0: anywhere). Unpinned, a lockstep transfer on
# loopback is as fast as the scheduler's placement of the two processes (same core or not) and
# runs differ by 3x from that alone; pinned, every transfer pays the same cross-core wake-up, as a
# real device pays the network's latency, and the clients cannot take CPU from the servers.
if [ "${PIN:-1}" = 1 ] && [ "$(nproc)" -ge 2 ]; then on_server="taskset -c 0" on_client="taskset -c 1"; else on_server="" on_client=""; fi
cp_file=ztp-tftp/target/bench-classpath.txt
[ -f "$cp_file" ] && [ -d ztp-tftp/target/test-classes ] || { sed -n '2,19p' "$0" >&2; exit 2; }
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
  for g in /sys/fs/cgroup/cpuacct/ztp-bench-*; do [ -d "$g" ] && rmdir "$g" 2>/dev/null || true; done
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
  $on_server java -Xms64m -cp "$classpath" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    org.ztp4j.tftp.TftpBenchServer "$root" $port_ours "$work/peak-heap" > "$work/ours.log" 2>&1 &
  ours_pid=$!
  pids+=("$ours_pid")
}
start_ours
$on_server /usr/sbin/in.tftpd -L -s "$root" -a 127.0.0.1:$port_hpa > "$work/hpa.log" 2>&1 &
pids+=($!)
$on_server "$atftpd" --daemon --no-fork --port $port_atftpd --bind-address 127.0.0.1 --maxthread $((clients + 100)) \
  --logfile /dev/null "$root" > "$work/atftpd.log" 2>&1 &
pids+=($!)
$on_server dnsmasq --keep-in-foreground --conf-file=/dev/null --port=0 --listen-address=127.0.0.1 --bind-interfaces \
  --enable-tftp --tftp-root="$root" --tftp-max=$((clients + 100)) --user=root --group=root \
  --pid-file="$work/dnsmasq.pid" --log-facility="$work/dnsmasq.log" > "$work/dnsmasq.out" 2>&1 &
pids+=($!)
sleep 2
# each server in a cpuacct cgroup of its own (cgroup v1, root only), so its CPU time can be read
# whatever it forks; nothing is measured where that is not possible
declare -A server_pids=([ztp4j]=$ours_pid [tftpd-hpa]=${pids[1]} [atftpd]=${pids[2]} [dnsmasq]=${pids[3]})
for name in "${!server_pids[@]}"; do
  g=/sys/fs/cgroup/cpuacct/ztp-bench-$name
  if mkdir -p "$g" 2>/dev/null && [ -w "$g/cgroup.procs" ]; then
    echo "${server_pids[$name]}" > "$g/cgroup.procs" 2>/dev/null || true
    for t in /proc/"${server_pids[$name]}"/task/*; do echo "${t##*/}" > "$g/tasks" 2>/dev/null || true; done
  fi
done

# watch_growth PID FILE: kills PID once FILE has not grown for $stall_s seconds, or has come slower
# than 1 MiB/s on average after 20 s (a transfer crawling from timeout to timeout)
watch_growth() {
  local pid=$1 file=$2 last=-1 still=0 size elapsed=0
  while kill -0 "$pid" 2>/dev/null; do
    sleep 2
    elapsed=$((elapsed + 2))
    size=$(stat -c %s "$file" 2>/dev/null || echo 0)
    if [ "$elapsed" -ge 20 ] && [ "$size" -lt $((elapsed * 1048576)) ]; then kill "$pid" 2>/dev/null; return; fi
    if [ "$size" = "$last" ]; then
      still=$((still + 2))
      if [ "$still" -ge "$stall_s" ]; then kill "$pid" 2>/dev/null; return; fi
    else
      still=0 last=$size
    fi
  done
}

# fetch SERVER_PORT CLIENT BLKSIZE WINDOW FILE DEST: one download with the named client; fails when
# the download stalls (see watch_growth)
fetch() {
  local port=$1 client=$2 blk=$3 win=$4 file=$5 dest=$6 pid watcher rc
  rm -f "$dest"
  case $client in
    tftp-hpa) $on_client tftp -m binary 127.0.0.1 "$port" -c get "$file" "$dest" ;;
    curl) $on_client curl -s -o "$dest" --tftp-blksize "$blk" "tftp://127.0.0.1:$port/$file" ;;
    atftp)
      if [ "$win" = 1 ]; then $on_client atftp --get -r "$file" -l "$dest" --option "blksize $blk" 127.0.0.1 "$port"
      else $on_client atftp --get -r "$file" -l "$dest" --option "blksize $blk" --option "windowsize $win" 127.0.0.1 "$port"; fi ;;
  esac >/dev/null 2>&1 &
  pid=$!
  watch_growth "$pid" "$dest" &
  watcher=$!
  wait "$pid" && rc=0 || rc=$?
  kill "$watcher" 2>/dev/null || true
  wait "$watcher" 2>/dev/null || true
  return "$rc"
}

# medians CLIENT BLKSIZE WINDOW PORT...: $runs rounds, each downloading image.bin once from every
# port in turn; prints each port's median time in seconds, or "fail" for a port whose download
# stalled or came out different (that port then sits out the remaining rounds)
medians() {
  local client=$1 blk=$2 win=$3 port t0 t1 dest=$work/out/image.bin
  shift 3
  local -A times=() failed=()
  if [ "$warmup" = 1 ]; then
    for port in "$@"; do fetch "$port" "$client" "$blk" "$win" image.bin "$dest" || failed[$port]=1; done
  fi
  for _ in $(seq "$runs"); do
    for port in "$@"; do
      [ -n "${failed[$port]:-}" ] && continue
      t0=$(date +%s.%N)
      fetch "$port" "$client" "$blk" "$win" image.bin "$dest" || true
      t1=$(date +%s.%N)
      if cmp -s "$dest" "$root/image.bin"; then times[$port]+="$(echo "$t1 - $t0" | bc -l) "; else failed[$port]=1; fi
    done
  done
  for port in "$@"; do
    if [ -n "${failed[$port]:-}" ]; then printf 'fail '
    else printf '%s ' "$(printf '%s\n' ${times[$port]} | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')"; fi
  done
  echo
}

# A server that has run for a while is warm: before any row, ztp4j serves 5 rounds of a 16 MiB file
# with every client, block size and window the rows use, so that the JIT has compiled the hot path.
# Cold, the compiler shares CPU 0 with the transfers and the first rows lose up to a fifth.
head -c $((16 * 1024 * 1024)) "$root/image.bin" > "$root/warm.bin"
for _ in 1 2 3 4 5; do
  fetch $port_ours tftp-hpa 512 1 warm.bin "$work/out/warm" || true
  for blk in 512 1468 8192 65464; do
    fetch $port_ours curl "$blk" 1 warm.bin "$work/out/warm" || true
    for win in 1 4 16; do fetch $port_ours atftp "$blk" "$win" warm.bin "$work/out/warm" || true; done
  done
done

mibs() { [ "$1" = fail ] && echo "stalled" || printf '%.1f' "$(echo "$size_mib / $1" | bc -l)"; }
ratio() { { [ "$1" = fail ] || [ "$2" = fail ]; } && echo "-" || printf '%.2f' "$(echo "$2 / $1" | bc -l)"; }

out=$work/section.md
{
  echo "## TFTP: ztp4j vs tftpd-hpa, atftpd and dnsmasq ($( [ "$size_mib" -ge 1024 ] && echo "$((size_mib / 1024)) GiB" || echo "$size_mib MiB") file)"
  echo
  echo "\`$( [ "$section" != tftp ] && echo "SECTION=$section ")$( [ "${LOCKSTEP_BLKSIZES+x}" ] && echo "LOCKSTEP_BLKSIZES=\"$lockstep_blksizes\" ")$( [ "$warmup" != 1 ] && echo "WARMUP=0 ")bench/tftp/bench.sh $size_mib $runs $clients\` on $(date -u +%Y-%m-%d), $(nproc) cores, $(java -version 2>&1 | head -1),"
  echo "tftpd-hpa $(dpkg-query -W -f '${Version}' tftpd-hpa 2>/dev/null), atftpd $("$atftpd" -V 2>&1 | head -1 | sed 's/[^0-9.]*//'), $(dnsmasq --version | head -1 | cut -d' ' -f1-3),"
  echo "loopback, a ${size_mib} MiB file in the page cache, every download checked with cmp;"
  if [ -n "$on_server" ]; then echo "every server pinned to CPU 0 and every client to CPU 1 (\`taskset\`): each server has one core, as each has on a host"
    echo "whose devices are elsewhere, and every packet pays the same cross-core wake-up (unpinned, the scheduler's placement alone moves lockstep figures 3x)."
  else echo "nothing pinned to a CPU (PIN=0 or one core)."; fi
  if [ "$runs" = 1 ]; then echo "Each row downloads the file once from every server in turn$( [ "$warmup" = 1 ] && echo ", after one warm-up round"), one figure each:"
  else echo "Each row downloads the file from every server in turn, $runs rounds$( [ "$warmup" = 1 ] && echo " after one warm-up round"), and shows each server's median:"; fi
  echo "interleaving makes the drift of a shared machine hit every server alike. ztp4j is measured warm (the JIT has compiled its"
  echo "hot path: the script first runs 5 rounds of a 16 MiB file through it at every block size), as a long-running server is."
  echo "Throughput in MiB/s; ratio = ours / theirs (above 1: ztp4j is faster)."
  echo "\"stalled\": the file stopped growing for $stall_s s, or came slower than 1 MiB/s on average after 20 s (a transfer"
  echo "crawling from timeout to timeout), or came out wrong; the download was stopped and the row has no ratio."
  echo
  echo "### Lockstep (RFC 1350 / 2348, one block per ACK)"
  echo
  echo "| client | blksize | ztp4j | tftpd-hpa | atftpd | dnsmasq | ztp4j / tftpd-hpa | ztp4j / atftpd | ztp4j / dnsmasq |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
} > "$out"

declare -A hpa_atftp=() # tftpd-hpa's lockstep time with the atftp client, per blksize: the windowed rows show it
row_lockstep() {
  local client=$1 blk=$2 o h a d
  read -r o h a d < <(medians "$client" "$blk" 1 $port_ours $port_hpa $port_atftpd $port_dnsmasq)
  [ "$client" = atftp ] && hpa_atftp[$blk]=$h
  echo "| $client | $blk | $(mibs "$o") | $(mibs "$h") | $(mibs "$a") | $(mibs "$d") | $(ratio "$o" "$h") | $(ratio "$o" "$a") | $(ratio "$o" "$d") |" >> "$out"
  tail -1 "$out"
}
case " $lockstep_blksizes " in *" 512 "*) row_lockstep tftp-hpa 512 ;; esac
for blk in $lockstep_blksizes; do row_lockstep curl "$blk"; done
for blk in $lockstep_blksizes; do row_lockstep atftp "$blk"; done

{
  echo
  echo "### Windowed (RFC 7440, atftp client \`--option \"windowsize W\"\`)"
  echo
  echo "tftpd-hpa does not implement windowsize and answers in lockstep: its column (from the lockstep atftp row) shows what a window buys."
  echo "ztp4j grants at most 64 KiB of data per window (\`maxWindowBytes\`) but always two blocks, so at blksize 8192 it answers windowsize 8"
  echo "whatever was asked, and at blksize 65464 windowsize 2: the client's default socket receive buffer (212992 bytes on Linux) holds"
  echo "12 datagrams of 8 KiB and 3 of 64 KiB, and a burst of more overflows it; the transfer then crawls from timeout to timeout,"
  echo "as atftpd's figures there show."
  echo
  echo "| blksize | windowsize | ztp4j | atftpd | dnsmasq | tftpd-hpa (lockstep) | ztp4j / atftpd | ztp4j / dnsmasq |"
  echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
} >> "$out"
for blk in $window_blksizes; do
  h=${hpa_atftp[$blk]:-}
  for win in 4 8 16 32; do
    read -r o a d < <(medians atftp "$blk" "$win" $port_ours $port_atftpd $port_dnsmasq)
    echo "| $blk | $win | $(mibs "$o") | $(mibs "$a") | $(mibs "$d") | $([ -n "$h" ] && mibs "$h" || echo "-") | $(ratio "$o" "$a") | $(ratio "$o" "$d") |" >> "$out"
    tail -1 "$out"
  done
done

# concurrency: $clients curl downloads of small.bin started at once (blksize 1468, lockstep), from
# a cpuacct cgroup of their own when there is one; prints wall time, intact files, client CPU seconds
concurrent() {
  local port=$1 t0 t1 ok c0 c1 g=/sys/fs/cgroup/cpuacct/ztp-bench-clients
  rm -rf "$work/many"; mkdir -p "$work/many"
  c0=$(cat "$g/cpuacct.usage" 2>/dev/null || echo 0)
  t0=$(date +%s.%N)
  # shellcheck disable=SC2016 # expanded by the inner shell, which first moves itself into the cgroup
  seq "$clients" | bash -c '[ -w "$1/cgroup.procs" ] && echo $$ > "$1/cgroup.procs"; shift; exec "$@"' _ "$g" \
    $on_client xargs -P "$clients" -I{} \
    curl -s -o "$work/many/{}" --max-time 120 --tftp-blksize 1468 "tftp://127.0.0.1:$port/small.bin" || true
  t1=$(date +%s.%N)
  c1=$(cat "$g/cpuacct.usage" 2>/dev/null || echo 0)
  ok=0
  for f in "$work"/many/*; do cmp -s "$f" "$root/small.bin" && ok=$((ok + 1)); done
  printf '%s %s %s\n' "$(echo "$t1 - $t0" | bc -l)" "$ok" "$(echo "($c1 - $c0) / 1000000000" | bc -l)"
}
# server_cpu NAME: CPU seconds the server's processes (children included) have used, from a cgroup
# v1 cpuacct group of its own made at start; "-" without one
server_cpu() {
  local f=/sys/fs/cgroup/cpuacct/ztp-bench-$1/cpuacct.usage
  [ -r "$f" ] && echo "scale=2; $(cat "$f") / 1000000000" | bc -l || echo -
}
if [ "$clients" -gt 0 ]; then
  {
    echo
    echo "### $clients clients at once"
    echo
    echo "$clients curl processes started together (\`xargs -P $clients\`), each fetching the same 1 MiB file at blksize 1468;"
    echo "wall time until the last one finished (median of 3 rounds, servers in turn), and how many got the file intact in all rounds."
    echo
    echo "Server CPU: the CPU time the server's processes (forked children and threads included) used over the 3 rounds,"
    echo "from a cgroup of its own: what serving ${clients} MiB to $clients clients costs the server, whoever waits for whom."
    echo "Client CPU: the CPU time the $clients curl processes used in the median round, from a cgroup of their own."
    echo "The clients have one core between them; when their CPU time is close to the wall time, that core was"
    echo "busy all along and the wall time measures the clients more than the server."
    echo
    echo "| server | wall time (s) | complete downloads | aggregate MiB/s | client CPU, median round (s) | server CPU, 3 rounds (s) |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: |"
  } >> "$out"
  mkdir -p /sys/fs/cgroup/cpuacct/ztp-bench-clients 2>/dev/null || true
  declare -A ctimes=() cok=() cpu0=()
  for name in ztp4j tftpd-hpa atftpd dnsmasq; do cpu0[$name]=$(server_cpu "$name"); done
  for _ in 1 2 3; do
    for s in ztp4j:$port_ours tftpd-hpa:$port_hpa atftpd:$port_atftpd dnsmasq:$port_dnsmasq; do
      read -r t ok ccpu < <(concurrent "${s#*:}")
      ctimes[${s%%:*}]+="$t:$ccpu "
      cok[${s%%:*}]=$(( ${cok[${s%%:*}]:-0} + ok ))
    done
  done
  for name in ztp4j tftpd-hpa atftpd dnsmasq; do
    read -r t ccpu < <(printf '%s\n' ${ctimes[$name]} | sort -g | awk -F: '{a[NR] = $1 " " $2} END {print a[2]}')
    cpu=$(server_cpu "$name")
    [ "$cpu" != - ] && cpu=$(printf '%.2f' "$(echo "$cpu - ${cpu0[$name]}" | bc -l)")
    [ -r /sys/fs/cgroup/cpuacct/ztp-bench-clients/cpuacct.usage ] && ccpu=$(printf '%.2f' "$ccpu") || ccpu=-
    printf '| %s | %.2f | %s / %s | %.1f | %s | %s |\n' "$name" "$t" "${cok[$name]}" "$((3 * clients))" "$(echo "$clients / $t" | bc -l)" "$ccpu" "$cpu" >> "$out"
    tail -1 "$out"
  done
fi
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
replace_section docs/benchmarks.md "$section" "$out"
cat "$out"
