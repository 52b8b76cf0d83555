#!/usr/bin/env bash
# The gateway image's HEALTHCHECK: exit 0 when GET /health/live answers 200. Plain bash (/dev/tcp),
# since the eclipse-temurin JRE image has neither curl nor wget. Liveness only: /health (every engine's check)
# fails while an engine is down, which is no reason to restart the gateway.
set -euo pipefail
exec 3<>"/dev/tcp/127.0.0.1/${JUNCTION_GATEWAY_PORT:-8080}"
printf 'GET /health/live HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
IFS= read -r -t "${JUNCTION_HEALTH_TIMEOUT_SECONDS:-3}" status <&3
[[ $status == "HTTP/1."[01]" 200 "* ]]
