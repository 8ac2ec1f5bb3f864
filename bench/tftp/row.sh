#!/usr/bin/env bash
# One TFTP row, many rounds: ztp4j against tftpd-hpa and atftpd, interleaved, each download
# checked with cmp, and each server's median and best printed at the end. For rows whose median of
# 5 in bench.sh moves from run to run: more rounds settle them.
#
#   bench/tftp/row.sh SIZE_MIB ROUNDS CLIENT BLKSIZE [WINDOWSIZE]
#   bench/tftp/row.sh 256 15 atftp 65464        # lockstep, atftp client
#   bench/tftp/row.sh 256 9 atftp 8192 4        # windowsize 4
#
# CLIENT is atftp, curl or tftp-hpa (tftp-hpa: blksize 512 only). Servers on CPU 0, clients on
# CPU 1, as in bench.sh; ztp4j is warmed up with three downloads first. Prints only; writes no
# docs. Needs tftpd-hpa, tftp-hpa, atftp, curl, bc, and the same build as bench.sh:
#
#   mvn -B -q -pl ztp-tftp test-compile dependency:build-classpath \
#       -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
set -euo pipefail
cd "$(dirname "$0")/../.."
size=${1:?size in MiB} rounds=${2:?rounds} client=${3:?client} blk=${4:?blksize} win=${5:-1}
cp_file=ztp-tftp/target/bench-classpath.txt
[ -f "$cp_file" ] && [ -d ztp-tftp/target/test-classes ] || { sed -n '2,15p' "$0" >&2; exit 2; }
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$work/classes" "$work/lib" "$work/root" "$work/out" "$work/atftpd"
cp -r ztp-tftp/target/classes/. ztp-tftp/target/test-classes/. "$work/classes/"
tr ':' '\n' < "$cp_file" | while read -r jar; do [ -n "$jar" ] && cp "$jar" "$work/lib/"; done
head -c $((size << 20)) /dev/urandom > "$work/root/image.bin"
chmod 755 "$work" "$work/root"; chmod 644 "$work/root/image.bin" # atftpd serves as nobody
(cd "$work/atftpd" && apt-get download atftpd >/dev/null 2>&1 && dpkg -x atftpd_*.deb x)
atftpd=$work/atftpd/x/usr/sbin/atftpd
[ -x "$atftpd" ] || { echo "could not fetch atftpd (apt-get download atftpd)" >&2; exit 2; }

taskset -c 0 java -Xms64m -cp "$work/classes:$work/lib/*" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  org.ztp4j.tftp.TftpBenchServer "$work/root" 17269 > "$work/ours.log" 2>&1 &
pids+=($!)
taskset -c 0 /usr/sbin/in.tftpd -L -s "$work/root" -a 127.0.0.1:17270 > "$work/hpa.log" 2>&1 &
pids+=($!)
taskset -c 0 "$atftpd" --daemon --no-fork --port 17271 --bind-address 127.0.0.1 --logfile /dev/null "$work/root" &
pids+=($!)
sleep 2

# fetch PORT: prints MiB/s, or "failed"
fetch() {
  local dest=$work/out/f t0 t1
  rm -f "$dest"
  t0=$(date +%s.%N)
  case $client in
    tftp-hpa) taskset -c 1 tftp -m binary 127.0.0.1 "$1" -c get image.bin "$dest" ;;
    curl) taskset -c 1 curl -s -m 300 -o "$dest" --tftp-blksize "$blk" "tftp://127.0.0.1:$1/image.bin" ;;
    atftp)
      if [ "$win" = 1 ]; then timeout 300 taskset -c 1 atftp --get -r image.bin -l "$dest" --option "blksize $blk" 127.0.0.1 "$1"
      else timeout 300 taskset -c 1 atftp --get -r image.bin -l "$dest" --option "blksize $blk" --option "windowsize $win" 127.0.0.1 "$1"; fi ;;
  esac >/dev/null 2>&1 || true
  t1=$(date +%s.%N)
  if cmp -s "$dest" "$work/root/image.bin"; then echo "scale=1; $size / ($t1 - $t0)" | bc; else echo failed; fi
}

for _ in 1 2 3; do fetch 17269 > /dev/null; done
declare -A all=([ztp4j]="" [tftpd-hpa]="" [atftpd]="")
for r in $(seq "$rounds"); do
  o=$(fetch 17269); h=$(fetch 17270); a=$(fetch 17271)
  echo "round $r: ztp4j $o  tftpd-hpa $h  atftpd $a"
  all[ztp4j]+="$o " all[tftpd-hpa]+="$h " all[atftpd]+="$a "
done
echo "$client blksize $blk windowsize $win, $size MiB, $rounds rounds (MiB/s; failed downloads left out):"
for s in ztp4j tftpd-hpa atftpd; do
  echo "${all[$s]}" | tr ' ' '\n' | grep -E '^[0-9.]+$' | sort -n | awk -v s="$s" \
    '{ v[NR] = $1 } END { if (NR == 0) { print s ": no complete download"; exit }
       m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
       printf "%-10s median %7.1f  best %7.1f  (%d of these complete)\n", s, m, v[NR], NR }'
done
