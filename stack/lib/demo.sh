# Demo data, loaded by 'bin/junction up' once every engine is healthy (and by 'bin/junction demo'):
# TPC-H tiny spread over Trino (part, partsupp, supplier stay in its tpch catalog), Druid (lineitem,
# orders) and Ignite (customer, nation, region), and seven days of per-minute metrics in Druid (metrics).
# The loader (stack/demo/, a small Java program) skips every dataset already present with its exact
# row count, so a second 'up' costs a few queries.

DEMO_SOURCES="$JUNCTION_HOME/stack/demo"
DEMO_HOME="$STACK_ENGINES/demo-loader"
DEMO_DATA="$STACK_DATA/demo"

# The loader is rebuilt when its program or pom changed since the last build.
demo_build() {
  maven_tool_build demo "$DEMO_SOURCES" "$DEMO_HOME" demo.home "$1" "the demo data loader"
  [ $? -ne 1 ]
}

demo_load() {
  local jdk line status
  jdk=$(require_jdk demo 17 21) || return 1
  demo_build "$jdk" || return 1
  mkdir -p "$DEMO_DATA"
  say demo "loading demo data (skipped where present; log: $STACK_LOGS/demo.log)"
  # Each line the loader prints becomes a progress line; everything also goes to the log.
  "$jdk/bin/java" -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
      --add-opens=java.base/java.nio=ALL-UNNAMED -Duser.timezone=UTC \
      "-Ddemo.host=$STACK_HOST" "-Ddemo.trinoPort=$JUNCTION_TRINO_PORT" \
      "-Ddemo.druidCoordinatorPort=$JUNCTION_DRUID_COORDINATOR_PORT" \
      "-Ddemo.druidBrokerPort=$JUNCTION_DRUID_BROKER_PORT" "-Ddemo.ignitePort=$JUNCTION_IGNITE_PORT" \
      "-Ddemo.dataDir=$DEMO_DATA" -cp "$DEMO_HOME/lib/*" dev.junction.stack.demo.DemoLoader \
      2>>"$STACK_LOGS/demo.log" | tee -a "$STACK_LOGS/demo.log" | while IFS= read -r line; do say demo "$line"; done
  status=${PIPESTATUS[0]}
  if [ "$status" -ne 0 ]; then
    fail demo "loading the demo data failed (see the FAILED line above and $STACK_LOGS/demo.log)"
    return 1
  fi
}
