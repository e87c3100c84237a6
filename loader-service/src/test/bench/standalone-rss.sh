#!/usr/bin/env bash
# The packaged loader alone: its Kafka -> staging rate and peak RSS for a JSONL of RawRecords (100k by default, from
# VolumeTests: see copy-vs-psql.sh), against a KRaft broker started from the Maven jars (a child process) and a
# scratch database on the local PostgreSQL.
#
#   loader-service/src/test/bench/standalone-rss.sh <jsonl> [java options for the loader, e.g. -Xmx256m]
#
# Needs `./mvnw -pl loader-service -am package` first (target/quarkus-app). Everything it starts is stopped at the end.
set -euo pipefail
BENCH=$(cd "$(dirname "$0")" && pwd)
MODULE=$(cd "$BENCH/../../.." && pwd)
JSONL=$(realpath "$1"); shift
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-postgres}
WORK=$(mktemp -d); DB=loader_rss_$$; PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; sleep 2
            psql -q -d postgres -c "drop database if exists $DB with (force)" >/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

cat > "$WORK/pom.xml" <<'POM'
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>broker</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>4.1.1</version></dependency>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka-tools</artifactId><version>4.1.1</version></dependency>
  </dependencies></project>
POM
(cd "$WORK" && "$MODULE/../mvnw" -q -B dependency:build-classpath -Dmdep.outputFile=cp.txt >/dev/null)
CP=$(cat "$WORK/cp.txt")
cat > "$WORK/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:19193
listeners=PLAINTEXT://127.0.0.1:19192,CONTROLLER://127.0.0.1:19193
advertised.listeners=PLAINTEXT://127.0.0.1:19192
controller.listener.names=CONTROLLER
log.dirs=$WORK/kafka-logs
num.partitions=3
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
java -cp "$CP" kafka.tools.StorageTool format -t "$(java -cp "$CP" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)" \
    -c "$WORK/server.properties" >/dev/null 2>&1
java -Xmx512m -cp "$CP" kafka.Kafka "$WORK/server.properties" > "$WORK/broker.log" 2>&1 & PIDS+=($!)
for _ in $(seq 1 60); do (echo > /dev/tcp/127.0.0.1/19192) 2>/dev/null && break; sleep 1; done

java -cp "$CP" "$BENCH/ProduceJsonl.java" 127.0.0.1:19192 "$JSONL" 2>/dev/null
RECORDS=$(wc -l < "$JSONL")
psql -q -d postgres -c "create database $DB" >/dev/null
QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://$PGHOST:5432/$DB QUARKUS_DATASOURCE_USERNAME=$PGUSER \
KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:19192 LOADER_ARCHIVE_DIRECTORY=$WORK/archive QUARKUS_HTTP_PORT=18082 \
    java "$@" -jar "$MODULE/target/quarkus-app/quarkus-run.jar" > "$WORK/loader.log" 2>&1 & LOADER=$!; PIDS+=($LOADER)
staged=0
for _ in $(seq 1 600); do
  sleep 1
  staged=$(psql -d "$DB" -tAc "select coalesce(sum(staged), 0) from ops.loader_counts" 2>/dev/null || echo 0)
  [ "$staged" -ge "$RECORDS" ] && break
done
seconds=$(psql -d "$DB" -tAc "select extract(epoch from max(last_staged_at) - min(first_staged_at)) from ops.loader_counts")
echo "loader (packaged jar, java $*): $staged of $RECORDS records staged; first to last batch ${seconds} s" \
     "= $(awk -v n="$staged" -v s="$seconds" 'BEGIN { printf "%.0f", n / s }') records/s;" \
     "peak RSS $(awk '/VmHWM/ { printf "%d MB", $2 / 1024 }' /proc/$LOADER/status)"
