#!/usr/bin/env bash
# Does the embedded H2 default fsync on commit, and what would it cost? (bench/README.md, "h2-durability.sh")
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-300}
h2=$(ls ~/.m2/repository/com/h2database/h2/*/h2-*.jar | grep -v sources | tail -1)
out=bench/target/h2-durability; rm -rf "$out"; mkdir -p "$out"
for mode in plain sync; do
  strace -f -c -e trace=fsync,fdatasync -o "$out/$mode.strace" \
    java -cp "$h2" bench/h2-durability/H2CommitDurability.java "$out/db-$mode" "$n" "$mode"
  echo "  fsync/fdatasync calls: $(awk '/fsync|fdatasync/ {s += $4} END {print s + 0}' "$out/$mode.strace")"
done
