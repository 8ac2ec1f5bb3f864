#!/usr/bin/env bash
# A burst of devices booting at once over HTTP: `ztp serve` with its default settings against nginx,
# in one run. N NX-OS devices, each from an address of its own on the loopback network (127.10.x.y),
# each GET poap.py and then its own conf.<SERIAL> over HTTP/1.1 (keep-alive; a new connection when
# the server says Connection: close), all starting at the same instant
# (org.ztp4j.tftp.bench.HttpBurstBench). A refused or reset connection, an answer cut short, a
# status other than 200 or 60 s without a byte is a failure. Writes the section "http-burst" of
# docs/benchmarks.md.
#
#   bench/burst/http-burst.sh [DEVICES] [DEADLINE]      # DEVICES default 10000, DEADLINE 300 s per burst
#
# ztp serve takes the burst twice (cold: just started; warm); the first burst saves every file it
# read, and nginx then serves those same bytes from a folder: once with Debian's stock
# /etc/nginx/nginx.conf limits (worker_processes auto, worker_connections 768), once with
# worker_connections raised to 16384.
# ZTP_JAR=path runs that jar instead of the one this checkout builds (to measure an older build).
# Needs: java 17, maven, nginx, curl, python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh
. bench/fleet/servers.sh
. bench/burst/common.sh
n=${1:-10000}
deadline=${2:-300}
for tool in nginx curl python3; do
  command -v "$tool" >/dev/null || { echo "http-burst.sh needs $tool" >&2; exit 2; }
done
flock /tmp/ztp-mvn.lock mvn -B -q -DskipTests package >&2  # the jar of this checkout, not an older one
CP=$(bench_classpath)

work=$(mktemp -d)
chmod 755 "$work"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$work/files"
burst_inventory "$work/inventory.csv" "$n"

# tcp_counter NAME: a field of the TcpExt line in /proc/net/netstat (the whole machine)
tcp_counter() { net_counter /proc/net/netstat TcpExt: "$1"; }

rows=$work/rows.md
: > "$rows"
# burst NAME PORT [SAVE_DIR] [MEMORY_PID]: runs HttpBurstBench and adds a row
burst() {
  local name=$1 port=$2 save=${3:-} pid=${4:-}
  local overflows0 out=$work/burst.out
  overflows0=$(tcp_counter ListenOverflows)
  java -Xmx1g -cp "$CP" org.ztp4j.tftp.bench.HttpBurstBench "$port" "$n" "$deadline" poap.py 'conf.%s' $save > "$out"
  local overflows=$(( $(tcp_counter ListenOverflows) - overflows0 ))
  v() { sed -n "s/^$1=//p" "$out" | head -1; }
  local memory="-"
  if [ -n "$pid" ]; then memory="$(( $(awk '/VmHWM/ {print $2}' "/proc/$pid/status") / 1024 )) MiB"; fi
  local kinds
  kinds=$(sed -n 's/^failure_kind=//p' "$out" | head -3 | paste -sd ';' - | sed 's/|/\\|/g')
  printf '| %s | %s | %s | %s | %s | %s / %s | %s | %s | %s | %s |\n' "$name" "$(v devices)" "$(v failures)" "$(v connections)" \
    "$(v wall_seconds)" "$(v p50_seconds)" "$(v p99_seconds)" "$(v max_seconds)" "$memory" "$overflows" "${kinds:-}" >> "$rows"
  cat "$out" >&2
}

wait_for_http() { # PORT: until the server answers GET /poap.py
  for _ in $(seq 150); do
    if curl -sf -o /dev/null "http://127.0.0.1:$1/poap.py"; then return 0; fi
    sleep 0.2
  done
  echo "no HTTP server on port $1" >&2; return 1
}

port_ours=17280 port_nginx=17281
java -jar "${ZTP_JAR:-ztp-examples/target/ztp.jar}" serve --inventory "$work/inventory.csv" --tftp-port 17269 --http-port $port_ours \
  --var admin_user=admin --var admin_password=Xq7vRt9pLm2w > "$work/ztp.log" 2>&1 &
