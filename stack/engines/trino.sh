# Trino 476 as a single coordinator-and-worker on loopback, with the tpch and memory catalogs.
# Trino 476 is the newest server on the Maven repository here; its core tarball has no connectors, so
# the tpch and memory plugins are fetched as separate zips. Configuration templates live in
# stack/trino/ and are rendered with the JUNCTION_* ports at every start.
# Contract: see stack/engines/postgres.sh.

TRINO_VERSION=476
TRINO_HOME="$STACK_ENGINES/trino-server-$TRINO_VERSION"
TRINO_DATA="$STACK_DATA/trino"
TRINO_ETC="$TRINO_DATA/etc"
TRINO_TEMPLATES="$JUNCTION_HOME/stack/trino"
TRINO_PLUGINS=(tpch memory)
TRINO_USER=junction   # any name works: the server runs without authentication

trino_install() {
  [ -f "$TRINO_HOME/.installed" ] && return 0
  local core plugin zip
  core=$(fetch_artifact trino "io.trino:trino-server-core:$TRINO_VERSION:tar.gz" "trino-server-core-$TRINO_VERSION.tar.gz") || return 1
  for plugin in "${TRINO_PLUGINS[@]}"; do
    fetch_artifact trino "io.trino:trino-$plugin:$TRINO_VERSION:zip" "trino-$plugin-$TRINO_VERSION.zip" >/dev/null || return 1
  done
  say trino "unpacking into $TRINO_HOME"
  rm -rf "$TRINO_HOME" "$TRINO_HOME.tmp"
  mkdir -p "$TRINO_HOME.tmp"
  tar -xzf "$core" -C "$TRINO_HOME.tmp" --strip-components=1 || { fail trino "cannot unpack $core"; return 1; }
  # Each zip holds one folder (trino-<plugin>-476/); Trino loads every folder under plugin/ as a plugin.
  for plugin in "${TRINO_PLUGINS[@]}"; do
    zip="$STACK_DOWNLOADS/trino-$plugin-$TRINO_VERSION.zip"
    unzip -q -o "$zip" -d "$TRINO_HOME.tmp/plugin" || { fail trino "cannot unpack $zip"; return 1; }
    mv "$TRINO_HOME.tmp/plugin/trino-$plugin-$TRINO_VERSION" "$TRINO_HOME.tmp/plugin/$plugin"
  done
  # Renamed only when complete, so an interrupted install starts over instead of running half a server.
  touch "$TRINO_HOME.tmp/.installed"
  mv "$TRINO_HOME.tmp" "$TRINO_HOME"
  say trino "installed ($(find "$TRINO_HOME/lib" -name '*.jar' | wc -l) jars, plugins: $(ls "$TRINO_HOME/plugin" | xargs))"
}

trino_check_ports() { check_port trino JUNCTION_TRINO_PORT; }

# trino_render TEMPLATE TARGET: copies TEMPLATE with its @NAME@ tokens replaced (ports and folders).
trino_render() {
  local args=() var
  for var in JUNCTION_TRINO_PORT TRINO_HOME TRINO_DATA TRINO_ETC; do args+=(-e "s|@$var@|${!var}|g"); done
  mkdir -p "$(dirname "$2")"
  sed "${args[@]}" "$1" >"$2"
}

# A JDK 25 AOT cache takes ~10 s off the start (class loading and linking dominate it). The first run
# records the classes it used and writes the cache when it exits (on 'down', which then takes longer
# once); later runs map it. The cache fits only the exact JDK build and lib/, so it lives in the
# installation, per JDK build; the JVM ignores (with a warning) a cache that does not match, so one
# older than jvm.config (whose flags it was recorded with) is recorded anew.
trino_aot_flags() {
  local dir file
  [ "$(jdk_major "$TRINO_JDK")" -ge 25 ] || return 0
  dir="$TRINO_HOME/aot/$(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"/\1/p' "$TRINO_JDK/release")"
  file="$dir/trino.aot"
  mkdir -p "$dir"
  [ "$file" -nt "$TRINO_TEMPLATES/jvm.config" ] || rm -f "$file"
  if [ -s "$file" ]; then echo "-XX:AOTCache=$file"; else echo "-XX:AOTCacheOutput=$file"; fi
}

