# PostgreSQL (Debian package) as a private cluster under .stack/, run as a non-root user.
# Contract of an engine file: <e>_install, <e>_check_ports, <e>_start, <e>_procs, <e>_ready,
# <e>_deadline, <e>_ports, <e>_urls, <e>_stop. See stack/lib/common.sh for the helpers.

POSTGRES_DATA="$STACK_DATA/postgres"
POSTGRES_USER_DB=junction   # database, role and password of the gateway's metadata store

postgres_bin() {
  local d; d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$d" ] && echo "$d"
}

# The server refuses to run as root: as root, it runs as the package's 'postgres' user.
postgres_as() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

postgres_install() {
  if [ -z "$(postgres_bin)" ]; then
    if [ "$(id -u)" = 0 ]; then
      say postgres "installing Debian package postgresql"
      { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql; } \
        >"$STACK_LOGS/apt-postgresql.log" 2>&1 || { fail postgres "apt-get install postgresql failed; see $STACK_LOGS/apt-postgresql.log"; return 1; }
    else
      fail postgres "PostgreSQL server binaries are missing: run 'sudo apt-get install postgresql'"; return 1
    fi
  fi
  if [ ! -s "$POSTGRES_DATA/PG_VERSION" ]; then
    say postgres "initdb $POSTGRES_DATA"
    mkdir -p "$POSTGRES_DATA"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$POSTGRES_DATA"
    chmod 700 "$POSTGRES_DATA"
    postgres_as "$(postgres_bin)/initdb" -D "$POSTGRES_DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
      >"$STACK_LOGS/postgres-initdb.log" 2>&1 || { fail postgres "initdb failed; see $STACK_LOGS/postgres-initdb.log"; return 1; }
  fi
}

postgres_check_ports() { check_port postgres JUNCTION_POSTGRES_PORT; }

postgres_start() {
  # The log goes to the stack's log folder, which the server user must be able to write.
  local log; log=$(log_file postgres); touch "$log"
  [ "$(id -u)" = 0 ] && chown postgres "$log"
  local as=(); [ "$(id -u)" = 0 ] && as=(runuser -u postgres --)
  spawn postgres "$POSTGRES_DATA" "${as[@]}" "$(postgres_bin)/postgres" -D "$POSTGRES_DATA" \
    -p "$JUNCTION_POSTGRES_PORT" -c listen_addresses="$STACK_HOST" -c unix_socket_directories="$POSTGRES_DATA" \
    -c shared_buffers=64MB -c max_connections=50 -c fsync=off
}

postgres_procs() { echo postgres; }

postgres_ready() {
  "$(postgres_bin)/pg_isready" -q -h "$STACK_HOST" -p "$JUNCTION_POSTGRES_PORT" || return 1
  # Create the gateway's role and database once.
  local psql=("$(postgres_bin)/psql" -h "$STACK_HOST" -p "$JUNCTION_POSTGRES_PORT" -U postgres -v ON_ERROR_STOP=1 -qtA)
  if [ "$("${psql[@]}" -c "select 1 from pg_roles where rolname='$POSTGRES_USER_DB'")" != 1 ]; then
    "${psql[@]}" -c "create role $POSTGRES_USER_DB login password '$POSTGRES_USER_DB'" || return 1
  fi
  if [ "$("${psql[@]}" -c "select 1 from pg_database where datname='$POSTGRES_USER_DB'")" != 1 ]; then
    "${psql[@]}" -c "create database $POSTGRES_USER_DB owner $POSTGRES_USER_DB" || return 1
  fi
}

postgres_deadline() { echo 60; }
postgres_ports() { echo "pg $JUNCTION_POSTGRES_PORT"; }
postgres_urls() {
  echo "PostgreSQL    jdbc:postgresql://$STACK_HOST:$JUNCTION_POSTGRES_PORT/$POSTGRES_USER_DB (user/password $POSTGRES_USER_DB)"
}
postgres_stop() { stop_process postgres 20; }
