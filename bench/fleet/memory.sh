#!/usr/bin/env bash
# Memory: the servers stream, they never hold a file. Serves a 4 GiB sparse file over HTTP (curl)
# and over TFTP (blksize 65464, lockstep and windowsize 16, the bench's own RFC 7440 client; the
# block number rolls over past 65535) from a server JVM limited to -Xmx64m, and checks every
# transfer delivered exactly 4294967296 bytes. Not timed: the small heap is the proof. Writes the
# "memory" section of docs/benchmarks.md.
#
#   bench/fleet/memory.sh
# Needs: java 17, maven (builds ztp-tftp's test classes), curl.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh
. bench/fleet/servers.sh
CP=$(bench_classpath)
work=$(mktemp -d); trap 'exec 3>&- 2>/dev/null || true; [ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null || true; rm -rf "$work"' EXIT
root=$work/root; mkdir -p "$root"
truncate -s 4G "$root/big.img"
want=4294967296

start_servers "$work" "$root" 64m
http=$(curl -s -o /dev/null -w '%{size_download}' "http://127.0.0.1:$HTTP_PORT/big.img")
tftp1=$(java -Xmx64m -cp "$CP" org.ztp4j.tftp.bench.BenchTftpGet "$TFTP_PORT" big.img 65464 1 | sed -n 's/^bytes=\([0-9]*\).*/\1/p')
tftp16=$(java -Xmx64m -cp "$CP" org.ztp4j.tftp.bench.BenchTftpGet "$TFTP_PORT" big.img 65464 16 | sed -n 's/^bytes=\([0-9]*\).*/\1/p')
stop_servers
heap_mib=$(echo "scale=1; $(stat_of "$work" peak_heap_bytes) / 1048576" | bc)
direct_mib=$(awk -v b="$(stat_of "$work" peak_direct_bytes)" 'BEGIN { printf "%.1f", b / 1048576 }')
max_mib=$(( $(stat_of "$work" max_heap_bytes) / 1048576 ))
verdict() { [ "$1" = "$want" ] && echo "exact" || echo "WRONG"; }

out=$work/section.md
{
  echo "## Memory: a 4 GiB image from a 64 MiB heap"
  echo
  echo "\`bench/fleet/memory.sh\` on $(date -u +%Y-%m-%d), $(java -version 2>&1 | head -1): a 4 GiB sparse file"
  echo "(\`truncate -s 4G\`) served by one server JVM started with \`-Xmx64m\` (max heap reported: ${max_mib} MiB)."
  echo
  echo "| transfer | bytes received | |"
  echo "| --- | ---: | --- |"
  echo "| HTTP, curl | $http | $(verdict "$http") |"
  echo "| TFTP blksize 65464, lockstep | $tftp1 | $(verdict "$tftp1") |"
  echo "| TFTP blksize 65464, windowsize 16 asked (2 granted) | $tftp16 | $(verdict "$tftp16") |"
  echo
  echo "Server peak heap during the three transfers: ${heap_mib} MiB (MemoryMXBean, sampled every 20 ms); peak direct"
  echo "buffer memory (socket buffers of the NIO layer and the TFTP read-ahead, outside the heap): ${direct_mib} MiB"
  echo "(the \"direct\" BufferPoolMXBean, sampled alike)."
  echo
} > "$out"
replace_section docs/benchmarks.md memory "$out"
cat "$out"
[ "$http" = "$want" ] && [ "$tftp1" = "$want" ] && [ "$tftp16" = "$want" ]
