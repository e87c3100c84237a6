# Shared functions of the local launcher (sourced by pipeline.sh and deploy/bench/run.sh). State lives under
# <repo>/.local (git-ignored), or under LAUNCHER_STATE when the sourcing script sets it (the benchmark's own):
#   .local/pids/<name>.pid   processes this launcher started (only these are ever stopped)
#   .local/logs/<name>.log   their output
#   .local/kafka/            the broker's config and data

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STATE=${LAUNCHER_STATE:-"$ROOT/.local"}
PIDS="$STATE/pids"
LOGS="$STATE/logs"
mkdir -p "$PIDS" "$LOGS"

KAFKA_PORT=${KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-9093}
PG_HOST=${PG_HOST:-127.0.0.1}
PG_PORT=${PG_PORT:-5432}
PG_USER=${PG_USER:-postgres}
PG_DATABASE=${PG_DATABASE:-pipeline}

say() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { say "ERROR: $*" >&2; exit 1; }

running() { # name -> 0 when its recorded process is alive
  local f="$PIDS/$1.pid"
  [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() { # description seconds command...
  local what=$1 seconds=$2; shift 2
  for _ in $(seq 1 "$seconds"); do "$@" && return 0; sleep 1; done
  return 1
}

start_process() { # name command... (detached, own process group; pid recorded)
  local name=$1; shift
  if running "$name"; then say "$name already running (pid $(cat "$PIDS/$name.pid"))"; return 0; fi
  setsid "$@" > "$LOGS/$name.log" 2>&1 < /dev/null &
  echo $! > "$PIDS/$name.pid"
}

stop_process() { # name
  local f="$PIDS/$1.pid"
  [ -f "$f" ] || return 0
  local pid; pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -0 "$pid" 2>/dev/null && { kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid"; }
    say "stopped $1"
  fi
  rm -f "$f"
}

build_if_needed() { # module... : packages everything when a module's fast-jar is missing, or with PIPELINE_BUILD=1
  local m missing=0
  for m in "$@"; do
    [ -f "$ROOT/$m/target/quarkus-app/quarkus-run.jar" ] || missing=1
  done
  if [ "$missing" = 1 ] || [ "${PIPELINE_BUILD:-0}" = 1 ]; then
    say "building the services (./mvnw package -DskipTests; a few minutes the first time)"
    (cd "$ROOT" && ./mvnw -B -ntp -q package -DskipTests) > "$LOGS/build.log" 2>&1 || die "build failed: see $LOGS/build.log"
  fi
}

wiremock_jar() { # prints the path of the local stand-in's WireMock jar, resolved from Maven Central the first time
  local jar="$STATE/lib/wiremock-standalone.jar"
  if [ ! -s "$jar" ]; then
    mkdir -p "$STATE/lib"
    "$ROOT/mvnw" -q -B -ntp dependency:copy -Dartifact=org.wiremock:wiremock-standalone:3.13.1 \
      -DoutputDirectory="$STATE/lib" -Dmdep.stripVersion=true > "$LOGS/stub-resolve.log" 2>&1 || return 1
  fi
  echo "$jar"
}

# ---- Kafka: a real KRaft broker from the Maven jars ------------------------------------------------------------
kafka_start() {
  local dir="$STATE/kafka"
  mkdir -p "$dir"
  if running kafka; then
    say "Kafka already running on 127.0.0.1:$KAFKA_PORT"
    kafka_topics "$(cat "$dir/classpath.txt")"
    return 0
  fi
  port_open "$KAFKA_PORT" && die "port $KAFKA_PORT is taken by another process (not started by this launcher); set KAFKA_PORT"
  if [ ! -s "$dir/classpath.txt" ] || [ "$ROOT/deploy/local/kafka/pom.xml" -nt "$dir/classpath.txt" ]; then
    say "resolving the Kafka broker's jars from Maven Central"
    "$ROOT/mvnw" -q -B -ntp -f "$ROOT/deploy/local/kafka/pom.xml" dependency:build-classpath \
      -Dmdep.outputFile="$dir/classpath.txt" || die "could not resolve the Kafka broker jars"
  fi
  local cp; cp=$(cat "$dir/classpath.txt")
  cat > "$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/data
num.partitions=3
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
log.retention.hours=336
PROPS
  if [ ! -f "$dir/data/meta.properties" ]; then
    local cluster; cluster=$(java -cp "$cp" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)
    java -cp "$cp" kafka.tools.StorageTool format -t "$cluster" -c "$dir/server.properties" > "$LOGS/kafka-format.log" 2>&1 \
      || die "formatting the Kafka data directory failed: see $LOGS/kafka-format.log"
  fi
  start_process kafka java -Xms256m -Xmx768m -cp "$cp" kafka.Kafka "$dir/server.properties"
  wait_for "Kafka" 60 port_open "$KAFKA_PORT" || die "Kafka did not open port $KAFKA_PORT: see $LOGS/kafka.log"
  say "Kafka (KRaft) up on 127.0.0.1:$KAFKA_PORT, data in ${dir#"$ROOT"/}/data"
  kafka_topics "$cp"
}

# The pipeline's topics (pipeline-events' Topics.all(), as deploy/compose-check.sh reads them) are created up front
# with 3 partitions, never left to auto-creation; only the missing ones, so a restart costs one listing.
kafka_topics() {
  local cp="$1" bootstrap="127.0.0.1:$KAFKA_PORT" wanted existing created="" topic
  wanted=$(grep -oE '"[a-z]+(\.[a-z]+)+"' "$ROOT/pipeline-events/src/main/java/com/multistore/elt/events/Topics.java" | tr -d '"')
  [ -n "$wanted" ] || die "no topics found in pipeline-events' Topics.java"
  existing=$(java -cp "$cp" org.apache.kafka.tools.TopicCommand --bootstrap-server "$bootstrap" --list \
    2>>"$LOGS/kafka-topics.log") || die "listing the Kafka topics failed: see $LOGS/kafka-topics.log"
  for topic in $wanted; do
    grep -qxF "$topic" <<<"$existing" && continue
    java -cp "$cp" org.apache.kafka.tools.TopicCommand --bootstrap-server "$bootstrap" --create --if-not-exists \
      --topic "$topic" --partitions 3 --replication-factor 1 >>"$LOGS/kafka-topics.log" 2>&1 \
      || die "creating the topic $topic failed: see $LOGS/kafka-topics.log"
    created="$created $topic"
  done
  if [ -n "$created" ]; then say "topics created:$created"; else say "topics: all $(wc -w <<<"$wanted") present"; fi
}

# ---- PostgreSQL: the local server; the database is created when missing ----------------------------------------
database_ensure() {
  command -v psql >/dev/null || die "psql not found: install the PostgreSQL client, or point QUARKUS_DATASOURCE_JDBC_URL at a server"
  if ! pg_isready -h "$PG_HOST" -p "$PG_PORT" -q 2>/dev/null; then
    die "no PostgreSQL answers on $PG_HOST:$PG_PORT. Start it (Debian: pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start) or set PG_HOST/PG_PORT."
  fi
  if [ "$(psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -Atc "select 1 from pg_database where datname = '$PG_DATABASE'")" != 1 ]; then
    psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -qc "create database \"$PG_DATABASE\"" || die "could not create database $PG_DATABASE"
    say "created database $PG_DATABASE"
  fi
  say "PostgreSQL $PG_HOST:$PG_PORT database $PG_DATABASE ready"
}
