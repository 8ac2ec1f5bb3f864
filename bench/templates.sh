#!/usr/bin/env bash
# Day-0 rendering speed: configs per second for N inventory devices per platform, through each
# adapter's strict templates (the path a served request takes). Writes the "templates" section of
# docs/benchmarks.md.
#
#   mvn -q -DskipTests package && bench/templates.sh [DEVICES] [PASSES]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
devices=${1:-10000}
passes=${2:-3}
jar=ztp-examples/target/ztp.jar
[ -f "$jar" ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 2; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
out=$work/section.md
{
  echo "## Day-0 rendering"
  echo
  echo "\`bench/templates.sh $devices $passes\` on $(date -u +%Y-%m-%d), $(nproc) cores, $(java -version 2>&1 | head -1):"
  echo "$devices inventory devices per platform, each device's day-0 rendered once per pass through its adapter"
  echo "(strict Mustache, bundled templates), one thread; best of $passes passes after one warm-up pass."
  echo
  echo "| platform | devices | seconds | configs per second | bytes per config |"
  echo "| --- | ---: | ---: | ---: | ---: |"
  java -cp "$jar" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn org.ztp4j.examples.bench.TemplateBench "$devices" "$passes" |
    while read -r platform n secs rate size; do
      printf '| %s | %s | %s | %s | %s |\n' "$platform" "$n" "$secs" "$rate" "$size"
    done
  echo
} > "$out"
replace_section docs/benchmarks.md templates "$out"
cat "$out"
