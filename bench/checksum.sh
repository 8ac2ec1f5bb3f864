#!/usr/bin/env bash
# Checksum throughput: ztp4j's streaming digests against md5sum, sha256sum and sha512sum on the
# same file, in one run (best of N passes each, file in the page cache). Writes the "checksum"
# section of docs/benchmarks.md.
#
#   mvn -q -DskipTests package && bench/checksum.sh [SIZE_MIB] [PASSES]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
size_mib=${1:-1024}
passes=${2:-3}
jar=ztp-examples/target/ztp.jar
[ -f "$jar" ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 2; }
command -v bc >/dev/null || { echo "needs bc: apt-get install -y bc" >&2; exit 2; }

work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
file=$work/image.bin
head -c $((size_mib * 1024 * 1024)) /dev/urandom > "$file"
cat "$file" > /dev/null

out=$work/section.md
{
  echo "## Checksums vs coreutils"
  echo
  echo "\`bench/checksum.sh $size_mib $passes\` on $(date -u +%Y-%m-%d), $(nproc) cores, $(java -version 2>&1 | head -1):"
  echo "a ${size_mib} MiB file in the page cache, best of $passes passes each (ztp4j after one warm-up pass)."
  echo
  echo "| algorithm | coreutils (s) | ztp4j (s) | coreutils MiB/s | ztp4j MiB/s | ztp4j / coreutils throughput | same digest |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | --- |"
  for alg in md5 sha256 sha512; do
    ref=$(best_of "$passes" "${alg}sum" "$file")
    ref_hex=$("${alg}sum" "$file" | cut -d' ' -f1)
    read -r ours ours_hex < <(java -cp "$jar" org.ztp4j.examples.bench.ChecksumBench "$file" "$alg" "$passes")
    same=$([ "$ref_hex" = "$ours_hex" ] && echo yes || echo NO)
    printf '| %s | %s | %s | %.0f | %.0f | %.2f | %s |\n' "$alg" "$ref" "$ours" \
      "$(echo "$size_mib / $ref" | bc -l)" "$(echo "$size_mib / $ours" | bc -l)" "$(echo "$ref / $ours" | bc -l)" "$same"
  done
  echo
} > "$out"
replace_section docs/benchmarks.md checksum "$out"
cat "$out"
