#!/usr/bin/env bash
# The benchmark (not part of the tests): the whole pipeline on the Shopify simulator, a bulk run of the shops' history
# then an incremental run after BENCH_TOUCH orders per shop changed; per stage records, seconds, records/s and the
# floor measured in the same run (psql \copy + the same merge SQL; the simulator's bucket floor); peak RSS per process.
#
#   deploy/bench/run.sh                       default size: 2 shops x 100k orders, 40k customers, 5k products x 3
#   BENCH_ORDERS=5000 deploy/bench/run.sh     a quick run (customers and products scale with the orders)
#   BENCH_RUNS=3 deploy/bench/run.sh          three clean runs, the median of each row
#
# Everything is its own: state under .local/bench/ (logs, Kafka data, archive, results), databases pipeline_bench and
# pipeline_bench_floor (dropped and recreated per run), Kafka on 29092/29093, services on 28081-28085, the simulator
# on 28090, the local stand-in on 28099, so it runs beside deploy/local/pipeline.sh and beside test runs.
# It stops everything it started when it ends, also on failure or Ctrl-C. See deploy/bench/README.md.
set -euo pipefail
BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LAUNCHER_STATE=${BENCH_STATE:-"$(cd "$BENCH/../.." && pwd)/.local/bench"}
KAFKA_PORT=${BENCH_KAFKA_PORT:-29092}
KAFKA_CONTROLLER_PORT=${BENCH_KAFKA_CONTROLLER_PORT:-29093}
PG_DATABASE=${BENCH_DATABASE:-pipeline_bench}
source "$BENCH/../local/lib.sh"

FLOOR_DATABASE=${PG_DATABASE}_floor
ORDERS=${BENCH_ORDERS:-100000}
CUSTOMERS=${BENCH_CUSTOMERS:-$((ORDERS * 2 / 5))}
PRODUCTS=${BENCH_PRODUCTS:-$(( ORDERS / 20 > 1 ? ORDERS / 20 : 1 ))}
VARIANTS=${BENCH_VARIANTS_PER_PRODUCT:-3}
LOCATIONS=${BENCH_LOCATIONS:-3}
TOUCH=${BENCH_TOUCH:-1000}
RUNS=${BENCH_RUNS:-1}
RUN_TIMEOUT=${BENCH_RUN_TIMEOUT:-3600}
SIM_HEAP=${BENCH_SIM_HEAP:-2g}
SERVICE_HEAP=${BENCH_SERVICE_HEAP:-768m}
PORT_BASE=${BENCH_PORT_BASE:-28000}
SHOPS="retail wholesale"
SIMULATOR_PORT=$((PORT_BASE + 90))
STUB_PORT=$((PORT_BASE + 99))
SERVICES="extractor-service:$((PORT_BASE + 81)) loader-service:$((PORT_BASE + 82)) transformer-service:$((PORT_BASE + 83))"
SERVICES="$SERVICES notifier-service:$((PORT_BASE + 84)) infra-scheduler-service:$((PORT_BASE + 85))"
NAMES=$(for s in $SERVICES; do printf '%s ' "${s%%:*}"; done)
PROCESSES="shopify-simulator $NAMES kafka stub"
MERGE_SQL="$ROOT/sql/src/main/resources/sql"
RESULTS="$STATE/results"
FLOOR_DIR="$STATE/floor"
mkdir -p "$RESULTS"

