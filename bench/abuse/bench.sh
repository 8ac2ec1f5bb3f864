#!/usr/bin/env bash
# A well-behaved TFTP client's download speed while others abuse the server: a request flood from
# one address, 200 half-open transfers, clients that ACK block 1 forever, then all three at once.
# Writes the "tftp-abuse" section of docs/benchmarks.md. Runs org.ztp4j.tftp.abuse.TftpAbuseBench
# from the compiled test classes, so build first:
#
#   mvn -B -q -pl ztp-tftp test-compile dependency:build-classpath \
#       -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
#   bench/abuse/bench.sh [SIZE_MIB] [RUNS]
#
# Everything stays on 127.0.0.0/8 (the clients use 127.0.0.3, .4, .5 and .10-.59). Takes about ten
# minutes: after each abused download the server is left to reap what the abuse left (up to 31 s).
set -euo pipefail
cd "$(dirname "$0")/../.."
size_mib=${1:-32}
runs=${2:-3}
cp_file=ztp-tftp/target/bench-classpath.txt
[ -f "$cp_file" ] && [ -d ztp-tftp/target/test-classes ] || { sed -n '5,9p' "$0" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# a private copy: a build running meanwhile must not change the classes under the bench's feet
mkdir -p "$work/lib" "$work/classes"
cp -r ztp-tftp/target/classes/. ztp-tftp/target/test-classes/. "$work/classes/"
tr ':' '\n' < "$cp_file" | while read -r jar; do [ -n "$jar" ] && cp "$jar" "$work/lib/"; done

out=$work/section.md
java -Xms64m -Xmx512m -cp "$work/classes:$work/lib/*" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  org.ztp4j.tftp.abuse.TftpAbuseBench "$out" "$size_mib" "$runs" 2> "$work/stderr.log" \
  || { tail -20 "$work/stderr.log" >&2; exit 1; }
mkdir -p docs
. bench/lib.sh
replace_section docs/benchmarks.md tftp-abuse "$out"
cat "$out"