trino_start() {
  TRINO_JDK=$(find_jdk 24) || {
    fail trino "Trino $TRINO_VERSION needs a JDK 24 or newer (on 17 it stops with \"Trino requires Java 22+\"); none found in \$JAVA_HOME or /usr/lib/jvm. Install one there (e.g. Temurin 25: /usr/lib/jvm/temurin-25-jdk-amd64) or set JAVA_HOME to one."
    return 1
  }
  mkdir -p "$TRINO_DATA"
  # Rendered at every start, so changed JUNCTION_* ports take effect on restart.
  rm -rf "$TRINO_ETC"
  local f
  for f in $(cd "$TRINO_TEMPLATES" && find . -type f -printf '%P\n'); do
    trino_render "$TRINO_TEMPLATES/$f" "$TRINO_ETC/$f"
  done
  # Started without Trino's launcher (a Python/Go wrapper that adds nothing here): one JVM, whose PID
  # is the one we record. jvm.config holds one flag per line; comments and blank lines are skipped.
  local jvm=()
  mapfile -t jvm < <(grep -vE '^\s*(#|$)' "$TRINO_ETC/jvm.config")
  # shellcheck disable=SC2046
  spawn trino "$TRINO_DATA" "$TRINO_JDK/bin/java" -cp "$TRINO_HOME/lib/*" "${jvm[@]}" $(trino_aot_flags) \
    "-Dconfig=$TRINO_ETC/config.properties" "-Dlog.levels-file=$TRINO_ETC/log.properties" \
    "-Dnode.data-dir=$TRINO_DATA" io.trino.server.TrinoServer
}

trino_procs() { echo trino; }

# trino_query SQL: runs SQL through Trino's REST protocol (POST /v1/statement, then follow nextUri)
# and prints the rows as JSON arrays, one page per line. Fails on an HTTP or query error (printing
# Trino's message to stderr). Plain curl and sed: the protocol's field order (nextUri before data,
# data before stats) makes this reliable enough for probes and checks.
trino_query() {
  local base="http://$STACK_HOST:$JUNCTION_TRINO_PORT" resp next data err i
  resp=$(curl -sS --fail --max-time 10 -H "X-Trino-User: $TRINO_USER" --data-binary "$1" "$base/v1/statement") || return 1
  for ((i = 0; i < 1200; i++)); do
    err=$(printf '%s' "$resp" | sed -n 's/.*"error":{"message":"\([^"]*\)".*/\1/p')
    if [ -n "$err" ]; then echo "trino: $err" >&2; return 1; fi
    data=$(printf '%s' "$resp" | sed -n 's/.*"data":\(\[.*\]\),"stats":.*/\1/p')
    [ -n "$data" ] && echo "$data"
    next=$(printf '%s' "$resp" | grep -o '"nextUri":"[^"]*"' | head -n 1 | cut -d'"' -f4)
    [ -n "$next" ] || return 0
    resp=$(curl -sS --fail --max-time 10 -H "X-Trino-User: $TRINO_USER" "$next") || return 1
  done
  echo "trino: query still running after 1200 pages" >&2
  return 1
}

# Ready when a real query answers: "SERVER STARTED" comes ~10 s before queries stop failing with
# "still initializing" / "No nodes available".
trino_ready() {
  curl -fsS -o /dev/null --max-time 3 "http://$STACK_HOST:$JUNCTION_TRINO_PORT/v1/info" || return 1
  [ "$(trino_query 'SELECT count(*) FROM tpch.tiny.nation')" = '[[25]]' ]
}

trino_deadline() { echo 180; }
trino_ports() { echo "http $JUNCTION_TRINO_PORT"; }

trino_urls() {
  local url="http://$STACK_HOST:$JUNCTION_TRINO_PORT"
  echo "Trino UI      $url/ui/  (any user name, no password)"
  echo "Trino JDBC    jdbc:trino://$STACK_HOST:$JUNCTION_TRINO_PORT?user=$TRINO_USER  (catalogs tpch, memory)"
}

trino_stop() {
  local grace=20
  # Writing the AOT cache at the first exit takes a while on two busy cores; don't kill it midway.
  [ -n "$(find "$TRINO_HOME/aot" -name 'trino.aot' -size +0 -print -quit 2>/dev/null)" ] || grace=120
  stop_process trino "$grace"
}