ztp_pid=$!; pids+=("$ztp_pid")
wait_for_http $port_ours
burst "ztp serve (cold)" $port_ours "$work/files" "$ztp_pid"
sleep 5
burst "ztp serve (warm)" $port_ours "" "$ztp_pid"
refused=$(grep -c 'refused: ' "$work/ztp.log" || true)
kill "$ztp_pid"; wait "$ztp_pid" 2>/dev/null || true
[ "$(ls "$work/files" | wc -l)" -gt "$n" ] || { echo "the first burst did not save every device's files" >&2; exit 1; }
chmod -R a+rX "$work/files"

# nginx_burst NAME WORKER_CONNECTIONS: nginx serving the saved files
nginx_burst() {
  local name=$1 connections=$2 dir=$work/nginx-$2
  mkdir -p "$dir"
  cat > "$dir/nginx.conf" <<CONF
$( [ "$(id -u)" = 0 ] && echo "user root;" )
worker_processes auto;
daemon off;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections $connections; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_timeout 65;
  default_type application/octet-stream;
  client_body_temp_path $dir/body;
  proxy_temp_path $dir/proxy;
  fastcgi_temp_path $dir/fastcgi;
  uwsgi_temp_path $dir/uwsgi;
  scgi_temp_path $dir/scgi;
  server {
    listen 127.0.0.1:$port_nginx;
    root $work/files;
  }
}
CONF
  nginx -c "$dir/nginx.conf" -p "$dir" &
  local pid=$!; pids+=("$pid")
  wait_for_http $port_nginx
  burst "$name" $port_nginx
  kill "$pid"; wait "$pid" 2>/dev/null || true
  sleep 1
}
nginx_burst "nginx (Debian's worker_connections 768)" 768
nginx_burst "nginx (worker_connections 16384)" 16384

out=$work/section.md
{
  echo "## A burst of $n devices booting at once over HTTP: \`ztp serve\` (defaults) vs nginx"
  echo
  echo "\`bench/burst/http-burst.sh $n $deadline\` on $(date -u +%Y-%m-%d), $(nproc) cores, $(java -version 2>&1 | head -1),"
  echo "$(nginx -v 2>&1 | sed 's/^nginx version: //'), \`somaxconn\` $(cat /proc/sys/net/core/somaxconn), open files limit $(ulimit -n)."
  echo "$n NX-OS devices, each from an address of its own (127.10.x.y), start at the same instant; each sends"
  echo "\`GET /poap.py\` and then \`GET /conf.<SERIAL>\` over HTTP/1.1 with keep-alive (a new connection when the"
  echo "server answers \`Connection: close\`), and gives up after 60 s without a byte"
  echo "(\`org.ztp4j.tftp.bench.HttpBurstBench\`: one thread drives every device, each with a socket of its own)."
  echo "A refused or reset connection, an answer cut short, a status other than 200 or giving up is a failure:"
  echo "a real device then starts its boot sequence again. \`ztp serve\` runs with its default settings and an"
  echo "inventory of the $n devices: it renders every script and day-0 when asked. It takes the burst twice: just"
  echo "started (cold), then again (warm). nginx serves the same bytes from a folder (the files the first burst"
  echo "read), with Debian's stock connection limit and with a raised one (\`sendfile on\`, access log off, listen backlog 511)."
  echo "Connections: TCP connections the devices opened. Listen overflows: connection attempts the kernel"
  echo "dropped because a listening socket's accept queue was full (TcpExt ListenOverflows, whole machine;"
  echo "the client's SYN is resent a second later, so this is delay, not failure). Memory: the server's peak resident set (VmHWM;"
  echo "the JVM's default heap limit is a quarter of the machine's memory)."
  echo "\`ztp serve\` logged $refused refusals (\"refused:\" lines) over both bursts."
  echo
  echo "| server | devices | failures | connections | wall (s) | p50 / p99 per device (s) | slowest (s) | server peak memory | listen overflows | failures, by kind |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
  cat "$rows"
  echo
} > "$out"
replace_section docs/benchmarks.md http-burst "$out"
cat "$out"
