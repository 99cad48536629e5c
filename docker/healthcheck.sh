#!/usr/bin/env bash
# Container health probe with no tools beyond bash: one HTTP GET over /dev/tcp, healthy on a 200.
set -euo pipefail
port="${CAIRN_HEALTH_PORT:-9000}"
path="${CAIRN_HEALTH_PATH:-/-/health/live}"
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$path" >&3
read -r -t 3 status <&3
[[ "$status" == "HTTP/1.1 200"* ]]
