#!/usr/bin/env bash
# Installs what the deployment tests (src/test/java/dev/junction/deploy/) run, when it is missing, the way
# stack/engines/postgres.sh installs PostgreSQL: Debian packages through apt-get when root, npm packages
# from tools/package-lock.json into tools/node_modules/. Prints why and exits 1 when it cannot.
#
#   tools/install.sh docker-compose   Debian's docker-compose: validates docker/compose.yaml without an engine
#   tools/install.sh npm              tools/package.json's packages (dockerfile-utils, the Dockerfile linter)
#   tools/install.sh prometheus-parser  Debian's python3-prometheus-client: the Prometheus project's own parser
#                                     of its text format, which checks GET /api/v1/export/prometheus
#   tools/install.sh sqlalchemy        Debian's python3-sqlalchemy, and pip with setuptools and wheel to install the
#                                     Python client (clients/python) for its tests
set -euo pipefail
TOOLS=$(cd "$(dirname "$0")" && pwd)

apt_install() {
  local package=$1
  if [ "$(id -u)" != 0 ]; then
    echo "tools: $package is missing and only root can install it: run 'sudo apt-get install $package'" >&2
    return 1
  fi
  echo "tools: installing Debian package $package" >&2
  # shellcheck disable=SC2086 # one or more package names
  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $package; } >&2
}

case ${1:-} in
  docker-compose)
    command -v docker-compose >/dev/null || apt_install docker-compose
    ;;
  npm)
    command -v npm >/dev/null || apt_install npm
    # npm ci again whenever the lockfile changed since the last install.
    if [ ! -f "$TOOLS/node_modules/.package-lock.json" ] \
        || [ "$TOOLS/package-lock.json" -nt "$TOOLS/node_modules/.package-lock.json" ]; then
      echo "tools: npm ci in $TOOLS" >&2
      (cd "$TOOLS" && npm ci --no-audit --no-fund) >&2
    fi
    ;;
  prometheus-parser)
    /usr/bin/python3 -c 'import prometheus_client.parser' 2>/dev/null || apt_install python3-prometheus-client
    ;;
  sqlalchemy)
    /usr/bin/python3 -c 'import sqlalchemy' 2>/dev/null || apt_install python3-sqlalchemy
    # One import each: pip and setuptools in one interpreter trip over setuptools' distutils hack.
    for module in pip setuptools wheel; do
      /usr/bin/python3 -c "import $module" 2>/dev/null || { apt_install "python3-pip python3-setuptools python3-wheel"; break; }
    done
    ;;
  *)
    echo "usage: tools/install.sh docker-compose|npm|prometheus-parser|sqlalchemy" >&2
    exit 2
    ;;
esac
