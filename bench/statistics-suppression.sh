#!/usr/bin/env bash
# Information loss of linked-table suppression with a memory against the per-table method, on the same random
# linked tables and release sequences. Usage: bench/statistics-suppression.sh [worlds] [seed] [single]
# (run from anywhere; "single": one by-sex table per world, where the per-table method is already safe)
set -euo pipefail
cd "$(dirname "$0")/.."
worlds="${1:-300}"
seed="${2:-2026}"
mode="${3:-linked}"
# One reactor run: the bench's classpath then names the reactor's own jars (nothing is installed into ~/.m2).
./mvnw -B -q -pl bench -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/classpath.txt \
  -Dmdep.includeScope=runtime
# The reactor's own classes first: a shared ~/.m2 may hold other builds of the tsunagi jars.
java -Xmx1g -cp "bench/target/classes:gateway/target/classes:routes/target/classes:routes/target/test-classes:schemas/target/classes:$(cat bench/target/classpath.txt)" \
  org.tsunagi.routes.redaction.SuppressionLossBench "$worlds" "$seed" "$mode"
