# Shared functions of the local stack: directories, ports, JDKs, artifacts, processes, readiness.
# Sourced by bin/junction and by every stack/engines/<engine>.sh. Bash 5.

set -o pipefail

JUNCTION_HOME="${JUNCTION_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
STACK_DIR="${JUNCTION_STACK_DIR:-$JUNCTION_HOME/.stack}"
STACK_DOWNLOADS="$STACK_DIR/downloads"   # artifacts fetched from Maven Central (cache)
STACK_ENGINES="$STACK_DIR/engines"       # unpacked engine installations
STACK_DATA="$STACK_DIR/data"             # engine data directories
STACK_LOGS="$STACK_DIR/logs"             # one log per process
STACK_RUN="$STACK_DIR/run"               # one PID file per process we started
mkdir -p "$STACK_DOWNLOADS" "$STACK_ENGINES" "$STACK_DATA" "$STACK_LOGS" "$STACK_RUN"

STACK_HOST=127.0.0.1

# Default ports; each is overridable by the environment variable of the same name.
: "${JUNCTION_GATEWAY_PORT:=8080}"
: "${JUNCTION_TRINO_PORT:=18080}"
: "${JUNCTION_DRUID_COORDINATOR_PORT:=18081}"
: "${JUNCTION_DRUID_BROKER_PORT:=18082}"
: "${JUNCTION_DRUID_HISTORICAL_PORT:=18083}"
: "${JUNCTION_DRUID_INDEXER_PORT:=18091}"
: "${JUNCTION_DRUID_DERBY_PORT:=18099}"
: "${JUNCTION_ZOOKEEPER_PORT:=12181}"
: "${JUNCTION_IGNITE_PORT:=10800}"
: "${JUNCTION_IGNITE_DISCOVERY_PORT:=47500}"
: "${JUNCTION_IGNITE_COMMUNICATION_PORT:=47100}"
: "${JUNCTION_PULSAR_PORT:=16650}"
: "${JUNCTION_PULSAR_ADMIN_PORT:=18280}"
: "${JUNCTION_PULSAR_BOOKKEEPER_PORT:=18281}"
: "${JUNCTION_POSTGRES_PORT:=15432}"
export JUNCTION_GATEWAY_PORT JUNCTION_TRINO_PORT JUNCTION_DRUID_COORDINATOR_PORT JUNCTION_DRUID_BROKER_PORT \
  JUNCTION_DRUID_HISTORICAL_PORT JUNCTION_DRUID_INDEXER_PORT JUNCTION_DRUID_DERBY_PORT JUNCTION_ZOOKEEPER_PORT \
  JUNCTION_IGNITE_PORT JUNCTION_IGNITE_DISCOVERY_PORT JUNCTION_IGNITE_COMMUNICATION_PORT JUNCTION_PULSAR_PORT \
  JUNCTION_PULSAR_ADMIN_PORT JUNCTION_PULSAR_BOOKKEEPER_PORT JUNCTION_POSTGRES_PORT

STACK_T0=${STACK_T0:-$SECONDS}

# ---------------------------------------------------------------- output
stack_elapsed() { printf '%4ds' $((SECONDS - STACK_T0)); }
# say ENGINE MESSAGE…: one progress line, prefixed with elapsed seconds and the engine.
say() { local who=$1; shift; printf '[%s] %-10s %s\n' "$(stack_elapsed)" "$who" "$*"; }
# fail ENGINE MESSAGE…: print the reason to stderr and return 1 (callers decide whether to exit).
fail() { local who=$1; shift; printf '[%s] %-10s ERROR: %s\n' "$(stack_elapsed)" "$who" "$*" >&2; return 1; }
die() { fail "$@"; exit 1; }

# ---------------------------------------------------------------- JDKs
# jdk_major JAVA_HOME: the feature version of that JDK (from its release file), or nothing.
jdk_major() {
  local v
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null)
  echo "$v"
}

# find_jdk MIN [MAX]: prints the home of an installed JDK with MIN <= version <= MAX (MAX defaults to any),
# preferring $JAVA_HOME, then the newest under /usr/lib/jvm. Returns 1 when there is none.
find_jdk() {
  local min=$1 max=${2:-999} best="" bestv=0 home v
  for home in ${JAVA_HOME:-} /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" -o -f "$home/release" ] || continue
    v=$(jdk_major "$home"); [ -n "$v" ] || continue
    if [ "$v" -ge "$min" ] && [ "$v" -le "$max" ]; then
      if [ "$home" = "${JAVA_HOME:-}" ]; then echo "$home"; return 0; fi
      if [ "$v" -gt "$bestv" ]; then best=$home; bestv=$v; fi
    fi
  done
  [ -n "$best" ] && { echo "$best"; return 0; }
  return 1
}

# require_jdk WHO MIN [MAX]: like find_jdk but explains what is missing and fails.
require_jdk() {
  local who=$1 min=$2 max=${3:-999} home
  if home=$(find_jdk "$min" "$max"); then echo "$home"; return 0; fi
  if [ "$max" = 999 ]; then
    fail "$who" "needs a JDK $min or newer; none found in \$JAVA_HOME or /usr/lib/jvm. Install one (e.g. Temurin $min+) under /usr/lib/jvm."
  else
    fail "$who" "needs a JDK between $min and $max; none found in \$JAVA_HOME or /usr/lib/jvm."
  fi
}

# ---------------------------------------------------------------- artifacts
# Maven runs on the machine's default JDK; it only fetches here.
mvn_quiet() { mvn -B -q -ntp "$@"; }

