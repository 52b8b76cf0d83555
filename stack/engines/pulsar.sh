# Apache Pulsar 4.0.8 standalone (broker + bookie in one JVM, metadata in RocksDB: no ZooKeeper) on
# loopback, without the functions worker and stream storage. 4.0.8 is the newest distribution on the
# Maven repository here. Settings live in stack/pulsar/ and are rendered with the JUNCTION_* ports at
# every start. Contract: see stack/engines/postgres.sh.

PULSAR_VERSION=4.0.8
PULSAR_HOME="$STACK_ENGINES/apache-pulsar-$PULSAR_VERSION"
PULSAR_DATA="$STACK_DATA/pulsar"
PULSAR_TEMPLATES="$JUNCTION_HOME/stack/pulsar"

pulsar_install() {
  [ -f "$PULSAR_HOME/.installed" ] && return 0
  local tgz
  tgz=$(fetch_artifact pulsar "org.apache.pulsar:pulsar-server-distribution:$PULSAR_VERSION:tar.gz:bin" \
    "apache-pulsar-$PULSAR_VERSION-bin.tar.gz") || return 1
  say pulsar "unpacking into $PULSAR_HOME"
  rm -rf "$PULSAR_HOME" "$PULSAR_HOME.tmp"
  mkdir -p "$PULSAR_HOME.tmp"
  tar -xzf "$tgz" -C "$PULSAR_HOME.tmp" --strip-components=1 || { fail pulsar "cannot unpack $tgz"; return 1; }
  # Renamed only when complete, so an interrupted install starts over.
  touch "$PULSAR_HOME.tmp/.installed"
  mv "$PULSAR_HOME.tmp" "$PULSAR_HOME"
  say pulsar "installed ($(find "$PULSAR_HOME/lib" -name '*.jar' | wc -l) jars)"
}

pulsar_check_ports() {
  local var ok=0
  for var in JUNCTION_PULSAR_PORT JUNCTION_PULSAR_ADMIN_PORT JUNCTION_PULSAR_BOOKKEEPER_PORT; do
    check_port pulsar "$var" || ok=1
  done
  return $ok
}

# pulsar_render TEMPLATE: prints TEMPLATE with its @NAME@ tokens replaced by the ports.
pulsar_render() {
  local args=() var
  for var in JUNCTION_PULSAR_PORT JUNCTION_PULSAR_ADMIN_PORT JUNCTION_PULSAR_BOOKKEEPER_PORT; do
    args+=(-e "s|@$var@|${!var}|g")
  done
  sed "${args[@]}" "$1"
}

pulsar_start() {
  local jdk
  # Pulsar 4.0 supports JDK 17 and 21 (25 works too, with warnings): the machine's default 17 is used.
  jdk=$(require_jdk pulsar 17 21) || return 1
  mkdir -p "$PULSAR_DATA"/{bk,meta,logs}
  # The distribution's file keeps every default; ours is appended, and Pulsar keeps the last value of
  # a repeated key. Rendered at every start, so changed JUNCTION_* ports take effect on restart.
  { cat "$PULSAR_HOME/conf/standalone.conf"; echo; pulsar_render "$PULSAR_TEMPLATES/standalone.conf"; } \
    >"$PULSAR_DATA/standalone.conf"
  pulsar_render "$PULSAR_TEMPLATES/client.conf" >"$PULSAR_DATA/client.conf"
  # bin/pulsar execs the JVM, so the recorded PID is the broker's. The Console appender sends the log
  # to stdout, i.e. .stack/logs/pulsar.log, instead of a second file under logs/. Small heap and
  # direct memory, serial GC and C1 only: the standalone idles most of the time on two shared cores.
  spawn pulsar "$PULSAR_DATA" env \
    JAVA_HOME="$jdk" \
    PULSAR_STANDALONE_CONF="$PULSAR_DATA/standalone.conf" \
    PULSAR_LOG_DIR="$PULSAR_DATA/logs" \
    PULSAR_LOG_APPENDER=Console \
    PULSAR_MEM="-Xms32m -Xmx128m -XX:MaxDirectMemorySize=128m" \
    PULSAR_GC="-XX:+UseSerialGC -XX:TieredStopAtLevel=1" \
    PULSAR_GC_LOG=" " \
    "$PULSAR_HOME/bin/pulsar" standalone -nfw -nss \
    --bookkeeper-port "$JUNCTION_PULSAR_BOOKKEEPER_PORT" \
    --bookkeeper-dir "$PULSAR_DATA/bk" \
    --metadata-dir "$PULSAR_DATA/meta"
}

pulsar_procs() { echo pulsar; }

# The broker's health check writes to and reads from a heartbeat topic: 200 means messages flow.
pulsar_ready() { http_ok "http://$STACK_HOST:$JUNCTION_PULSAR_ADMIN_PORT/admin/v2/brokers/health"; }

pulsar_deadline() { echo 180; }

pulsar_ports() {
  echo "broker $JUNCTION_PULSAR_PORT"
  echo "admin $JUNCTION_PULSAR_ADMIN_PORT"
  echo "bk $JUNCTION_PULSAR_BOOKKEEPER_PORT"
}

pulsar_urls() {
  echo "Pulsar        pulsar://$STACK_HOST:$JUNCTION_PULSAR_PORT  (topics auto-created, e.g. persistent://public/default/metrics)"
  echo "Pulsar admin  http://$STACK_HOST:$JUNCTION_PULSAR_ADMIN_PORT/admin/v2  (CLI: PULSAR_CLIENT_CONF=$PULSAR_DATA/client.conf $PULSAR_HOME/bin/pulsar-client|pulsar-admin …)"
}

pulsar_stop() { stop_process pulsar 30; }