port_of() { local s; for s in $SERVICES; do [ "${s%%:*}" = "$1" ] && echo "${s##*:}"; done; return 0; }
psql_bench() { PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" "$@"; }
sql_file() { psql_bench -d "$PG_DATABASE" -At -F '|' "$@"; }  # '|': read keeps empty (null) fields
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

stop_all() {
  local n
  for n in $NAMES shopify-simulator stub kafka; do stop_process "$n" >/dev/null; done
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_all
  psql_bench -d postgres -c "drop database if exists \"$FLOOR_DATABASE\" with (force)" >/dev/null 2>&1 || true
  [ "$rc" = 0 ] || say "benchmark FAILED (exit $rc); logs in ${LOGS#"$ROOT"/}/"
  say "stopped everything the benchmark started"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- set-up ----------------------------------------------------------------------------------------------------------
check_ports() {
  local s p
  for p in $KAFKA_PORT $KAFKA_CONTROLLER_PORT $SIMULATOR_PORT $STUB_PORT $(for s in $SERVICES; do echo "${s##*:}"; done); do
    port_open "$p" && die "port $p is taken by another process; set BENCH_PORT_BASE / BENCH_KAFKA_PORT / BENCH_KAFKA_CONTROLLER_PORT"
  done
  return 0
}

fresh_databases() {
  command -v psql >/dev/null || die "psql not found: install the PostgreSQL client"
  pg_isready -h "$PG_HOST" -p "$PG_PORT" -q 2>/dev/null || die "no PostgreSQL answers on $PG_HOST:$PG_PORT (set PG_HOST/PG_PORT)"
  local db
  for db in "$PG_DATABASE" "$FLOOR_DATABASE"; do
    psql_bench -d postgres -c "drop database if exists \"$db\" with (force)" >/dev/null
    psql_bench -d postgres -c "create database \"$db\"" >/dev/null
  done
  # the floor's database: the same migrations, applied by psql in version order (as merge-psql.sh does)
  local migration
  for migration in $(ls "$ROOT"/sql/src/main/resources/db/migration/V*.sql | sed "s/__/ __/" | sort -V | sed "s/ __/__/"); do
    psql_bench -d "$FLOOR_DATABASE" -f "$migration" >/dev/null
  done
  say "databases $PG_DATABASE (the pipeline's) and $FLOOR_DATABASE (the floor's) created empty"
}

admin_token() {
  [ -s "$STATE/admin-token" ] || (umask 077; head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$STATE/admin-token")
  cat "$STATE/admin-token"
}

write_config() {
  local shop channel zone priority=0
  (umask 077; {
    echo "# Written by deploy/bench/run.sh; every service of the benchmark reads it (quarkus.config.locations)."
    echo "quarkus.datasource.jdbc.url=jdbc:postgresql://$PG_HOST:$PG_PORT/$PG_DATABASE"
    echo "quarkus.datasource.username=$PG_USER"
    echo "kafka.bootstrap.servers=127.0.0.1:$KAFKA_PORT"
    echo "pipeline.admin.token=$(admin_token)"
    echo "pipeline.schedule.cron=off"
    for shop in $SHOPS; do
      priority=$((priority + 1))
      case $shop in retail) channel=B2C zone=America/New_York ;; *) channel=B2B zone=America/Chicago ;; esac
      echo "pipeline.stores.$shop.base-url=http://127.0.0.1:$SIMULATOR_PORT/shops/$shop"
      echo "pipeline.stores.$shop.access-token=shpat_${shop}_local"
      echo "pipeline.stores.$shop.channel=$channel"
      echo "pipeline.stores.$shop.time-zone=$zone"
      echo "pipeline.stores.$shop.currency=USD"
      echo "pipeline.stores.$shop.inventory-priority=$priority"
    done
    echo "loader.archive.directory=$STATE/archive"
    echo "# Power BI, Azure AD, SNS and EC2: the local stand-in (WireMock) on $STUB_PORT"
    echo "notifier.powerbi.base-url=http://127.0.0.1:$STUB_PORT/powerbi"
    echo "notifier.powerbi.datasets.sales.group-id=local-workspace"
    echo "notifier.powerbi.datasets.sales.dataset-id=local-sales-dataset"
    echo "notifier.azure-ad.authority=http://127.0.0.1:$STUB_PORT/azure-ad"
    echo "notifier.azure-ad.tenant-id=local-tenant"
    echo "notifier.azure-ad.client-id=local-client"
    echo "notifier.azure-ad.client-secret=local-stand-in-secret"
    echo "notifier.sns.topic-arn=arn:aws:sns:eu-west-1:000000000000:local-etl-alerts"
    echo "aws.sns.endpoint-override=http://127.0.0.1:$STUB_PORT/sns/"
    echo "aws.ec2.endpoint-override=http://127.0.0.1:$STUB_PORT/ec2/"
    echo "aws.credentials.access-key-id=local-stand-in"
    echo "aws.credentials.secret-access-key=local-stand-in"
    echo "infra.schedule.start-cron=off"
    echo "infra.schedule.stop-cron=off"
    echo "infra.sns.topic-arn=arn:aws:sns:eu-west-1:000000000000:local-etl-alerts"
    echo "infra.instance-ids=i-0local0000000000"
  } > "$STATE/pipeline.properties")
}

start_stub() {
  local jar; jar=$(wiremock_jar) || die "could not resolve WireMock: see $LOGS/stub-resolve.log"
  start_process stub java -Xmx256m -jar "$jar" --port "$STUB_PORT" --bind-address 127.0.0.1 \
    --root-dir "$ROOT/deploy/local/stubs" --global-response-templating --disable-banner
  wait_for stub 60 port_open "$STUB_PORT" || die "the local stand-in did not start: see $LOGS/stub.log"
}

await_ready() { # name port seconds
  local _
  for _ in $(seq 1 "$3"); do
    curl -sf -o /dev/null "http://127.0.0.1:$2/q/health/ready" && return 0
    running "$1" || die "$1 exited while starting (log: $LOGS/$1.log)"
    sleep 1
  done
  die "$1 is not ready after $3 s (log: $LOGS/$1.log)"
}

shops_generated() {
  local shop list; list=$(curl -sf "http://127.0.0.1:$SIMULATOR_PORT/simulator/shops") || return 1
  for shop in $SHOPS; do
    printf '%s' "$list" | grep -q "\"shop\":\"$shop\",\"ready\":true" || return 1
  done
}

start_all() {
  stop_all
  rm -rf "$STATE/kafka/data" "$STATE/archive" "$FLOOR_DIR"
  mkdir -p "$FLOOR_DIR"
  fresh_databases
  kafka_start
  write_config
  start_stub
  local shop sizes=()
  for shop in $SHOPS; do
    sizes+=(-Dsimulator.shops.$shop.orders="$ORDERS" -Dsimulator.shops.$shop.customers="$CUSTOMERS"
            -Dsimulator.shops.$shop.products="$PRODUCTS" -Dsimulator.shops.$shop.variants-per-product="$VARIANTS"
            -Dsimulator.shops.$shop.locations="$LOCATIONS")
  done
  start_process shopify-simulator java -Xmx"$SIM_HEAP" -Dquarkus.http.port="$SIMULATOR_PORT" "${sizes[@]}" \
    -jar "$ROOT/shopify-simulator/target/quarkus-app/quarkus-run.jar"
  local s
  for s in $SERVICES; do
    start_process "${s%%:*}" java -Xmx"$SERVICE_HEAP" -Dquarkus.http.port="${s##*:}" \
      -Dquarkus.config.locations="$STATE/pipeline.properties" -jar "$ROOT/${s%%:*}/target/quarkus-app/quarkus-run.jar"
  done
  await_ready shopify-simulator "$SIMULATOR_PORT" 120
  for s in $SERVICES; do await_ready "${s%%:*}" "${s##*:}" 240; done
  local t0; t0=$(now)
  wait_for "shops" 900 shops_generated || die "the simulator did not generate its shops within 900 s (log: $LOGS/shopify-simulator.log)"
  say "all started: simulator on $SIMULATOR_PORT (shops $SHOPS generated, $(elapsed "$t0") s more), services on $(port_of extractor-service)-$(port_of infra-scheduler-service), Kafka on $KAFKA_PORT"
}

# ---- measuring -------------------------------------------------------------------------------------------------------
# the simulator's cost totals: one line per shop "shop requested actual throttled maximumAvailable restoreRate"
cost_totals() {
  local json shop; json=$(curl -sf "http://127.0.0.1:$SIMULATOR_PORT/simulator/cost") || die "GET /simulator/cost failed"
  for shop in $SHOPS; do
    printf '%s\n' "$json" | sed -n "s/.*\"$shop\":{\"requested\":\([^,]*\),\"actual\":\([^,]*\),\"throttled\":\([^,]*\),\"maximumAvailable\":\([^,]*\),\"restoreRate\":\([^}]*\)}.*/$shop \1 \2 \3 \4 \5/p"
  done
}

loader_batch_seconds() { # the loader's time spent in batches (COPY, staging insert, archive, commit) since start
  curl -sf "http://127.0.0.1:$(port_of loader-service)/q/metrics" | awk '$1 ~ /^loader_batch_duration_seconds_sum/ { s += $2 } END { printf "%.3f", s }'
}

reset_peaks() { # VmHWM restarts from the current RSS (Linux clear_refs 5); the peak then is the phase's
  local n
  for n in $PROCESSES; do
    running "$n" && { echo 5 > "/proc/$(cat "$PIDS/$n.pid")/clear_refs"; } 2>/dev/null || true
  done
}

sample_peaks() { # run phase -> rss rows
  local n
  for n in $PROCESSES; do
    running "$n" || continue
    printf 'rss\t%s\t%s\t%s\t%s\n' "$1" "$2" "$n" "$(awk '/^VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$(cat "$PIDS/$n.pid")/status")"
  done
}

