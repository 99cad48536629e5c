#!/usr/bin/env bash
# Container health probe with no tools beyond bash: one HTTP GET over /dev/tcp, healthy on a 200.
set -euo pipefail
# The container's own loopback by default; CAIRN_HEALTH_HOST points it elsewhere (the process-level test of
# docker-compose.yml runs each service on a loopback address of its own).
host="${CAIRN_HEALTH_HOST:-127.0.0.1}"
port="${CAIRN_HEALTH_PORT:-9000}"
path="${CAIRN_HEALTH_PATH:-/-/health/live}"
exec 3<>"/dev/tcp/$host/$port"
printf 'GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n' "$path" "$host" >&3
read -r -t 3 status <&3
[[ "$status" == "HTTP/1.1 200"* ]]
