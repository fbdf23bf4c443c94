#!/usr/bin/env bash
# Inclusion-proof latency on a 1,000,000-entry ledger (H2 file database, the gateway's embedded default).
# Usage: bench/ledger-proofs.sh [entries] [proofs]     (run from anywhere; the first run fills the ledger once)
set -euo pipefail
cd "$(dirname "$0")/.."
entries="${1:-1000000}"
proofs="${2:-20000}"
./mvnw -B -q -pl bench -am package -DskipTests
./mvnw -B -q -pl bench dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
# The reactor's own classes first: a shared ~/.m2 may hold other builds of the tsunagi jars.
java -Xmx1g -cp "bench/target/classes:gateway/target/classes:routes/target/classes:schemas/target/classes:$(cat bench/target/classpath.txt)" \
  org.tsunagi.bench.ledger.LedgerProofBench "$entries" bench/target/ledger-bench "$proofs"
