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
