#!/usr/bin/env bash
# Validates docker-compose.yml without a Docker engine: `docker-compose config -q` (Debian's docker-compose 1.29)
# with .env.example as the .env, every profile enabled. Installs docker-compose with apt-get when it is missing and
# this runs as root with apt-get available; otherwise it says it skipped the check and exits 0.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)

if ! command -v docker-compose > /dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null 2>&1; then
    echo "compose-check: installing docker-compose (apt-get)"
    if ! { apt-get install -y -qq docker-compose > /dev/null 2>&1 \
        || { apt-get update -qq > /dev/null 2>&1 && apt-get install -y -qq docker-compose > /dev/null 2>&1; }; }; then
      echo "compose-check: SKIPPED: apt-get could not install docker-compose"
      exit 0
    fi
  else
    echo "compose-check: SKIPPED: docker-compose is not installed (install it, or run as root where apt-get exists)"
    exit 0
  fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$root/docker-compose.yml" "$work/docker-compose.yml"
cp "$root/.env.example" "$work/.env"
cd "$work"

# every file the compose file refers to must exist in the repository
for f in deploy/docker/Dockerfile.jvm .dockerignore; do
  [ -f "$root/$f" ] || { echo "compose-check: FAILED: $f is missing"; exit 1; }
done

compose() { docker-compose --profile local-db --profile scheduler -f docker-compose.yml "$@"; }
compose config -q
compose config > resolved.yml
services=$(compose config --services | sort | tr '\n' ' ')
expected="extractor infra-scheduler kafka kafka-topics loader notifier postgres transformer "
if [ "$services" != "$expected" ]; then
  echo "compose-check: FAILED: services are [$services], expected [$expected]"
  exit 1
fi

# the topic list must be exactly pipeline-events' Topics.all()
declared=$(grep -oE '"[a-z]+(\.[a-z]+)+"' "$root/pipeline-events/src/main/java/com/multistore/elt/events/Topics.java" \
  | tr -d '"' | sort | tr '\n' ' ')
created=$(awk '/^  kafka-topics:/{t=1} t && /TOPICS:/{p=1; sub(/.*TOPICS:/, ""); print; next} p && /^      [A-Z_]+:/{exit} p{print}' resolved.yml \
  | tr ' ' '\n' | grep -E '^[a-z]+(\.[a-z]+)+$' | sort | tr '\n' ' ')
if [ "$declared" != "$created" ]; then
  echo "compose-check: FAILED: kafka-topics creates [$created], Topics.java declares [$declared]"
  exit 1
fi

echo "compose-check: OK ($(docker-compose version --short)): services: $services; topics: $created"

# .env.example against the services' own config mappings (deploy/check/EnvExampleCheck.java), compiled from the
# modules' sources with SmallRye Config from the local Maven repository (present after any build of the project).
m2=${MAVEN_REPO:-$HOME/.m2/repository}
newest() { ls -d "$m2/$1"/*/ 2>/dev/null | sort -V | tail -1; }
cp_jars=""
for a in io/smallrye/config/smallrye-config-core io/smallrye/config/smallrye-config-common \
         org/eclipse/microprofile/config/microprofile-config-api org/jboss/logging/jboss-logging org/ow2/asm/asm \
         com/fasterxml/jackson/core/jackson-annotations \
         io/smallrye/common/smallrye-common-annotation io/smallrye/common/smallrye-common-classloader \
         io/smallrye/common/smallrye-common-constraint io/smallrye/common/smallrye-common-expression \
         io/smallrye/common/smallrye-common-function io/smallrye/common/smallrye-common-net; do
  dir=$(newest "$a")
  jar=$(ls "$dir"*.jar 2>/dev/null | grep -v -e sources -e javadoc | head -1 || true)
  if [ -z "$jar" ]; then
    echo "env-check: SKIPPED: $a not in $m2 (build the project once first)"
    exit 0
  fi
  cp_jars="$cp_jars:$jar"
done
if ! command -v javac > /dev/null 2>&1; then
  echo "env-check: SKIPPED: no javac"
  exit 0
fi
mapfile -t sources < <(grep -l '^@ConfigMapping' "$root"/*-service/src/main/java/com/multistore/elt/*/config/*.java)
support="$root"/service-support/src/main/java/com/multistore/elt/service
sources+=("$support"/store/StoresConfig.java "$support"/store/UnknownStoreException.java "$support"/store/StoreSettingsCheck.java
          "$support"/clock/ClockConfig.java
          "$root"/pipeline-events/src/main/java/com/multistore/elt/events/Entity.java "$root"/deploy/check/EnvExampleCheck.java)
javac -nowarn -d classes -cp "${cp_jars#:}" "${sources[@]}"
# names read outside the mappings: @ConfigProperty in the services, Quarkus' datasource and Kafka keys, and
# JAVA_OPTS / QUARKUS_CONFIG_LOCATIONS (the image's entry point, Quarkus' config locations)
{ grep -rhoE '@ConfigProperty\(name = "[^"]+"' "$root"/*-service/src/main/java "$root"/service-support/src/main/java \
    | sed -E 's/.*"(.*)"/\1/'
  # aws-support reads its keys through the Config API (AwsSettings, the Secrets Manager source): its literal key names,
  # and the endpoint override of each AWS service a client is built for (aws.client(<Client>.builder(), "<service>"))
  grep -rhoE '"(aws|pipeline)\.[a-z][a-z.-]*[a-z]"' "$root"/aws-support/src/main/java | tr -d '"'
  grep -rhoE '(client|configure)\([A-Za-z0-9]+\.builder\(\), "[a-z0-9]+"' "$root"/*-service/src/main/java "$root"/aws-support/src/main/java \
    | sed -E 's/.*"(.*)"/aws.\1.endpoint-override/'
  printf '%s\n' quarkus.datasource.jdbc.url quarkus.datasource.username quarkus.datasource.password \
    kafka.bootstrap.servers quarkus.config.locations java.opts; } | sort -u > extra-names.txt
java -cp "classes:${cp_jars#:}" EnvExampleCheck "$root/.env.example" extra-names.txt
