# The Junction gateway itself: built with Maven on JDK 25 when its sources changed, run as a Quarkus fast-jar.

GATEWAY_JAR="$JUNCTION_HOME/target/quarkus-app/quarkus-run.jar"
# The gateway runs from a copy of the build: 'mvn package'/'verify' rewrite target/ while it runs, and a JVM whose
# jars change under it fails with errors such as NoSuchMethodError.
GATEWAY_APP="$STACK_DIR/gateway/quarkus-app"
# Ignite's thin client and JDBC driver need java.nio opened; timestamps are UTC end to end.
GATEWAY_JVM_FLAGS=(-Xmx1g -XX:+UseSerialGC --add-opens=java.base/java.nio=ALL-UNNAMED -Duser.timezone=UTC
  -Dcalcite.bindable.cache.maxSize=100)

gateway_stale() {
  [ -f "$GATEWAY_JAR" ] || return 0
  [ -n "$(find "$JUNCTION_HOME/src/main" "$JUNCTION_HOME/pom.xml" -newer "$GATEWAY_JAR" -type f -print -quit)" ]
}

gateway_install() {
  local jdk
  jdk=$(require_jdk gateway 25) || return 1
  if gateway_stale; then
    say gateway "building (mvn package on $(basename "$jdk")); log: $STACK_LOGS/gateway-build.log"
    (cd "$JUNCTION_HOME" && JAVA_HOME="$jdk" PATH="$jdk/bin:$PATH" \
      mvn -B -ntp package -DskipTests -Dstack.skip=true >"$STACK_LOGS/gateway-build.log" 2>&1) || {
      fail gateway "build failed; last lines of $STACK_LOGS/gateway-build.log:" || true
      grep -E '\[ERROR\]' "$STACK_LOGS/gateway-build.log" | head -n 20 >&2
      return 1
    }
  fi
  # A running gateway installed before the jar was last built (here, or by 'mvn package'/'verify') serves an old
  # build; restart it on the new one.
  if [ ! -f "$GATEWAY_APP/quarkus-run.jar" ] || [ "$GATEWAY_JAR" -nt "$GATEWAY_APP/quarkus-run.jar" ]; then
    if is_running gateway; then
      say gateway "restarting on the new build"; gateway_stop
    fi
    rm -rf "$GATEWAY_APP.new" && mkdir -p "$(dirname "$GATEWAY_APP")" && cp -a "$JUNCTION_HOME/target/quarkus-app" "$GATEWAY_APP.new" \
      && rm -rf "$GATEWAY_APP" && mv "$GATEWAY_APP.new" "$GATEWAY_APP" || { fail gateway "could not copy the build to $GATEWAY_APP"; return 1; }
  fi
}

gateway_check_ports() { check_port gateway JUNCTION_GATEWAY_PORT; }

gateway_start() {
  local jdk
  jdk=$(require_jdk gateway 25) || return 1
  # The local stack's PostgreSQL is the metadata store (query history), unless the caller chose another one.
  JUNCTION_METADATA_URL="${JUNCTION_METADATA_URL:-jdbc:postgresql://$STACK_HOST:$JUNCTION_POSTGRES_PORT/junction}" \
    spawn gateway "$JUNCTION_HOME" "$jdk/bin/java" "${GATEWAY_JVM_FLAGS[@]}" -jar "$GATEWAY_APP/quarkus-run.jar"
}

gateway_procs() { echo gateway; }
gateway_ready() { http_ok "http://$STACK_HOST:$JUNCTION_GATEWAY_PORT/health/live"; }
gateway_deadline() { echo 90; }
gateway_ports() { echo "http $JUNCTION_GATEWAY_PORT"; }
gateway_urls() {
  local base="http://$STACK_HOST:$JUNCTION_GATEWAY_PORT"
  echo "Junction REST $base/api/v1  (capabilities: $base/api/v1/analytics/capabilities)"
  echo "Junction UI   $base/swagger-ui  (OpenAPI document: $base/openapi)"
  echo "Health        $base/health"
}
gateway_stop() { stop_process gateway 20; }