# fetch_artifact WHO GROUP:ARTIFACT:VERSION[:TYPE[:CLASSIFIER]] FILENAME
# Copies one artifact from Maven Central (through the local Maven repository, which caches it) to
# $STACK_DOWNLOADS/FILENAME and prints that path. Skips the download when the file is already there.
fetch_artifact() {
  local who=$1 coords=$2 name=$3 dest="$STACK_DOWNLOADS/$3"
  if [ -s "$dest" ]; then echo "$dest"; return 0; fi
  say "$who" "downloading $coords (cached in $STACK_DOWNLOADS afterwards)" >&2
  # A private folder per download: engines install in parallel subshells, which share $$.
  local tmp; tmp=$(mktemp -d "$STACK_DOWNLOADS/.tmp-XXXXXX") || { fail "$who" "cannot create a folder in $STACK_DOWNLOADS"; return 1; }
  if ! mvn_quiet dependency:copy -Dartifact="$coords" -DoutputDirectory="$tmp" -Dmdep.stripVersion=false \
        >"$STACK_LOGS/fetch-$name.log" 2>&1; then
    rm -rf "$tmp"
    fail "$who" "download of $coords failed; see $STACK_LOGS/fetch-$name.log:" || true
    tail -n 15 "$STACK_LOGS/fetch-$name.log" >&2
    return 1
  fi
  mv "$tmp"/* "$dest" && rmdir "$tmp" && echo "$dest"
}

# ---------------------------------------------------------------- ports
# port_in_use PORT: true when something listens on 127.0.0.1:PORT.
# maven_tool_stale SOURCES HOME: the small Java program in SOURCES (src/ and pom.xml) changed since it was
# last built into HOME (or never was).
maven_tool_stale() {
  [ -f "$2/.installed" ] || return 0
  [ -n "$(find "$1/src" "$1/pom.xml" -newer "$2/.installed" -type f -print -quit)" ]
}

# maven_tool_build WHO SOURCES HOME PROPERTY JDK DESCRIPTION: builds the program in SOURCES with its pom
# (-DPROPERTY=HOME says where to put it), unless it is up to date. The .installed marker makes an interrupted
# build start over instead of running on a partial lib/. Returns 2 when it was up to date.
maven_tool_build() {
  local who=$1 sources=$2 home=$3 property=$4 jdk=$5 description=$6
  maven_tool_stale "$sources" "$home" || return 2
  say "$who" "building $description (log: $STACK_LOGS/$who-build.log)"
  rm -rf "$home"
  if ! JAVA_HOME="$jdk" mvn -B -ntp -f "$sources/pom.xml" package "-D$property=$home" \
      >"$STACK_LOGS/$who-build.log" 2>&1; then
    fail "$who" "build failed; last errors in $STACK_LOGS/$who-build.log:" || true
    grep -E '\[ERROR\]' "$STACK_LOGS/$who-build.log" | head -n 15 >&2
    return 1
  fi
  touch "$home/.installed"
}

port_in_use() { (exec 3<>"/dev/tcp/$STACK_HOST/$1") 2>/dev/null; }

# check_port WHO VAR: fails with the variable that moves the port when the port is taken.
check_port() {
  local who=$1 var=$2 port=${!2}
  if port_in_use "$port"; then
    fail "$who" "port $port is already in use by another process; set $var to another port (e.g. $var=$((port + 1000)))"
    return 1
  fi
}

# ---------------------------------------------------------------- processes
pid_file() { echo "$STACK_RUN/$1.pid"; }
log_file() { echo "$STACK_LOGS/$1.log"; }

# is_running PROC: true when PROC was started by us and its process is alive.
is_running() {
  local f; f=$(pid_file "$1")
  [ -s "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null
}

# spawn PROC DIR COMMAND…: runs COMMAND in DIR in its own session, detached, output to the PROC log,
# and records its PID. The process outlives this shell.
spawn() {
  local proc=$1 dir=$2; shift 2
  local log; log=$(log_file "$proc")
  {
    echo "=== $(date -u +%FT%TZ) starting $proc"
    echo "=== $*"
  } >>"$log"
  (cd "$dir" && exec setsid "$@" >>"$log" 2>&1 </dev/null) &
  echo $! >"$(pid_file "$proc")"
}

# stop_process PROC [GRACE_SECONDS]: SIGTERM, wait, then SIGKILL; removes the PID file.
stop_process() {
  local proc=$1 grace=${2:-20} f pid i
  f=$(pid_file "$proc")
  [ -s "$f" ] || return 0
  pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
    for ((i = 0; i < grace * 5; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      say "$proc" "did not stop within ${grace}s; killing it"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null
    fi
  fi
  rm -f "$f"
}

# wait_until WHO SECONDS PROBE [PROC…]: calls PROBE every second until it succeeds. Prints a progress
# line every 10 s. On timeout, or when one of the PROCs died, prints the last lines of their logs and fails.
wait_until() {
  local who=$1 limit=$2 probe=$3; shift 3
  local start=$SECONDS next=10 proc
  while ! "$probe" >/dev/null 2>&1; do
    for proc in "$@"; do
      if ! is_running "$proc"; then
        fail "$who" "process $proc exited before $who became healthy; last lines of $(log_file "$proc"):" || true
        tail -n 30 "$(log_file "$proc")" >&2
        return 1
      fi
    done
    if ((SECONDS - start >= limit)); then
      fail "$who" "not healthy after ${limit}s" || true
      for proc in "$@"; do
        echo "--- last lines of $(log_file "$proc"):" >&2
        tail -n 30 "$(log_file "$proc")" >&2
      done
      return 1
    fi
    if ((SECONDS - start >= next)); then say "$who" "waiting for health ($((SECONDS - start))s)"; next=$((next + 10)); fi
    sleep 1
  done
}

# http_ok URL: true when URL answers 2xx.
http_ok() { curl -fsS -o /dev/null --max-time 5 "$1"; }