trigger_run() {
  local answer
  answer=$(curl -sf -X POST "http://127.0.0.1:$(port_of extractor-service)/runs" -H "Authorization: Bearer $(admin_token)" \
    -H 'Content-Type: application/json' -d "{\"stores\":[$(printf '"%s",' $SHOPS | sed 's/,$//')]}") \
    || die "the extractor refused the run: see $LOGS/extractor-service.log"
  RUN_ID=$(printf '%s' "$answer" | sed -n 's/.*"runId":"\([^"]*\)".*/\1/p')
  [ -n "$RUN_ID" ] || die "no run id in the extractor's answer: $answer"
}

await_run() { # until the run ended, was notified and its watermark candidates were settled
  local deadline=$((SECONDS + RUN_TIMEOUT)) t0=$1 last_print=$SECONDS last_status="" line
  local extract staged loads status notified candidates error
  while [ $SECONDS -lt $deadline ]; do
    line=$(sql_file -v run_id="$RUN_ID" -f "$BENCH/sql/progress.sql")
    IFS='|' read -r extract staged loads status notified candidates error <<< "$line"
    if [ $((SECONDS - last_print)) -ge 15 ] || [ "$status" != "$last_status" ]; then
      say "  $(elapsed "$t0") s: extract $extract | staged $staged ($loads loads declared) | transform $status | notified $notified"
      last_print=$SECONDS last_status=$status
    fi
    [ "$status" = FAILED ] && die "run $RUN_ID FAILED: $error (logs: $LOGS/)"
    if [ "$status" = SUCCEEDED ] && [ "$notified" != - ] && [ "$notified" != PENDING ] && [ "$candidates" = 0 ]; then
      say "  $(elapsed "$t0") s: run $RUN_ID SUCCEEDED, notified ($notified), watermarks advanced"
      return 0
    fi
    sleep 2
  done
  die "run $RUN_ID did not finish within $RUN_TIMEOUT s (logs: $LOGS/)"
}

