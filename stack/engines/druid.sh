# Apache Druid 33.0.0 as a small local cluster on loopback: ZooKeeper, a coordinator that is also the
# overlord, a broker, a historical and an indexer, each its own JVM. There is no Druid tarball here, so
# the installation is assembled from Maven artifacts (stack/druid/pom.xml); configuration templates
# live in stack/druid/ and are rendered with the JUNCTION_* ports at every start.
# Contract: see stack/engines/postgres.sh.

DRUID_VERSION=33.0.0
DRUID_HOME="$STACK_ENGINES/druid-$DRUID_VERSION"
DRUID_DATA="$STACK_DATA/druid"
DRUID_TEMPLATES="$JUNCTION_HOME/stack/druid"
DRUID_SERVICES=(coordinator broker historical indexer)

# Flags of Druid's own launcher (bin/run-java) for JDK 17: its memory and network code reaches into
# JDK internals.
DRUID_JVM_FLAGS=(
  --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED
  --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED
  -Duser.timezone=UTC -Dfile.encoding=UTF-8
  -Djava.util.logging.manager=org.apache.logging.log4j.jul.LogManager
  # Small heaps on two shared cores: the serial collector costs the least memory and threads.
  -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError
)

druid_install() {
  if [ -f "$DRUID_HOME/.assembled" ]; then return 0; fi
  say druid "assembling Druid $DRUID_VERSION from Maven into $DRUID_HOME (about 200 jars; log: $STACK_LOGS/druid-assembly.log)"
  rm -rf "$DRUID_HOME"
  if ! mvn -B -ntp -f "$DRUID_TEMPLATES/pom.xml" package -Ddruid.version="$DRUID_VERSION" -Ddruid.home="$DRUID_HOME" \
      >"$STACK_LOGS/druid-assembly.log" 2>&1; then
    fail druid "assembly failed; last errors in $STACK_LOGS/druid-assembly.log:" || true
    grep -E '\[ERROR\]' "$STACK_LOGS/druid-assembly.log" | head -n 15 >&2
    return 1
  fi
  # The marker makes an interrupted assembly start over instead of running on a partial lib/.
  touch "$DRUID_HOME/.assembled"
  say druid "assembled: $(find "$DRUID_HOME/lib" -name '*.jar' | wc -l) jars in lib/, extensions: $(ls "$DRUID_HOME/extensions" | xargs)"
}

druid_check_ports() {
  local var ok=0
  for var in JUNCTION_ZOOKEEPER_PORT JUNCTION_DRUID_COORDINATOR_PORT JUNCTION_DRUID_BROKER_PORT \
      JUNCTION_DRUID_HISTORICAL_PORT JUNCTION_DRUID_INDEXER_PORT JUNCTION_DRUID_DERBY_PORT; do
    check_port druid "$var" || ok=1
  done
  return $ok
}

# druid_render TEMPLATE TARGET: copies TEMPLATE with its @NAME@ tokens replaced (ports and folders).
druid_render() {
  local args=() var
  for var in JUNCTION_ZOOKEEPER_PORT JUNCTION_DRUID_COORDINATOR_PORT JUNCTION_DRUID_BROKER_PORT \
      JUNCTION_DRUID_HISTORICAL_PORT JUNCTION_DRUID_INDEXER_PORT JUNCTION_DRUID_DERBY_PORT DRUID_HOME DRUID_DATA; do
    args+=(-e "s|@$var@|${!var}|g")
  done
  mkdir -p "$(dirname "$2")"
  sed "${args[@]}" "$1" >"$2"
}

# The configuration is rendered at every start, so changed JUNCTION_* ports take effect on restart.
druid_render_conf() {
  local conf="$DRUID_HOME/conf" f
  rm -rf "$conf"
  for f in $(cd "$DRUID_TEMPLATES" && find _common zookeeper "${DRUID_SERVICES[@]}" -type f); do
    druid_render "$DRUID_TEMPLATES/$f" "$conf/$f"
  done
}

druid_zookeeper_up() { port_in_use "$JUNCTION_ZOOKEEPER_PORT"; }

