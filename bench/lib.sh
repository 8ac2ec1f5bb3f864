# Shared helpers for the bench scripts. Source it; it writes nothing by itself.

# replace_section FILE NAME CONTENT_FILE: put CONTENT_FILE between the BEGIN/END markers of NAME in
# FILE (appending the section when it is not there yet), so each script owns its part of the page.
replace_section() {
  local file=$1 name=$2 content=$3
  [ -f "$file" ] || printf '# Benchmarks\n\nEvery figure here comes from a script in `bench/`; each section says how to run it again.\nAll runs are on one machine, so compare the ratios, not the absolute numbers.\n' > "$file"
  if grep -q "<!-- BEGIN $name -->" "$file"; then
    python3 - "$file" "$name" "$content" <<'PY'
import sys
f, name, content = sys.argv[1], sys.argv[2], open(sys.argv[3]).read()
s = open(f).read()
b, e = f"<!-- BEGIN {name} -->", f"<!-- END {name} -->"
i, j = s.index(b), s.index(e) + len(e)
open(f, "w").write(s[:i] + b + "\n" + content + e + s[j:])
PY
  else
    printf '\n<!-- BEGIN %s -->\n%s<!-- END %s -->\n' "$name" "$(cat "$content")" "$name" >> "$file"
  fi
}

# best_of N CMD...: run CMD N times, print the fastest wall time in seconds.
best_of() {
  local n=$1; shift
  local best=""
  for _ in $(seq "$n"); do
    local t0 t1 d
    t0=$(date +%s.%N); "$@" >/dev/null; t1=$(date +%s.%N)
    d=$(echo "$t1 - $t0" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$d < $best" | bc -l)" = 1 ]; then best=$d; fi
  done
  printf '%.3f\n' "$best"
}