# the floor for one phase: the run's archived JSONL \copy'd into the floor database's staging, then the same merge
# files and checks in the transformer's order and settings; prints "copy_seconds merge_seconds" and job rows to $2
floor_run() { # run_id jobs_file -> "copy merge"
  local run_id=$1 jobs=$2 dir="$FLOOR_DIR/$1" entity t0 copy=0 merge=0 business_dates as_of name
  mkdir -p "$dir"
  for entity in orders refunds customers products inventory; do
    find "$STATE/archive" -path "*/entity=$entity/*" -name "run=$run_id-*.jsonl.gz" -print0 | sort -z \
      | xargs -0 -r zcat > "$dir/$entity.jsonl"
  done
  # the floor stages into empty staging tables: a psql load would truncate (outside the timing)
  psql_bench -d "$FLOOR_DATABASE" -c "truncate staging.orders, staging.customers, staging.products, staging.inventory" >/dev/null
  psql_bench -d "$PG_DATABASE" -c "\\copy (select store, channel, time_zone, inventory_priority, currency from ops.store_settings) to stdout" \
    | psql_bench -d "$FLOOR_DATABASE" -c "truncate ops.store_settings" -c "\\copy ops.store_settings (store, channel, time_zone, inventory_priority, currency) from pstdin" >/dev/null
  t0=$(now)
  for entity in orders refunds customers products inventory; do
    psql_bench -d "$FLOOR_DATABASE" -v entity="$entity" -f "$BENCH/sql/floor-stage.sql" < "$dir/$entity.jsonl" >/dev/null
  done
  copy=$(elapsed "$t0")
  business_dates=$(sql_file -c "select business_dates::text from ops.etl_runs where run_id = '$run_id'")
  as_of=$(sql_file -c "select to_char(transform_started_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') from ops.etl_runs where run_id = '$run_id'")
  # the merge files and the checks in one psql session, each in its own transaction, a server timestamp between them
  local job
  {
    echo "\\set job start"
    echo "\\i '$BENCH/sql/floor-mark.sql'"
    for job in "$MERGE_SQL"/merge/*.sql "$MERGE_SQL"/checks/data_quality.sql; do
      name=$(basename "$job" .sql)
      echo "\\set job ${name#[0-9][0-9]_}"
      echo "begin;"
      echo "\\i '$BENCH/sql/floor-settings.sql'"
      echo "\\i '$job'"
      echo "commit;"
      echo "\\i '$BENCH/sql/floor-mark.sql'"
    done
  } | psql_bench -d "$FLOOR_DATABASE" -At -F '|'  -v run_id="$run_id" -v business_dates="$business_dates" \
        -v as_of="$as_of" -v week_start_isodow=1 -v dq_freshness_hours=48 \
        -v dq_max_drop_ratio=0.5 -v lock_timeout=60000ms \
    | awk -F'|' '$1 == "floor-mark" { if ($2 != "start") printf "%s\t%.2f\n", $2, $3 - t; t = $3 }' > "$jobs"
  merge=$(awk -F'\t' '{ s += $2 } END { printf "%.1f", s }' "$jobs")
  rm -rf "$dir"
  echo "$copy $merge"
}

phase() { # run phase: one pipeline run measured, then its floor; rows appended to $TSV
  local run=$1 name=$2 t0 cost_before cost_after busy_before busy_after
  cost_before=$(cost_totals); busy_before=$(loader_batch_seconds)
  reset_peaks
  t0=$(now)
  trigger_run
  say "run $run, $name: run $RUN_ID started"
  await_run "$t0"
  sample_peaks "$run" "$name" >> "$TSV"
  cost_after=$(cost_totals); busy_after=$(loader_batch_seconds)

  local stages; stages=$(sql_file -v run_id="$RUN_ID" -f "$BENCH/sql/pipeline-stages.sql")
  say "  floor: psql \\copy of the run's archived JSONL into $FLOOR_DATABASE, then the same merge SQL"
  local jobs="$STATE/floor-jobs.tsv" floor copy merge
  : > "$jobs"
  floor=$(floor_run "$RUN_ID" "$jobs"); copy=${floor% *}; merge=${floor#* }
  say "  floor: copy ${copy} s, merge + checks ${merge} s"

  # the bucket floor: per shop requested cost / restore rate; shops have their own buckets, so the max over shops
  # (the bucket is full when a run starts, so (requested - bucket size) / restore rate is the tighter bound: noted)
  local bucket; bucket=$(awk 'NR == FNR { req[$1] = $2; act[$1] = $3; thr[$1] = $4; next }
      { r = $2 - req[$1]; f = r / $6; if (f > max) max = f; full = r > $5 ? (r - $5) / $6 : 0
        printf "%s%s %.0f pts requested (%.0f actual, %d THROTTLED) / %g pts/s = %.1f s (%.1f s after the full bucket of %g pts)",
               sep, $1, r, $3 - act[$1], $4 - thr[$1], $6, f, full, $5; sep = "; " }
      END { printf "\t%.2f\n", max }' <(printf '%s\n' "$cost_before") <(printf '%s\n' "$cost_after"))
  local bucket_floor=${bucket##*$'\t'} busy
  busy=$(awk -v a="$busy_before" -v b="$busy_after" 'BEGIN { printf "%.1f", b - a }')
  printf 'note\t%s\t%s\tbucket: %s\n' "$run" "$name" "${bucket%$'\t'*}" >> "$TSV"

  local kind stage records seconds merge_records=""
  while IFS='|' read -r kind stage records seconds; do
    case $kind in
      extract) printf 'row\t%s\t%s\t%s\t%s\t%s\t%s\n' "$run" "$name" "$stage" "$records" "$seconds" "$bucket_floor" ;;
      load_wall)
        printf 'row\t%s\t%s\t%s\t%s\t%s\t\n' "$run" "$name" "$stage" "$records" "$seconds"
        printf 'row\t%s\t%s\t%s\t%s\t%s\t%s\n' "$run" "$name" "load (loader busy: batch time, /q/metrics)" "$records" "$busy" "$copy"
        merge_records=$records ;;
      merge)
        printf 'row\t%s\t%s\t%s\t%s\t%s\t%s\n' "$run" "$name" "$stage" "$records" "$seconds" "$merge"
        printf 'row\t%s\t%s\t%s\t%s\t%s\t%s\n' "$run" "$name" "load + merge (loader busy + merge)" "$records" \
          "$(awk -v a="$busy" -v b="$seconds" 'BEGIN { printf "%.1f", a + b }')" "$(awk -v a="$copy" -v b="$merge" 'BEGIN { printf "%.1f", a + b }')" ;;
      job)
        local job=${stage#merge job }
        printf 'job\t%s\t%s\t%s\t%s\t%s\t%s\n' "$run" "$name" "$job" "$records" "$seconds" \
          "$(awk -F'\t' -v j="$job" '$1 == j { print $2 }' "$jobs")" ;;
      *) printf 'row\t%s\t%s\t%s\t%s\t%s\t\n' "$run" "$name" "$stage" "$records" "$seconds" ;;
    esac
  done <<< "$stages" >> "$TSV"
}

touch_orders() {
  local shop
  for shop in $SHOPS; do
    curl -sf -o /dev/null -X POST "http://127.0.0.1:$SIMULATOR_PORT/simulator/shops/$shop/orders/touch?count=$TOUCH" \
      || die "touching orders of $shop failed (log: $LOGS/shopify-simulator.log)"
  done
  say "touched $TOUCH orders per shop (updatedAt = now)"
}

# ---- main ------------------------------------------------------------------------------------------------------------
STAMP=$(date +%Y%m%d-%H%M%S)
TSV="$RESULTS/bench-$STAMP.tsv"
REPORT="$RESULTS/bench-$STAMP.txt"
: > "$TSV"
SIZE="$(echo $SHOPS | wc -w) shops ($SHOPS) x $ORDERS orders, $CUSTOMERS customers, $PRODUCTS products x $VARIANTS variants, $LOCATIONS locations; incremental: $TOUCH orders touched per shop"
say "benchmark: $SIZE; $RUNS run(s)"
stop_all
check_ports
build_if_needed shopify-simulator $NAMES
for run in $(seq 1 "$RUNS"); do
  say "== run $run of $RUNS: starting everything clean"
  start_all
  phase "$run" bulk
  touch_orders
  phase "$run" incremental
  stop_all
done
trap - INT TERM
{
  echo "Benchmark $STAMP: $SIZE"
  echo "Runs: $RUNS (median of each number over the runs); heaps: simulator $SIM_HEAP, services $SERVICE_HEAP, Kafka 768m"
  awk -F'\t' -f "$BENCH/table.awk" "$TSV"
} > "$REPORT"
cat "$REPORT"
say "table written to ${REPORT#"$ROOT"/} (rows of every run: ${TSV#"$ROOT"/})"