# AppCDS halves the start (class loading of five JVMs dominates it on two cores): the first run of
# each JVM records the classes it loaded into an archive when it exits (on 'down', which then takes
# ~15 s longer once); later runs map that archive. An archive only fits the exact JDK build and lib/,
# so it lives in the installation, per JDK build. CDS refuses classpath directories that are not
# empty, which is why the configuration is passed as files (-Ddruid.properties.file) instead of
# conf/ folders on the classpath.
druid_cds_dir() { echo "$DRUID_HOME/cds/$(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"/\1/p' "$DRUID_JDK/release")"; }

# druid_cds_flags SERVICE: the flag that uses SERVICE's archive, or the one that records it.
druid_cds_flags() {
  local jsa; jsa="$(druid_cds_dir)/$1.jsa"
  # An archive from a JVM killed while writing it would be useless: it is only adopted once this
  # JVM maps it cleanly (-Xshare:on turns a refused archive into an error).
  if [ -s "$jsa.new" ]; then
    if "$DRUID_JDK/bin/java" -Xshare:on "-XX:SharedArchiveFile=$jsa.new" -cp "$DRUID_HOME/lib/*" -version >/dev/null 2>&1; then
      mv -f "$jsa.new" "$jsa"
    else
      rm -f "$jsa.new"
    fi
  fi
  if [ -s "$jsa" ]; then echo "-XX:SharedArchiveFile=$jsa"; else echo "-XX:ArchiveClassesAtExit=$jsa.new"; fi
}

# druid_java SERVICE ARGS…: spawns the JVM of one service (zookeeper, coordinator, …) as druid-SERVICE;
# ARGS are its own system properties, main class and arguments.
druid_java() {
  local service=$1; shift
  local conf="$DRUID_HOME/conf"
  # jvm.config holds one flag per line (Druid's own convention); word splitting is intended.
  # shellcheck disable=SC2046
  spawn "druid-$service" "$DRUID_HOME" "$DRUID_JDK/bin/java" $(cat "$conf/$service/jvm.config") "${DRUID_JVM_FLAGS[@]}" \
    "$(druid_cds_flags "$service")" "-Djava.io.tmpdir=$DRUID_DATA/tmp" \
    "-Dlog4j.configurationFile=$conf/_common/log4j2.xml" -cp "$DRUID_HOME/lib/*" "$@"
}

druid_start() {
  local conf="$DRUID_HOME/conf" service
  DRUID_JDK=$(require_jdk druid 17 17) || return 1
  mkdir -p "$DRUID_DATA"/{zookeeper,tmp,segment-cache,deep-storage,indexing-logs,task} "$(druid_cds_dir)"
  druid_render_conf
  # Druid reads common.runtime.properties and runtime.properties from the classpath, or else both
  # from the one file named by druid.properties.file: so each service gets the two concatenated.
  for service in "${DRUID_SERVICES[@]}"; do
    cat "$conf/_common/common.runtime.properties" "$conf/$service/runtime.properties" \
      >"$conf/$service/merged.runtime.properties"
  done

  druid_java zookeeper org.apache.zookeeper.server.quorum.QuorumPeerMain "$conf/zookeeper/zoo.cfg"
  # Druid services retry ZooKeeper, but starting them against a live one saves their backoff time.
  wait_until druid 30 druid_zookeeper_up druid-zookeeper || return 1
  for service in "${DRUID_SERVICES[@]}"; do
    # Derby's network server runs inside the coordinator; its log goes to the data folder.
    druid_java "$service" "-Ddruid.properties.file=$conf/$service/merged.runtime.properties" \
      "-Dderby.stream.error.file=$DRUID_DATA/derby.log" org.apache.druid.cli.Main server "$service"
  done
}

druid_procs() { echo druid-zookeeper druid-coordinator druid-broker druid-historical druid-indexer; }

# druid_sql QUERY: prints the broker's JSON answer (an array of objects); fails on an HTTP error, still
# printing Druid's error document.
druid_sql() {
  local q=$1
  # JSON string escaping for backslashes, quotes and line breaks is all SQL text needs.
  q=${q//\\/\\\\}; q=${q//\"/\\\"}; q=${q//$'\n'/\\n}; q=${q//$'\t'/\\t}; q=${q//$'\r'/}
  curl -sS --fail-with-body --max-time 30 -H 'Content-Type: application/json' \
    --data "{\"query\":\"$q\"}" "http://$STACK_HOST:$JUNCTION_DRUID_BROKER_PORT/druid/v2/sql"
}

druid_ready() {
  local port
  for port in "$JUNCTION_DRUID_COORDINATOR_PORT" "$JUNCTION_DRUID_BROKER_PORT" \
      "$JUNCTION_DRUID_HISTORICAL_PORT" "$JUNCTION_DRUID_INDEXER_PORT"; do
    [ "$(curl -fsS --max-time 3 "http://$STACK_HOST:$port/status/health")" = true ] || return 1
  done
  # Health turns true before the broker can plan SQL (it waits for the cluster's segment view).
  [ "$(druid_sql 'SELECT 1 AS ok' 2>/dev/null)" = '[{"ok":1}]' ]
}

druid_deadline() { echo 240; }

druid_ports() {
  echo "zk $JUNCTION_ZOOKEEPER_PORT"
  echo "coord $JUNCTION_DRUID_COORDINATOR_PORT"
  echo "broker $JUNCTION_DRUID_BROKER_PORT"
  echo "hist $JUNCTION_DRUID_HISTORICAL_PORT"
  echo "idx $JUNCTION_DRUID_INDEXER_PORT"
  echo "derby $JUNCTION_DRUID_DERBY_PORT"
}

druid_urls() {
  local coord="http://$STACK_HOST:$JUNCTION_DRUID_COORDINATOR_PORT" broker="http://$STACK_HOST:$JUNCTION_DRUID_BROKER_PORT"
  echo "Druid coord.  $coord  (coordinator + overlord API; tasks: POST $coord/druid/indexer/v1/task)"
  echo "Druid broker  $broker  (SQL: POST $broker/druid/v2/sql)"
  echo "Druid JDBC    jdbc:avatica:remote:url=$broker/druid/v2/sql/avatica/  (run clients with -Duser.timezone=UTC)"
}

druid_stop() {
  local service pids=() grace=20
  # Writing the class archives at the first exit takes ~15 s on two busy cores; don't kill it midway.
  [ -n "$(find "$DRUID_HOME/cds" -name '*.jsa' -print -quit 2>/dev/null)" ] || grace=90
  # Druid services first and together (each waits ~1 s for in-flight requests); ZooKeeper last,
  # because a Druid JVM whose ZooKeeper is gone hangs in shutdown. Only these stoppers are awaited:
  # a bare 'wait' would also wait for engines spawned earlier by the same shell.
  for service in "${DRUID_SERVICES[@]}"; do stop_process "druid-$service" "$grace" & pids+=($!); done
  wait "${pids[@]}"
  stop_process druid-zookeeper "$grace"
}
