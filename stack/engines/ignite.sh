# Apache Ignite 2.17.0 as one in-memory server node on loopback, in its own JVM. There is no Ignite
# distribution to download here: stack/ignite/ holds a small node program (IgniteNode.java, configured
# in code) and a pom that copies it with ignite-core and ignite-indexing into the installation's lib/.
# Contract: see stack/engines/postgres.sh.

IGNITE_VERSION=2.17.0
IGNITE_HOME="$STACK_ENGINES/ignite-$IGNITE_VERSION"
IGNITE_DATA="$STACK_DATA/ignite"
IGNITE_SOURCES="$JUNCTION_HOME/stack/ignite"
IGNITE_READY_FILE="$IGNITE_DATA/ready"

# The node is rebuilt when its program or pom changed since the last build.
ignite_install() {
  local jdk status
  # Built (and run) on JDK 17: Ignite 2 supports it, and it is the machine's default.
  jdk=$(require_jdk ignite 17 21) || return 1
  maven_tool_build ignite "$IGNITE_SOURCES" "$IGNITE_HOME" ignite.home "$jdk" \
    "the node with Ignite $IGNITE_VERSION into $IGNITE_HOME"
  status=$?
  [ $status -eq 2 ] && return 0
  [ $status -eq 0 ] || return 1
  say ignite "built: $(find "$IGNITE_HOME/lib" -name '*.jar' | wc -l) jars in lib/"
  # A running node still runs the old build; restart it.
  if is_running ignite; then say ignite "restarting on the new build"; ignite_stop; fi
}

ignite_check_ports() {
  local var ok=0
  for var in JUNCTION_IGNITE_PORT JUNCTION_IGNITE_DISCOVERY_PORT JUNCTION_IGNITE_COMMUNICATION_PORT; do
    check_port ignite "$var" || ok=1
  done
  return $ok
}

# The off-heap data region (hot metrics, cached results, demo tables): a hot row takes about 460 bytes with its
# indexes, so 2 GiB hold about 4.5 million of them. When it is 90 % full the gateway stops writing hot rows
# (junction.ingest.hot-store-fill-limit); events then wait in Pulsar.
: "${JUNCTION_IGNITE_MEMORY_MB:=2048}"

ignite_start() {
  local jdk jvm=()
  jdk=$(require_jdk ignite 17 21) || return 1
  mkdir -p "$IGNITE_DATA/work"
  # A ready file left by a killed node must not make a new one look ready.
  rm -f "$IGNITE_READY_FILE"
  # jvm.config holds one flag per line; comments and blank lines are skipped.
  mapfile -t jvm < <(grep -vE '^\s*(#|$)' "$IGNITE_SOURCES/jvm.config")
  spawn ignite "$IGNITE_DATA" "$jdk/bin/java" "${jvm[@]}" \
    "-DIGNITE_HOME=$IGNITE_DATA" "-Djava.io.tmpdir=$IGNITE_DATA/work" \
    "-Djunction.ignite.port=$JUNCTION_IGNITE_PORT" \
    "-Djunction.ignite.discoveryPort=$JUNCTION_IGNITE_DISCOVERY_PORT" \
    "-Djunction.ignite.communicationPort=$JUNCTION_IGNITE_COMMUNICATION_PORT" \
    "-Djunction.ignite.workDir=$IGNITE_DATA/work" \
    "-Djunction.ignite.readyFile=$IGNITE_READY_FILE" \
    "-Djunction.ignite.maxMemoryMb=$JUNCTION_IGNITE_MEMORY_MB" \
    -cp "$IGNITE_HOME/lib/*" dev.junction.stack.IgniteNode
}

ignite_procs() { echo ignite; }

# The node writes its PID to the ready file only after a SQL query through the thin client protocol
# (the one JDBC thin uses too) succeeded; the PID must be the recorded one (not a file left by an older
# node) and the port must still accept. No JVM per probe: this runs every second during 'up'.
ignite_ready() {
  [ -s "$IGNITE_READY_FILE" ] && [ "$(cat "$IGNITE_READY_FILE")" = "$(cat "$(pid_file ignite)" 2>/dev/null)" ] \
    && port_in_use "$JUNCTION_IGNITE_PORT"
}

ignite_deadline() { echo 180; }

ignite_ports() {
  echo "client $JUNCTION_IGNITE_PORT"
  echo "disco $JUNCTION_IGNITE_DISCOVERY_PORT"
  echo "comm $JUNCTION_IGNITE_COMMUNICATION_PORT"
}

ignite_urls() {
  echo "Ignite JDBC   jdbc:ignite:thin://$STACK_HOST:$JUNCTION_IGNITE_PORT  (schemas TPCH, METRICS, PUBLIC; clients need --add-opens=java.base/java.nio=ALL-UNNAMED)"
  echo "Ignite client $STACK_HOST:$JUNCTION_IGNITE_PORT  (thin client protocol)"
}

# The ready file would be ignored anyway (its PID is checked), but a stopped node should not leave one.
ignite_stop() { stop_process ignite 20; rm -f "$IGNITE_READY_FILE"; }
