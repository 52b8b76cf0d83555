#!/usr/bin/env bash
# The compose stack's demo data: builds the local stack's loader (stack/demo/) and runs it against the
# compose services, as 'bin/junction up' runs it against the local engines (stack/lib/demo.sh).
# Run by the one-shot service "demo-loader" of docker/compose.yaml, with the repository at /src
# (read-only) and DEMO_DATA_DIR a volume that the Druid middle manager mounts at the same path, since
# Druid's ingestion tasks read the loader's input files from there.
set -euo pipefail

DEMO_HOME=${DEMO_HOME:-/work/demo}
DEMO_DATA_DIR=${DEMO_DATA_DIR:-/work/demo-data}

# The loader builds into DEMO_HOME, outside the read-only source tree.
mvn -B -ntp -q -f /src/stack/demo/pom.xml package -Ddemo.home="$DEMO_HOME"
mkdir -p "$DEMO_DATA_DIR"

# Each engine is its own host on the compose network, on its image's default port.
exec java -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
  --add-opens=java.base/java.nio=ALL-UNNAMED -Duser.timezone=UTC \
  -Ddemo.trinoHost=trino -Ddemo.trinoPort=8080 \
  -Ddemo.druidCoordinatorHost=druid-coordinator -Ddemo.druidCoordinatorPort=8081 \
  -Ddemo.druidBrokerHost=druid-broker -Ddemo.druidBrokerPort=8082 \
  -Ddemo.igniteHost=ignite -Ddemo.ignitePort=10800 \
  -Ddemo.dataDir="$DEMO_DATA_DIR" -cp "$DEMO_HOME/lib/*" dev.junction.stack.demo.DemoLoader
