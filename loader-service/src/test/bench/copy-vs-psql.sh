#!/usr/bin/env bash
# The loader's Kafka -> staging rate next to its floor: a plain `psql \copy` of the same RawRecords as JSONL.
#
#   loader-service/src/test/bench/copy-vs-psql.sh [jsonl]
#
# Without an argument it first runs VolumeTests, which produces 100,000 RawRecords to the test broker, measures the
# loader staging them (target/bench/loader-100k.txt) and writes the same records to target/bench/raw-records-100k.jsonl.
# Then, in a scratch database on the local server (PGHOST/PGPORT/PGUSER as for psql; default 127.0.0.1, postgres):
#   1. \copy the JSONL into a one-column jsonb table (the bare floor), and
#   2. the same \copy plus one INSERT ... SELECT into a table shaped like staging.orders (the fair floor: the
#      loader also splits each record into run, store, gid, timestamps and payload).
set -euo pipefail
cd "$(dirname "$0")/../../.."          # the loader-service module
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
JSONL=${1:-}
if [ -z "$JSONL" ]; then
  mkdir -p target/bench
  JSONL=$PWD/target/bench/raw-records-100k.jsonl
  (cd .. && ./mvnw -B -ntp -q -pl loader-service -am verify -Dtest=VolumeTests -Dsurefire.failIfNoSpecifiedTests=false \
      -Dbench.loader-jsonl="$JSONL") > target/bench/volume-tests.log 2>&1
  cat target/bench/loader-100k.txt
fi
RECORDS=$(wc -l < "$JSONL")
DB=loader_bench_$$
psql -q -d postgres -c "create database $DB" >/dev/null
trap 'psql -q -d postgres -c "drop database if exists $DB with (force)" >/dev/null' EXIT
psql -q -d "$DB" <<'SQL' >/dev/null
create unlogged table raw_lines (line jsonb);
create table staged (run_id text, store text, gid text, source_updated_at timestamptz, extracted_at timestamptz not null,
    payload jsonb not null, staged_at timestamptz not null default now(), primary key (run_id, store, gid));
SQL
# CSV with quote and delimiter characters that never occur in JSON text: each line is one jsonb value.
COPY="\\copy raw_lines(line) from '$JSONL' with (format csv, quote e'\\x01', delimiter e'\\x02')"
now() { date +%s.%N; }
t0=$(now); psql -q -d "$DB" -c "$COPY" >/dev/null; t1=$(now)
psql -q -d "$DB" -c "truncate raw_lines" >/dev/null
t2=$(now)
psql -q -d "$DB" -c "$COPY" >/dev/null
psql -q -d "$DB" -c "insert into staged (run_id, store, gid, source_updated_at, extracted_at, payload)
  select line->>'runId', line->>'store', line->>'gid', (line->>'sourceUpdatedAt')::timestamptz,
         (line->>'extractedAt')::timestamptz, line->'payload' from raw_lines on conflict do nothing" >/dev/null
t3=$(now)
awk -v n="$RECORDS" -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" 'BEGIN {
  printf "psql \\copy of %d JSONL records into jsonb: %.1f s = %.0f records/s\n", n, b - a, n / (b - a);
  printf "psql \\copy + insert into a staging-shaped table: %.1f s = %.0f records/s\n", d - c, n / (d - c) }'
