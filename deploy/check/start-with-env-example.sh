#!/usr/bin/env bash
# Starts each service's built fast-jar (target/quarkus-app/) with .env.example as its whole environment — stand-ins
# for the empty secrets and ids, a fresh database on the local PostgreSQL, no broker — and reports whether Quarkus
# started (so the configuration was accepted) and /q/health/live answered; then stops it and drops the database.
# Needs: ./mvnw -B -ntp package -DskipTests, psql reaching PG_ADMIN (default: -h 127.0.0.1 -U postgres).
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
pg_host=${PG_HOST:-127.0.0.1}
pg_user=${PG_USER:-postgres}
db=envcheck_$$
work=$(mktemp -d)
psql -h "$pg_host" -U "$pg_user" -qc "create database $db" || { echo "start-with-env-example: no PostgreSQL"; exit 1; }
trap 'psql -h "$pg_host" -U "$pg_user" -qc "drop database if exists $db with (force)"; rm -rf "$work"' EXIT

mapfile -t envs < <(grep -E '^[A-Z][A-Z0-9_]*=' "$root/.env.example" | sed -E 's/^([A-Z0-9_]+)=$/\1=stand-in/' \
  | grep -v '^JAVA_OPTS=')
port=${FIRST_PORT:-18181}
failed=0
for m in extractor-service loader-service transformer-service notifier-service infra-scheduler-service; do
  jar="$root/$m/target/quarkus-app/quarkus-run.jar"
  [ -f "$jar" ] || { echo "$m: no $jar (package first)"; failed=1; continue; }
  log="$work/$m.log"
  env -i PATH="$PATH" HOME="$work" "${envs[@]}" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$pg_host:5432/$db" QUARKUS_DATASOURCE_USERNAME="$pg_user" \
    QUARKUS_DATASOURCE_PASSWORD="${PGPASSWORD:-}" KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:1 QUARKUS_HTTP_PORT=$port \
    LOADER_ARCHIVE_DIRECTORY="$work/archive" \
    java -Xmx256m -jar "$jar" > "$log" 2>&1 &
  pid=$!
  started=no
  for _ in $(seq 1 120); do
    grep -q "started in" "$log" && { started=yes; break; }
    kill -0 $pid 2>/dev/null || break
    sleep 1
  done
  live=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/q/health/live" || true)
  kill $pid 2>/dev/null; wait $pid 2>/dev/null
  if [ "$started" = yes ] && [ "$live" = 200 ]; then
    echo "$m: started ($(grep -m1 -oE 'started in [0-9.]+s' "$log")), /q/health/live 200"
  else
    echo "$m: FAILED to start with .env.example: $(grep -m1 -E 'SRCFG|ERROR|Exception' "$log" | cut -c1-300)"
    failed=1
  fi
  port=$((port + 1))
done
exit $failed
