# Benchmarks against the running stack ('bin/junction bench sql'). The benchmark program (stack/bench/, a
# small Java program) is built into the stack folder on first use and whenever its sources change.

BENCH_SOURCES="$JUNCTION_HOME/stack/bench"
BENCH_HOME="$STACK_ENGINES/bench"

bench_build() {
  maven_tool_build bench "$BENCH_SOURCES" "$BENCH_HOME" bench.home "$1" "the benchmark"
  [ $? -ne 1 ]
}

# bench_sql [RUNS]: direct JDBC vs Junction REST for routed and split queries, printed as a table.
bench_sql() {
  local jdk runs=${1:-25}
  jdk=$(require_jdk bench 17 21) || return 1
  bench_build "$jdk" || return 1
  say bench "SQL benchmark, $runs measured runs per query (reproduce: bin/junction bench sql $runs)"
  "$jdk/bin/java" -Xmx512m --add-opens=java.base/java.nio=ALL-UNNAMED -Duser.timezone=UTC \
      "-Dbench.host=$STACK_HOST" "-Dbench.gatewayPort=$JUNCTION_GATEWAY_PORT" \
      "-Dbench.trinoPort=$JUNCTION_TRINO_PORT" "-Dbench.druidBrokerPort=$JUNCTION_DRUID_BROKER_PORT" \
      "-Dbench.ignitePort=$JUNCTION_IGNITE_PORT" "-Dbench.runs=$runs" \
      -cp "$BENCH_HOME/lib/*" dev.junction.stack.bench.SqlBenchmark
}

# bench_cache [RUNS]: the same Druid aggregate through Junction uncached (cache:false) and cached, alternating:
# server time (metadata.server_ms) and client latency, medians, p95 and ratios.
bench_cache() {
  local jdk runs=${1:-50}
  jdk=$(require_jdk bench 17 21) || return 1
  bench_build "$jdk" || return 1
  say bench "cache benchmark, $runs measured runs (reproduce: bin/junction bench cache $runs)"
  "$jdk/bin/java" -Xmx256m "-Dbench.host=$STACK_HOST" "-Dbench.gatewayPort=$JUNCTION_GATEWAY_PORT" \
      "-Dbench.runs=$runs" -cp "$BENCH_HOME/lib/*" dev.junction.stack.bench.CacheBenchmark
}

# bench_ingest [EVENTS] [RATE]: metric events (at RATE events/s; default as fast as possible) published to Pulsar and consumed by the RUNNING gateway (at
# JUNCTION_GATEWAY_PORT, with the topic and hot table of JUNCTION_INGEST_TOPIC / JUNCTION_INGEST_HOT_TABLE): events/s
# into the hot store and event→queryable latency (Ignite SQL) p50/p99, and where the time goes.
bench_ingest() {
  local jdk events=${1:-200000} rate=${2:-0}
  curl -fsS -o /dev/null "http://$STACK_HOST:$JUNCTION_GATEWAY_PORT/health/live" \
    || { say bench "no gateway answers at $STACK_HOST:$JUNCTION_GATEWAY_PORT (JUNCTION_GATEWAY_PORT)"; return 1; }
  jdk=$(require_jdk bench 17 21) || return 1
  bench_build "$jdk" || return 1
  say bench "ingest benchmark, $events events (reproduce: bin/junction bench ingest $events $rate)"
  "$jdk/bin/java" -Xmx512m --add-opens=java.base/java.nio=ALL-UNNAMED -Duser.timezone=UTC \
      "-Dbench.host=$STACK_HOST" "-Dbench.gatewayPort=$JUNCTION_GATEWAY_PORT" \
      "-Dbench.pulsarPort=$JUNCTION_PULSAR_PORT" "-Dbench.ignitePort=$JUNCTION_IGNITE_PORT" \
      "-Dbench.topic=${JUNCTION_INGEST_TOPIC:-metrics}" "-Dbench.hotTable=${JUNCTION_INGEST_HOT_TABLE:-METRICS.POINTS}" \
      "-Dbench.events=$events" "-Dbench.rate=$rate" "-Dbench.stackRun=$STACK_RUN" -cp "$BENCH_HOME/lib/*" dev.junction.stack.bench.IngestBenchmark
}
