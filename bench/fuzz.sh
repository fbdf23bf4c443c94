#!/usr/bin/env bash
# Long fuzzing runs of the Jazzer fuzz tests (the build only replays their corpus). Cycles through the targets,
# up to 10 minutes each (their @FuzzTest maxDuration), until the total time is used up; the generated corpus
# (<module>/.cifuzz-corpus/, not committed) carries over between cycles and runs. A finding fails that target's
# run and is written next to its seeds under src/test/resources/.../<Class>Inputs/<method>/ : commit it (it then
# replays in every build) together with the fix and a named unit test. Interrupting a run (Ctrl-C) also leaves a
# crash-* file behind: replay it with ./mvnw verify before taking it for a finding.
#
#   bench/fuzz.sh              # 4 hours
#   bench/fuzz.sh 30m          # minutes or hours: 45m, 2h, 8h
#   bench/fuzz.sh 2h routes    # only one module's targets
set -euo pipefail
cd "$(dirname "$0")/.."

total=${1:-4h}
only=${2:-}
targets=(
  "schemas MessageCodecFuzzTest#read"
  "schemas MessageCodecFuzzTest#readDocument"
  "routes EnvelopeFuzzTest#openSealed"
  "routes EnvelopeFuzzTest#openDecrypted"
  "routes EnvelopeFuzzTest#openJose"
  "routes PolicyFuzzTest#load"
  "gateway TokenFuzzTest#decode"
  "gateway ParticipantsFuzzTest#load"
)

case "$total" in
  *h) seconds=$(( ${total%h} * 3600 )) ;;
  *m) seconds=$(( ${total%m} * 60 )) ;;
  *) echo "duration like 30m or 4h" >&2; exit 2 ;;
esac
end=$(( $(date +%s) + seconds ))
failed=()
while [ "$(date +%s)" -lt "$end" ]; do
  for target in "${targets[@]}"; do
    read -r module test <<<"$target"
    [ -n "$only" ] && [ "$only" != "$module" ] && continue
    [ "$(date +%s)" -ge "$end" ] && break
    echo "== $(date -u +%H:%M:%S) fuzzing $module $test"
    if ! JAZZER_FUZZ=1 ./mvnw -B -q -pl "$module" -am verify -Djacoco.skip=true -Djazzer.hooks=true \
        -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=none \
        -Dfailsafe.failIfNoSpecifiedTests=false; then
      failed+=("$module $test")
      echo "!! finding in $module $test: see $module/target/surefire-reports and the new file under $module/src/test/resources"
    fi
  done
done
if [ ${#failed[@]} -gt 0 ]; then
  printf 'findings:\n'; printf '  %s\n' "${failed[@]}"
  exit 1
fi
echo "no findings"
