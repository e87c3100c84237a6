#!/usr/bin/env bash
# The local launcher: runs the whole pipeline on this machine on its embedded defaults.
#   deploy/local/pipeline.sh up       build if needed; start Kafka (from the Maven jars), the Shopify simulator, a local
#                                     stand-in for Azure AD/Power BI/SNS/EC2 and the five services; run; show progress;
#                                     print the summary. Everything keeps running for you to look at.
#   deploy/local/pipeline.sh run      trigger another run on what is running (incremental after the first)
#   deploy/local/pipeline.sh status   what this launcher started and whether it is healthy
#   deploy/local/pipeline.sh down     stop everything this launcher started, and only that
# Options (environment): PIPELINE_BUILD=1 forces a rebuild; PG_HOST/PG_PORT/PG_USER/PG_DATABASE; KAFKA_PORT;
# SIM_ORDERS (orders per retail/wholesale shop, default 10000); RUN_TIMEOUT seconds (default 900).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SERVICES="extractor-service:8081 loader-service:8082 transformer-service:8083 notifier-service:8084 infra-scheduler-service:8085"
SIMULATOR_PORT=8090
STUB_PORT=${STUB_PORT:-8099}
RUN_TIMEOUT=${RUN_TIMEOUT:-900}

admin_token() {
  [ -s "$STATE/admin-token" ] || (umask 077; head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$STATE/admin-token")
  cat "$STATE/admin-token"
}

write_config() {
  local token; token=$(admin_token)
  local file="$STATE/pipeline.properties"
  (umask 077; cat > "$file" <<PROPS
# Written by deploy/local/pipeline.sh for the local run; every service reads it (quarkus.config.locations).
quarkus.datasource.jdbc.url=jdbc:postgresql://$PG_HOST:$PG_PORT/$PG_DATABASE
quarkus.datasource.username=$PG_USER
kafka.bootstrap.servers=127.0.0.1:$KAFKA_PORT
pipeline.admin.token=$token

# The simulator's shops (tokens are the simulator's local defaults)
pipeline.stores.retail.base-url=http://127.0.0.1:$SIMULATOR_PORT/shops/retail
pipeline.stores.retail.access-token=shpat_retail_local
pipeline.stores.retail.channel=B2C
pipeline.stores.retail.time-zone=America/New_York
pipeline.stores.retail.currency=USD
pipeline.stores.retail.inventory-priority=1
pipeline.stores.wholesale.base-url=http://127.0.0.1:$SIMULATOR_PORT/shops/wholesale
pipeline.stores.wholesale.access-token=shpat_wholesale_local
pipeline.stores.wholesale.channel=B2B
pipeline.stores.wholesale.time-zone=America/Chicago
pipeline.stores.wholesale.currency=USD
pipeline.stores.wholesale.inventory-priority=2
pipeline.stores.bakery.base-url=http://127.0.0.1:$SIMULATOR_PORT/shops/bakery
pipeline.stores.bakery.access-token=shpat_bakery_local
pipeline.stores.bakery.channel=B2C
pipeline.stores.bakery.time-zone=Asia/Kolkata
pipeline.stores.bakery.currency=INR
pipeline.stores.bakery.inventory-priority=3
pipeline.schedule.cron=off

loader.archive.directory=$STATE/archive

# Power BI, Azure AD, SNS and EC2 are not reachable from here: a LOCAL STAND-IN (WireMock, port $STUB_PORT) answers.
notifier.powerbi.base-url=http://127.0.0.1:$STUB_PORT/powerbi
notifier.powerbi.datasets.sales.group-id=local-workspace
notifier.powerbi.datasets.sales.dataset-id=local-sales-dataset
notifier.azure-ad.authority=http://127.0.0.1:$STUB_PORT/azure-ad
notifier.azure-ad.tenant-id=local-tenant
notifier.azure-ad.client-id=local-client
notifier.azure-ad.client-secret=local-stand-in-secret
notifier.sns.topic-arn=arn:aws:sns:eu-west-1:000000000000:local-etl-alerts
aws.sns.endpoint-override=http://127.0.0.1:$STUB_PORT/sns/
aws.ec2.endpoint-override=http://127.0.0.1:$STUB_PORT/ec2/
aws.credentials.access-key-id=local-stand-in
aws.credentials.secret-access-key=local-stand-in
infra.schedule.start-cron=off
infra.schedule.stop-cron=off
infra.sns.topic-arn=arn:aws:sns:eu-west-1:000000000000:local-etl-alerts
infra.instance-ids=i-0local0000000000
PROPS
)
}

start_stub() {
  local jar; jar=$(wiremock_jar) || die "could not resolve WireMock: see $LOGS/stub-resolve.log"
  port_open "$STUB_PORT" && ! running stub && die "port $STUB_PORT is taken; set STUB_PORT"
  start_process stub java -Xmx256m -jar "$jar" --port "$STUB_PORT" --bind-address 127.0.0.1 \
    --root-dir "$ROOT/deploy/local/stubs" --global-response-templating --disable-banner
  wait_for stub 60 port_open "$STUB_PORT" || die "the local stand-in did not start: see $LOGS/stub.log"
  say "local stand-in for Azure AD / Power BI / SNS / EC2 on 127.0.0.1:$STUB_PORT (nothing leaves this machine)"
}

ready() { curl -sf -o /dev/null "http://127.0.0.1:$1/q/health/ready"; }

await_ready() { # name port seconds: ready, or stop at once with the reason when the process died
  for _ in $(seq 1 "$3"); do
    ready "$2" && return 0
    running "$1" || die "$1 exited while starting: $(grep -m 3 -E 'ERROR|SRCFG|Exception' "$LOGS/$1.log" | cut -c1-240) (log: $LOGS/$1.log)"
    sleep 1
  done
  die "$1 is not ready after $3 s (log: $LOGS/$1.log)"
}

start_services() {
  local orders=${SIM_ORDERS:-10000}
  start_process shopify-simulator java -Xmx1g -Dsimulator.shops.retail.orders="$orders" \
    -Dsimulator.shops.wholesale.orders="$orders" -jar "$ROOT/shopify-simulator/target/quarkus-app/quarkus-run.jar"
  for s in $SERVICES; do
    local name=${s%%:*}
    start_process "$name" java -Xmx768m -Dquarkus.config.locations="$STATE/pipeline.properties" \
      -jar "$ROOT/$name/target/quarkus-app/quarkus-run.jar"
  done
  await_ready shopify-simulator "$SIMULATOR_PORT" 90
  say "Shopify simulator ready on http://127.0.0.1:$SIMULATOR_PORT (shops retail, wholesale: $orders orders each; bakery)"
  for s in $SERVICES; do
    await_ready "${s%%:*}" "${s##*:}" 180
    say "${s%%:*} ready on http://127.0.0.1:${s##*:}"
  done
}

sql() { psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$PG_DATABASE" -At -F $'\t' -c "$1"; }

trigger_run() {
  local answer
  answer=$(curl -sf -X POST "http://127.0.0.1:8081/runs" -H "Authorization: Bearer $(admin_token)" \
    -H 'Content-Type: application/json' -d '{"stores":["retail","wholesale","bakery"]}') \
    || die "the extractor refused the run: see $LOGS/extractor-service.log"
  RUN_ID=$(printf '%s' "$answer" | sed -n 's/.*"runId":"\([^"]*\)".*/\1/p')
  [ -n "$RUN_ID" ] || die "no run id in the extractor's answer"
  say "run $RUN_ID started"
}

notified() { [ -n "$(sql "select 1 from ops.notifications where run_id = '$RUN_ID' and status <> 'PENDING' limit 1")" ]; }

show_progress() {
  local deadline=$((SECONDS + RUN_TIMEOUT)) status="" last=""
  while [ $SECONDS -lt $deadline ]; do
    local extract staged
    # per store: extracts done/planned and records so far; then what the loader has staged for the run
    extract=$(sql "select string_agg(store || ' ' || done || '/' || planned || ' ' || records || ' rec' || failed, ', ' order by store)
                   from (select store, count(*) filter (where status = 'SUCCEEDED') as done, count(*) as planned,
                                sum(records) as records,
                                case when bool_or(status = 'FAILED') then ' FAILED' else '' end as failed
                         from ops.extractor_run_items where run_id = '$RUN_ID' group by store) s")
    staged=$(sql "select coalesce(sum(staged), 0) from (select count(*) as staged from staging.orders where run_id = '$RUN_ID'
                  union all select count(*) from staging.customers where run_id = '$RUN_ID'
                  union all select count(*) from staging.products where run_id = '$RUN_ID'
                  union all select count(*) from staging.inventory where run_id = '$RUN_ID') t")
    status=$(sql "select status from ops.etl_runs where run_id = '$RUN_ID'")
    local now="extract: ${extract:-starting} | staged: $staged | transform: ${status:-waiting for the loads}"
    [ "$now" != "$last" ] && say "$now" && last=$now
    if [ "$status" = SUCCEEDED ] || [ "$status" = FAILED ]; then
      wait_for notification 120 notified || say "no notification recorded within 120 s (see $LOGS/notifier-service.log)"
      return 0
    fi
    sleep 3
  done
  die "run $RUN_ID did not finish within $RUN_TIMEOUT s (see $LOGS/)"
}

summary() {
  echo
  echo "== Run $RUN_ID: $(sql "select status || coalesce(' — ' || error, '') from ops.etl_runs where run_id = '$RUN_ID'")"
  echo "-- jobs (ops.etl_run_log)"
  sql "select job, status, rows, attempts from ops.etl_run_log where run_id = '$RUN_ID' order by started_at" | column -t -s $'\t'
  echo "-- rows per warehouse table"
  for t in warehouse.dim_customers warehouse.dim_products warehouse.dim_product_variants warehouse.fact_orders \
           warehouse.fact_order_lines warehouse.order_metafields warehouse.fact_refunds warehouse.deleted_records \
           warehouse.fact_current_inventory \
           warehouse.inventory_snapshot mart.bake_schedule_week mart.future_orders; do
    printf '  %-36s %s\n' "$t" "$(sql "select count(*) from $t")"
  done
  echo "-- data quality (ops.dq_results)"
  sql "select status, count(*) from ops.dq_results where run_id = '$RUN_ID' group by status order by status" | column -t -s $'\t'
  sql "select '  ' || check_name || ': ' || status || coalesce(' (' || details || ')', '') from ops.dq_results
       where run_id = '$RUN_ID' and status <> 'PASSED' order by check_name"
  echo "-- reconciliation with the source (ops.reconciliation)"
  sql "select status, count(*) from ops.reconciliation where run_id = '$RUN_ID' group by status order by status" | column -t -s $'\t'
  sql "select '  ' || entity || '@' || store || ' ' || metric || ': ' || status || ' source ' || trim_scale(source)
              || ', warehouse ' || trim_scale(warehouse) || coalesce(' (' || note || ')', '')
       from ops.reconciliation where run_id = '$RUN_ID' and status <> 'OK' order by status, store, entity, metric"
  echo "-- notification (ops.notifications)"
  sql "select '  ' || kind || ' ' || status || coalesce(': ' || left(detail, 300), '') from ops.notifications where run_id = '$RUN_ID'"
  echo "  (sent to the LOCAL STAND-IN on 127.0.0.1:$STUB_PORT: no Power BI dataset was refreshed, no one was alerted)"
  echo "-- raw archive: $STATE/archive ($(find "$STATE/archive" -name '*.jsonl.gz' 2>/dev/null | wc -l) files)"
  echo "-- bakery pages: http://127.0.0.1:8083/reports/bake-schedule  http://127.0.0.1:8083/reports/future-orders"
  echo "-- health: $(for s in $SERVICES; do printf 'http://127.0.0.1:%s/q/health ' "${s##*:}"; done)"
  echo "-- admin token for POST /runs, /replay: $STATE/admin-token;  stop everything: deploy/local/pipeline.sh down"
}

case "${1:-up}" in
  up)
    build_if_needed shopify-simulator ${SERVICES//:808[0-9]/}
    database_ensure
    kafka_start
    write_config
    start_stub
    start_services
    trigger_run
    show_progress
    summary
    ;;
  run)
    trigger_run
    show_progress
    summary
    ;;
  status)
    for n in kafka stub shopify-simulator ${SERVICES//:808[0-9]/}; do
      if running "$n"; then echo "$n: running (pid $(cat "$PIDS/$n.pid"))"; else echo "$n: not running"; fi
    done
    ;;
  down)
    for n in ${SERVICES//:808[0-9]/} shopify-simulator stub kafka; do stop_process "$n"; done
    say "stopped everything this launcher started (data kept under .local/; remove it for a fresh start)"
    ;;
  *)
    echo "usage: $0 [up|run|status|down]" >&2; exit 2 ;;
esac
