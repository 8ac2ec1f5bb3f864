# Shared by the fleet, memory and HTTP benches: build the test classpath and run BenchServers.
# Source it from the repository root; it defines functions only.

# bench_classpath: compiles ztp-tftp's tests and the modules it needs (under the shared Maven lock)
# and prints the class path that runs org.ztp4j.tftp.bench.*. The project's own modules come from
# their target/classes, never from a snapshot jar in ~/.m2, which may be older than the tree.
bench_classpath() {
  local cpfile=ztp-tftp/target/bench-classpath.txt
  flock /tmp/ztp-mvn.lock mvn -B -q test-compile -pl ztp-tftp -am >&2
  if [ ! -f "$cpfile" ]; then
    flock /tmp/ztp-mvn.lock mvn -B -q dependency:build-classpath -pl ztp-tftp -Dmdep.includeScope=test \
      -Dmdep.outputFile="$PWD/$cpfile" >&2
  fi
  echo "$PWD/ztp-tftp/target/test-classes:$PWD/ztp-tftp/target/classes:$(sed -E \
    -e "s#[^:]*/org/ztp4j/(ztp-[a-z]+)/[^/:]+/[^:]+-tests\.jar#$PWD/\1/target/test-classes#g" \
    -e "s#[^:]*/org/ztp4j/(ztp-[a-z]+)/[^/:]+/[^:]+\.jar#$PWD/\1/target/classes#g" "$cpfile")"
}

# start_servers WORKDIR ROOT HEAP [HTTP_THREADS] [TFTP_SESSIONS]: starts BenchServers in the
# background with its stdin on a fifo; sets TFTP_PORT, HTTP_PORT and SERVER_PID. stop_servers ends it.
start_servers() {
  local work=$1 root=$2 heap=$3 threads=${4:-32} sessions=${5:-1024}
  rm -f "$work/ctl" "$work/stats"; mkfifo "$work/ctl"
  # shellcheck disable=SC2086 # SERVER_JAVA_OPTS holds several options
  java "-Xmx$heap" ${SERVER_JAVA_OPTS:-} -cp "$CP" org.ztp4j.tftp.bench.BenchServers "$root" 0 0 "$work/stats" "$threads" "$sessions" \
    < "$work/ctl" > "$work/server.out" 2> "$work/server.log" &
  SERVER_PID=$!
  exec 3> "$work/ctl"
  for _ in $(seq 100); do
    grep -q '^tftp=' "$work/server.out" 2>/dev/null && break
    sleep 0.2
  done
  TFTP_PORT=$(sed -n 's/^tftp=\([0-9]*\) http=.*/\1/p' "$work/server.out")
  HTTP_PORT=$(sed -n 's/.* http=\([0-9]*\)$/\1/p' "$work/server.out")
  [ -n "$TFTP_PORT" ] || { cat "$work/server.log" >&2; echo "servers did not start" >&2; return 1; }
}

stop_servers() {
  exec 3>&-
  wait "$SERVER_PID" || true
}

# stat_of WORKDIR KEY: a value from the stats file BenchServers wrote
stat_of() {
  sed -n "s/^$2=//p" "$1/stats"
}
