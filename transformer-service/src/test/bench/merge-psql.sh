#!/usr/bin/env bash
# The merge SQL run directly by psql, for comparison with the service (MergeBenchmarkTests):
# a fresh database with the migrations, ORDERS generated orders (3 lines each) staged as run bench-1 (all new)
# and again as bench-2 (every order updated a day later); each merge file and the checks timed in its own transaction.
# Usage: transformer-service/src/test/bench/merge-psql.sh [ORDERS]   (psql connection from PGHOST/PGPORT/PGUSER)
set -euo pipefail
orders=${1:-100000}
here=$(cd "$(dirname "$0")" && pwd)
module=$(cd "$here/../../.." && pwd)
sql=$(cd "$module/../sql/src/main/resources" && pwd)
db=transformer_bench_$$
createdb "$db"
trap 'dropdb --if-exists "$db"' EXIT
run() { psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"; }

for migration in $(ls "$sql"/db/migration/V*.sql | sed "s/__/ __/" | sort -V | sed "s/ __/__/"); do run -f "$migration" >/dev/null; done
run -c "insert into ops.store_settings values ('retail', 'B2C', 'Asia/Kolkata', 1, 'USD', now()), ('wholesale', 'B2B', 'Asia/Kolkata', 2, 'USD', now())"

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
for pass in 1 2; do
  runid=bench-$pass
  start=$(date +%s%N)
  run -c "set bench.run_id = '$runid'; set bench.orders = $orders; set bench.shift_days = $((pass - 1));" \
      -f "$module/src/test/resources/bench/stage_bench_rows.sql" >/dev/null
  run -c "insert into ops.etl_runs (run_id, trigger, business_dates, plan, status, transform_attempts) values ('$runid', 'MANUAL', '{\"retail\": \"2026-11-22\", \"wholesale\": \"2026-11-22\"}', '[]', 'RUNNING', 1)"
  run -c "analyze"
  echo "pass $pass ($runid): staged $orders orders in $(ms "$start") ms"
  total=0
  for job in "$sql"/sql/models/shopify/warehouse/*.sql "$sql"/sql/models/shopify/marts/*.sql "$sql"/sql/checks/data_quality.sql; do
    start=$(date +%s%N)
    { echo "begin;"
      echo "select set_config('etl.run_id', '$runid', true), set_config('etl.business_dates', '{\"retail\": \"2026-11-22\", \"wholesale\": \"2026-11-22\"}', true),"
      echo "  set_config('etl.as_of', now()::text, true), set_config('etl.week_start_isodow', '1', true),"
      echo "  set_config('etl.dq_freshness_hours', '48', true), set_config('etl.dq_max_drop_ratio', '0.5', true);"
      cat "$job"
      echo "commit;"; } | run >/dev/null
    took=$(ms "$start"); total=$((total + took))
    printf '  %-28s %7d ms\n' "$(basename "$job" .sql)" "$took"
  done
  echo "  total                        $(printf '%7d' "$total") ms"
done
run -At -c "select 'rows: fact_orders ' || (select count(*) from warehouse.fact_orders) || ', fact_order_lines ' || (select count(*) from warehouse.fact_order_lines) || ', dim_customers ' || (select count(*) from warehouse.dim_customers) || ', order_metafields ' || (select count(*) from warehouse.order_metafields)"
