#!/usr/bin/env bash
# HTTP image serving: ztp4j's HttpFileServer against nginx (sendfile on) on loopback, the same file
# from the same directory. One download at a time (best of N) and 8 at once (best of N, aggregate).
# Writes the "http" section of docs/benchmarks.md.
#
#   bench/http/bench.sh [SIZE_MIB] [PASSES]          # defaults: 1024 MiB, 3 passes
# Needs: java 17, maven (builds ztp-tftp's test classes), curl, nginx (apt-get install -y nginx), bc.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/fleet/servers.sh
size_mib=${1:-1024}
passes=${2:-3}
command -v nginx >/dev/null || { echo "needs nginx: apt-get install -y nginx" >&2; exit 2; }
command -v curl >/dev/null || { echo "needs curl: apt-get install -y curl" >&2; exit 2; }
command -v bc >/dev/null || { echo "needs bc: apt-get install -y bc" >&2; exit 2; }
CP=$(bench_classpath)

work=$(mktemp -d)
nginx_pid=""
cleanup() {
  exec 3>&- 2>/dev/null || true
  [ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null || true
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
chmod 755 "$work"
root=$work/root; mkdir -p "$root"
head -c $((size_mib * 1024 * 1024)) /dev/urandom > "$root/image.bin"
chmod 644 "$root/image.bin"
cat "$root/image.bin" > /dev/null   # into the page cache for both servers

nginx_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$work/nginx"
cat > "$work/nginx/nginx.conf" <<CONF
$( [ "$(id -u)" = 0 ] && echo "user root;" )
worker_processes auto;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  default_type application/octet-stream;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    root $root;
  }
}
CONF
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" &
nginx_pid=$!
start_servers "$work" "$root" 256m
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$nginx_port/image.bin" -r 0-0 && break; sleep 0.1; done

bytes=$((size_mib * 1024 * 1024))
single() { # URL -> best MiB/s of $passes
  local best=0 s
  for _ in $(seq "$passes"); do
    s=$(curl -s -o /dev/null -w '%{speed_download}' "$1")
    best=$(echo "if ($s > $best) $s else $best" | bc -l)
  done
  echo "$best / 1048576" | bc -l
}
parallel8() { # URL -> best aggregate MiB/s of $passes rounds of 8 downloads at once
  local best=0
  for _ in $(seq "$passes"); do
    local t0 t1 pids=() sizes
    t0=$(date +%s.%N)
    for k in $(seq 8); do
      curl -s -o /dev/null -w '%{size_download}\n' "$1" > "$work/p$k" & pids+=($!)
    done
    wait "${pids[@]}"
    t1=$(date +%s.%N)
    sizes=$(cat "$work"/p[1-8] | sort -u)
    [ "$sizes" = "$bytes" ] || { echo "a parallel download was short: $sizes" >&2; exit 1; }
    local r
    r=$(echo "8 * $size_mib / ($t1 - $t0)" | bc -l)
    best=$(echo "if ($r > $best) $r else $best" | bc -l)
  done
  echo "$best"
}
ours_url="http://127.0.0.1:$HTTP_PORT/image.bin"
nginx_url="http://127.0.0.1:$nginx_port/image.bin"
[ "$(curl -s -o /dev/null -w '%{size_download}' "$ours_url")" = "$bytes" ] || { echo "ztp4j served a short file" >&2; exit 1; }
[ "$(curl -s -o /dev/null -w '%{size_download}' "$nginx_url")" = "$bytes" ] || { echo "nginx served a short file" >&2; exit 1; }
ours1=$(single "$ours_url"); nginx1=$(single "$nginx_url")
ours8=$(parallel8 "$ours_url"); nginx8=$(parallel8 "$nginx_url")
stop_servers
heap_mib=$(( $(stat_of "$work" peak_heap_bytes) / 1048576 ))

out=$(mktemp)
{
  echo "## HTTP image serving vs nginx"
  echo
  echo "\`bench/http/bench.sh $size_mib $passes\` on $(date -u +%Y-%m-%d), $(nproc) cores, $(java -version 2>&1 | head -1),"
  echo "$(nginx -v 2>&1 | sed 's/^nginx version: //') (\`sendfile on\`, \`worker_processes auto\`, access log off), $(curl --version | head -1 | cut -d' ' -f1-2)."
  echo "A ${size_mib} MiB random file in the page cache, served from the same directory on 127.0.0.1 by"
  echo "\`HttpFileServer\` (Netty, files by sendfile; 32 worker threads for lookups, \`-Xmx256m\`) and by nginx; \`curl -o /dev/null\` as the client."
  echo "Best of $passes for one download, and best of $passes rounds of 8 downloads at once (aggregate)."
  echo
  echo "| case | ztp4j MiB/s | nginx MiB/s | ztp4j / nginx |"
  echo "| --- | ---: | ---: | ---: |"
  printf '| 1 download | %.0f | %.0f | %.2f |\n' "$ours1" "$nginx1" "$(echo "$ours1 / $nginx1" | bc -l)"
  printf '| 8 parallel downloads (aggregate) | %.0f | %.0f | %.2f |\n' "$ours8" "$nginx8" "$(echo "$ours8 / $nginx8" | bc -l)"
  echo
  echo "ztp4j's server heap peaked at ${heap_mib} MiB during the run (MemoryMXBean, sampled every 20 ms)."
  echo "nginx is only the yardstick here; CI does not need it (the bench is not a test)."
  echo
} > "$out"
. bench/lib.sh
replace_section docs/benchmarks.md http "$out"
cat "$out"
rm -f "$out"
