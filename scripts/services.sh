#!/usr/bin/env bash
# The real backing services of the fusion worker, started as local processes (no Docker):
#   Kafka (KRaft, one broker+controller JVM), PostgreSQL (a throwaway Debian cluster), and an S3 object
#   store: MinIO built from source with the Go toolchain, or S3Proxy where MinIO cannot be built.
# Every port is chosen free at start, so several stacks can run side by side on one machine.
#
#   scripts/services.sh start|stop|status|env [--dir DIR]
#   scripts/services.sh prepare        resolve the Kafka classpath and build MinIO into the cache (install-deps)
#   scripts/services.sh pause|resume kafka|postgres [--dir DIR]   an outage on demand, for tests
#
# State (pids, ports, logs, data) lives in DIR (default: .services/ in the repository root, or
# $FUSION_SERVICES_DIR). DIR/env holds the endpoints as KEY=value lines for the worker:
# KAFKA_BOOTSTRAP_SERVERS, QUARKUS_DATASOURCE_JDBC_URL/_USERNAME/_PASSWORD, FUSION_STORAGE_ENDPOINT/_ACCESS_KEY/
# _SECRET_KEY/_REGION. `eval "$(scripts/services.sh env)"` exports them into a shell.
#
# Environment knobs:
#   FUSION_CACHE_DIR       where built/resolved tools are cached (default ~/.cache/imagefusion)
#   FUSION_OBJECT_STORE    auto (default: MinIO, S3Proxy if MinIO cannot be built) | minio | s3proxy
#   FUSION_MINIO_BIN       use this MinIO binary instead of the cached build
#   FUSION_REQUEST_PARTITIONS  partitions of fusion.requests (default 4)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SERVICES_SRC="$ROOT/scripts/services"
CACHE_DIR=${FUSION_CACHE_DIR:-$HOME/.cache/imagefusion}
MINIO_MODULE=github.com/minio/minio
# a commit of MinIO's main branch that builds with the machine's Go 1.26 toolchain; bump deliberately
MINIO_VERSION=v0.0.0-20260212201848-7aac2a2c5b7c
MINIO_BIN=${FUSION_MINIO_BIN:-$CACHE_DIR/minio/$MINIO_VERSION/minio}
KAFKA_VERSION=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$SERVICES_SRC/kafka/pom.xml")
KAFKA_CP_FILE="$CACHE_DIR/kafka-$KAFKA_VERSION.classpath"
S3PROXY_CP_FILE="$CACHE_DIR/s3proxy.classpath"
OBJECT_STORE=${FUSION_OBJECT_STORE:-auto}
REQUEST_PARTITIONS=${FUSION_REQUEST_PARTITIONS:-4}
BUCKETS=(fusion-inputs fusion-outputs)
REGION=us-east-1
DB_NAME=fusion
DB_USER=fusion

STATE_DIR=${FUSION_SERVICES_DIR:-$ROOT/.services}

# shellcheck source-path=SCRIPTDIR source=lib/s3.sh
. "$ROOT/scripts/lib/s3.sh"

log() { printf '[services] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

usage() {
  sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# ---------------------------------------------------------------------------------------------- helpers

# Prints N distinct ports that are free right now (the kernel picks them; the sockets are held until all are
# chosen so the N differ). Another process can still take one before we bind it: callers retry on bind errors.
free_ports() {
  local n=$1
  if command -v python3 >/dev/null 2>&1; then
    python3 - "$n" <<'EOF'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
EOF
  else
    local ports=() p
    while [ "${#ports[@]}" -lt "$n" ]; do
      p=$((20000 + RANDOM % 40000))
      if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && [[ " ${ports[*]} " != *" $p "* ]]; then
        ports+=("$p")
      fi
    done
    echo "${ports[*]}"
  fi
}

random_secret() { head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# pid_alive PID PATTERN: the process exists and its command line mentions PATTERN (guards against pid reuse)
pid_alive() {
  local pid=$1 pattern=$2
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$pattern"
}

# stop_pid NAME PID PATTERN SECONDS: SIGTERM, wait, then SIGKILL
stop_pid() {
  local name=$1 pid=$2 pattern=$3 wait_s=$4 i
  pid_alive "$pid" "$pattern" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < wait_s * 10; i++)); do
    pid_alive "$pid" "$pattern" || { log "stopped $name (pid $pid)"; return 0; }
    sleep 0.1
  done
  log "$name (pid $pid) did not stop in ${wait_s}s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
}

# runs a command as the postgres user when we are root (initdb refuses root), from a directory it can read
as_pg() {
  if [ "$(id -u)" = 0 ]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

pg_bindir() {
  if [ -n "${FUSION_PG_BIN:-}" ]; then echo "$FUSION_PG_BIN"; return; fi
  local dirs=(/usr/lib/postgresql/*/bin)
  [ -d "${dirs[0]}" ] || die "PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install -y postgresql)"
  printf '%s\n' "${dirs[@]}" | sort -V | tail -1
}

# Resolves a classpath from one of the tiny poms under scripts/services/ into a cache file (offline first).
resolve_classpath() {
  local pom=$1 out=$2 jar missing=0
  if [ -s "$out" ]; then
    for jar in $(tr ':' ' ' <"$out"); do [ -f "$jar" ] || { missing=1; break; }; done
    [ "$missing" = 0 ] && return 0
  fi
  mkdir -p "$(dirname "$out")"
  log "resolving classpath of $pom"
  if ! mvn -B -q -o -f "$pom" dependency:build-classpath -Dmdep.outputFile="$out.tmp" >"$out.log" 2>&1; then
    mvn -B -q -f "$pom" dependency:build-classpath -Dmdep.outputFile="$out.tmp" >"$out.log" 2>&1 \
      || { cat "$out.log" >&2; rm -f "$out.tmp"; return 1; }
  fi
  mv "$out.tmp" "$out"
}

# Builds the pinned MinIO server with `go install` into the cache unless it is there already.
build_minio() {
  [ -x "$MINIO_BIN" ] && return 0
  command -v go >/dev/null 2>&1 || { log "no Go toolchain: cannot build MinIO"; return 1; }
  local bindir buildlog failed
  bindir=$(dirname "$MINIO_BIN")
  buildlog="$CACHE_DIR/minio-build.log"
  # a failed build is not retried on every start (it can take minutes to fail); delete the marker to retry
  failed="$bindir/build-failed"
  if [ -f "$failed" ]; then
    log "MinIO $MINIO_VERSION failed to build here before ($buildlog); rm $failed to try again"
    return 1
  fi
  mkdir -p "$bindir"
  log "building MinIO $MINIO_VERSION from source (a few minutes, once; log: $buildlog)"
  local start=$SECONDS
  # -buildvcs=false: the module cache holds no VCS metadata; GOTOOLCHAIN=local: never download another Go
  if GOBIN="$bindir" GOFLAGS=-buildvcs=false GOTOOLCHAIN=local \
    go install "$MINIO_MODULE@$MINIO_VERSION" >"$buildlog" 2>&1 && [ -x "$MINIO_BIN" ]; then
    log "built MinIO in $((SECONDS - start)) s: $MINIO_BIN"
  else
    log "MinIO build failed after $((SECONDS - start)) s (see $buildlog)"
    date -u >"$failed"
    tail -5 "$buildlog" >&2 || true
    return 1
  fi
}

# -------------------------------------------------------------------------------------------- PostgreSQL

# pg_start PGROOT PORT: starts the cluster and waits until it accepts connections
pg_start() {
  local pgroot=$1 port=$2
  # durability settings off: a throwaway cluster for tests and demos, never for data that matters
  as_pg "$(pg_bindir)/pg_ctl" 9>&- -D "$pgroot/data" -l "$pgroot/postgres.log" -w -t 30 \
    -o "-p $port -k $pgroot -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
    start >>"$STATE_DIR/logs/postgres-ctl.log" 2>&1
}

start_postgres() {
  local bindir pgroot port password t0=$SECONDS
  bindir=$(pg_bindir)
  # the cluster lives outside the state dir: the state dir may sit under a home the postgres user cannot enter
  pgroot=$(mktemp -d /tmp/fusion-pg.XXXXXX)
  chmod 700 "$pgroot"
  [ "$(id -u)" = 0 ] && chown postgres: "$pgroot"
  echo "$pgroot" >"$STATE_DIR/pg/root"
  password=$(random_secret)
  as_pg "$bindir/initdb" -D "$pgroot/data" -U postgres -E UTF8 --no-locale --no-sync \
    --auth-local=trust --auth-host=scram-sha-256 >"$STATE_DIR/logs/postgres-initdb.log" 2>&1 \
    || { cat "$STATE_DIR/logs/postgres-initdb.log" >&2; return 1; }
  local attempt
  for attempt in 1 2 3; do
    port=$(free_ports 1)
    if pg_start "$pgroot" "$port"; then
      break
    fi
    log "PostgreSQL did not start on port $port (attempt $attempt)"
    port=""
  done
  ln -sf "$pgroot/postgres.log" "$STATE_DIR/logs/postgres.log"
  [ -n "$port" ] || { tail -20 "$pgroot/postgres.log" >&2; return 1; }
  as_pg "$bindir/psql" -h "$pgroot" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
    -c "CREATE ROLE $DB_USER LOGIN PASSWORD '$password'" \
    -c "CREATE DATABASE $DB_NAME OWNER $DB_USER" >>"$STATE_DIR/logs/postgres-ctl.log" 2>&1 \
    || { cat "$STATE_DIR/logs/postgres-ctl.log" >&2; return 1; }
  cat >"$STATE_DIR/pg/env" <<EOF
QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:$port/$DB_NAME
QUARKUS_DATASOURCE_USERNAME=$DB_USER
QUARKUS_DATASOURCE_PASSWORD=$password
EOF
  echo "$port" >"$STATE_DIR/pg/port"
  log "PostgreSQL ready on 127.0.0.1:$port in $((SECONDS - t0)) s (database $DB_NAME, user $DB_USER)"
}

stop_postgres() {
  local pgroot
  pgroot=$(cat "$STATE_DIR/pg/root" 2>/dev/null || true)
  [ -n "$pgroot" ] && [ -d "$pgroot" ] || return 0
  if [ -f "$pgroot/data/postmaster.pid" ]; then
    if as_pg "$(pg_bindir)/pg_ctl" -D "$pgroot/data" -m fast -w -t 20 stop >/dev/null 2>&1; then
      log "stopped PostgreSQL"
    else
      stop_pid postgres "$(head -1 "$pgroot/data/postmaster.pid" 2>/dev/null)" "$pgroot" 5
    fi
  fi
  # keep its log beside the others; the cluster itself is throwaway
  cp "$pgroot/postgres.log" "$STATE_DIR/logs/postgres.log.last" 2>/dev/null || true
  rm -f "$STATE_DIR/logs/postgres.log"
  rm -rf "$pgroot" "$STATE_DIR/pg/root"
}

# --------------------------------------------------------------------------------------------------- Kafka

# Class-data sharing for the three Kafka JVMs (format, broker, topic creation): the first start of each
# records the classes it loaded into an archive in the cache (written at JVM exit, under a unique name, then
# moved into place), later starts map it and skip most class loading: 0.3-1 s per JVM on a loaded machine.
# An archive that does not match the JVM or classpath is ignored by the JVM (-Xshare:auto).
kafka_cds_opts() {
  local role=$1 dir
  dir="$CACHE_DIR/kafka-cds/$( (readlink -f "$(command -v java)"; cat "$KAFKA_CP_FILE") | sha256sum | cut -c1-16)"
  mkdir -p "$dir"
  if [ -s "$dir/$role.jsa" ]; then
    echo "-XX:SharedArchiveFile=$dir/$role.jsa"
  else
    echo "-XX:ArchiveClassesAtExit=$dir/$role.jsa.$$"
  fi
}

# moves an archive a JVM of this script wrote at exit into place (no-op when it used an existing one)
kafka_cds_commit() {
  local f
  for f in "$CACHE_DIR"/kafka-cds/*/*.jsa."$1"; do
    [ -s "$f" ] && mv -f "$f" "${f%.*}"
  done
  return 0
}

kafka_java() {
  local role=$1
  shift
  # shellcheck disable=SC2046 # the CDS option is one word
  java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto $(kafka_cds_opts "$role") -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$STATE_DIR/kafka/log4j2.properties" "$@"
  local rc=$?
  kafka_cds_commit $$
  return $rc
}

# Compiles CreateTopics.java once into a jar in the cache (keyed by its content): running it precompiled saves
# the ~1.5 s that a single-file source launch spends in javac on every start. A jar, not a class directory,
# because class-data sharing refuses non-empty directories on the classpath.
kafka_tools_jar() {
  local src="$SERVICES_SRC/kafka/CreateTopics.java" dir
  dir="$CACHE_DIR/kafka-tools/$(sha256sum "$src" | cut -c1-16)"
  if [ ! -f "$dir/create-topics.jar" ]; then
    rm -rf "$dir.tmp" && mkdir -p "$dir.tmp/classes"
    javac -nowarn -d "$dir.tmp/classes" -cp "$(cat "$KAFKA_CP_FILE")" "$src" >&2 || return 1
    jar cf "$dir.tmp/create-topics.jar" -C "$dir.tmp/classes" . || return 1
    rm -rf "$dir.tmp/classes" "$dir" && mv "$dir.tmp" "$dir"
  fi
  echo "$dir/create-topics.jar"
}

start_kafka() {
  resolve_classpath "$SERVICES_SRC/kafka/pom.xml" "$KAFKA_CP_FILE" || return 1
  local cp tools kdir broker controller cluster_id attempt pid i t0=$SECONDS
  cp=$(cat "$KAFKA_CP_FILE")
  tools=$(kafka_tools_jar) || return 1
  kdir="$STATE_DIR/kafka"
  cat >"$kdir/log4j2.properties" <<EOF
status = warn
appender.file.type = File
appender.file.name = file
appender.file.fileName = \${sys:fusion.log.file}
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = file
EOF
  cluster_id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
  for attempt in 1 2 3; do
    read -r broker controller <<<"$(free_ports 2)"
    rm -rf "$kdir/data"
    # every replication factor 1: the defaults of 3 make consumers and transactions wait forever on one node
    cat >"$kdir/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller
listeners=PLAINTEXT://127.0.0.1:$broker,CONTROLLER://127.0.0.1:$controller
advertised.listeners=PLAINTEXT://127.0.0.1:$broker
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$kdir/data
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=4
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
log.flush.interval.messages=9223372036854775807
EOF
    kafka_java format -Dfusion.log.file="$STATE_DIR/logs/kafka-format.log" -cp "$cp" kafka.tools.StorageTool \
      format -t "$cluster_id" -c "$kdir/server.properties" >>"$STATE_DIR/logs/kafka-format.log" 2>&1 \
      || { tail -20 "$STATE_DIR/logs/kafka-format.log" >&2; return 1; }
    # setsid: the broker outlives this script and ignores the terminal's Ctrl-C; `stop` ends it by pid.
    # C1 only and serial GC: a test broker's load is tiny, its start-up time is what counts
    # shellcheck disable=SC2046 # the CDS option is one word
    setsid 9>&- java -Xms128m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto \
      $(kafka_cds_opts broker) -Djava.awt.headless=true \
      -Dlog4j2.configurationFile="$kdir/log4j2.properties" -Dfusion.log.file="$STATE_DIR/logs/kafka.log" \
      -cp "$cp" kafka.Kafka "$kdir/server.properties" >"$STATE_DIR/logs/kafka.out" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >"$kdir/pid"
    echo $$ >"$kdir/starter"
    for ((i = 0; i < 600; i++)); do
      port_open "$broker" && break
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if port_open "$broker"; then
      break
    fi
    log "Kafka did not come up on ports $broker/$controller (attempt $attempt)"
    stop_pid kafka "$pid" "$kdir/server.properties" 5
    tail -5 "$STATE_DIR/logs/kafka.log" >&2 2>/dev/null || true
    broker=""
  done
  [ -n "$broker" ] || return 1
  kafka_java topics -Dfusion.log.file="$STATE_DIR/logs/kafka-admin.log" -cp "$cp:$tools" \
    CreateTopics "127.0.0.1:$broker" \
    "fusion.requests:$REQUEST_PARTITIONS" fusion.results:1 fusion.requests.dlq:1 \
    >>"$STATE_DIR/logs/kafka-admin.log" 2>&1 \
    || { tail -20 "$STATE_DIR/logs/kafka-admin.log" >&2; return 1; }
  echo "KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$broker" >"$kdir/env"
  echo "$broker" >"$kdir/port"
  log "Kafka $KAFKA_VERSION (KRaft) ready on 127.0.0.1:$broker in $((SECONDS - t0)) s; topics fusion.requests($REQUEST_PARTITIONS), fusion.results, fusion.requests.dlq"
}

stop_kafka() {
  local kdir="$STATE_DIR/kafka"
  [ -f "$kdir/pid" ] || return 0
  # a controlled shutdown of a single node takes a few seconds
  stop_pid kafka "$(cat "$kdir/pid")" "$kdir/server.properties" 30
  # the broker's first run writes its class-data archive as it exits
  kafka_cds_commit "$(cat "$kdir/starter" 2>/dev/null || echo none)"
  rm -rf "$kdir/data" "$kdir/pid"
}

# ------------------------------------------------------------------------------------------- object store

create_buckets() {
  local S3_ENDPOINT=$1 S3_ACCESS_KEY=$2 S3_SECRET_KEY=$3 S3_REGION=$REGION bucket i
  for bucket in "${BUCKETS[@]}"; do
    # the server may accept connections a moment before it accepts requests
    for ((i = 0; i < 50; i++)); do
      s3_make_bucket "$bucket" && continue 2
      sleep 0.2
    done
    log "could not create bucket $bucket"
    return 1
  done
}

start_minio() {
  local sdir="$STATE_DIR/s3" key secret port console pid attempt i
  key=fusion-$(random_secret | head -c 8)
  secret=$(random_secret)
  mkdir -p "$sdir/data"
  for attempt in 1 2 3; do
    read -r port console <<<"$(free_ports 2)"
    MINIO_ROOT_USER=$key MINIO_ROOT_PASSWORD=$secret MINIO_BROWSER=off MINIO_UPDATE=off \
      MINIO_CI_CD=1 MINIO_REGION=$REGION \
      setsid 9>&- "$MINIO_BIN" server --quiet --address "127.0.0.1:$port" --console-address "127.0.0.1:$console" \
      "$sdir/data" >"$STATE_DIR/logs/minio.log" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >"$sdir/pid"
    for ((i = 0; i < 300; i++)); do
      curl -sf -o /dev/null "http://127.0.0.1:$port/minio/health/ready" && break
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    curl -sf -o /dev/null "http://127.0.0.1:$port/minio/health/ready" && break
    log "MinIO did not come up on port $port (attempt $attempt)"
    stop_pid minio "$pid" "$sdir/data" 5
    tail -5 "$STATE_DIR/logs/minio.log" >&2 || true
    port=""
  done
  [ -n "$port" ] || return 1
  finish_object_store minio "http://127.0.0.1:$port" "$key" "$secret"
}

start_s3proxy() {
  resolve_classpath "$SERVICES_SRC/s3proxy/pom.xml" "$S3PROXY_CP_FILE" || return 1
  local sdir="$STATE_DIR/s3" key secret port pid attempt i
  key=fusion-$(random_secret | head -c 8)
  secret=$(random_secret)
  mkdir -p "$sdir/data"
  for attempt in 1 2 3; do
    port=$(free_ports 1)
    cat >"$sdir/s3proxy.properties" <<EOF
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$key
s3proxy.credential=$secret
jclouds.provider=filesystem
jclouds.filesystem.basedir=$sdir/data
jclouds.region=$REGION
EOF
    # slf4j-simple must log to a file: S3Proxy's Main routes System.err into the logger (recursion otherwise)
    setsid 9>&- java -Xmx256m -XX:+UseSerialGC -Djava.awt.headless=true \
      -Dorg.slf4j.simpleLogger.logFile="$STATE_DIR/logs/s3proxy.log" -cp "$(cat "$S3PROXY_CP_FILE")" \
      org.gaul.s3proxy.Main --properties "$sdir/s3proxy.properties" >"$STATE_DIR/logs/s3proxy.out" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >"$sdir/pid"
    for ((i = 0; i < 300; i++)); do
      port_open "$port" && break
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    port_open "$port" && break
    log "S3Proxy did not come up on port $port (attempt $attempt)"
    stop_pid s3proxy "$pid" "$sdir/s3proxy.properties" 5
    tail -5 "$STATE_DIR/logs/s3proxy.log" "$STATE_DIR/logs/s3proxy.out" >&2 || true
    port=""
  done
  [ -n "$port" ] || return 1
  finish_object_store s3proxy "http://127.0.0.1:$port" "$key" "$secret"
}

finish_object_store() {
  local kind=$1 endpoint=$2 key=$3 secret=$4
  create_buckets "$endpoint" "$key" "$secret" || return 1
  echo "$kind" >"$STATE_DIR/s3/kind"
  cat >"$STATE_DIR/s3/env" <<EOF
FUSION_STORAGE_ENDPOINT=$endpoint
FUSION_STORAGE_ACCESS_KEY=$key
FUSION_STORAGE_SECRET_KEY=$secret
FUSION_STORAGE_REGION=$REGION
EOF
  log "$kind ready on $endpoint; buckets ${BUCKETS[*]}"
}

start_object_store() {
  local t0=$SECONDS
  choose_and_start_object_store || return 1
  log "object store started in $((SECONDS - t0)) s"
}

choose_and_start_object_store() {
  case "$OBJECT_STORE" in
    minio) build_minio && start_minio ;;
    s3proxy) start_s3proxy ;;
    auto)
      if build_minio; then
        start_minio
      else
        log "falling back to S3Proxy: MinIO could not be built here"
        start_s3proxy
      fi
      ;;
    *) die "FUSION_OBJECT_STORE must be auto, minio or s3proxy (was $OBJECT_STORE)" ;;
  esac
}

stop_object_store() {
  local sdir="$STATE_DIR/s3"
  [ -f "$sdir/pid" ] || return 0
  # both servers name a path under the state dir on their command line
  stop_pid "$(cat "$sdir/kind" 2>/dev/null || echo object-store)" "$(cat "$sdir/pid")" "$sdir/" 15
  rm -rf "$sdir/data" "$sdir/pid"
}

# ------------------------------------------------------------------------------------------------ commands

running() {
  [ -f "$STATE_DIR/env" ] \
    && pid_alive "$(cat "$STATE_DIR/kafka/pid" 2>/dev/null)" "$STATE_DIR/kafka/server.properties" \
    && pid_alive "$(cat "$STATE_DIR/s3/pid" 2>/dev/null)" "$STATE_DIR/s3" \
    && [ -f "$(cat "$STATE_DIR/pg/root" 2>/dev/null)/data/postmaster.pid" ] \
    && pid_alive "$(head -1 "$(cat "$STATE_DIR/pg/root")/data/postmaster.pid")" "$(cat "$STATE_DIR/pg/root")"
}

cmd_start() {
  if running; then
    log "already running ($STATE_DIR)"
    cat "$STATE_DIR/env"
    return 0
  fi
  cmd_stop quiet
  # the previous run's logs stay readable beside the new ones
  rm -rf "$STATE_DIR/logs.prev"
  [ -d "$STATE_DIR/logs" ] && mv "$STATE_DIR/logs" "$STATE_DIR/logs.prev"
  mkdir -p "$STATE_DIR"/{logs,pg,kafka,s3}
  rm -f "$STATE_DIR/env"
  local start=$SECONDS rc=0 pg_pid s3_pid
  # the three start in parallel; each writes its part of the env file when ready
  start_postgres >"$STATE_DIR/logs/start-postgres.log" 2>&1 &
  pg_pid=$!
  start_object_store >"$STATE_DIR/logs/start-object-store.log" 2>&1 &
  s3_pid=$!
  start_kafka 2>"$STATE_DIR/logs/start-kafka.log" || rc=1
  wait "$pg_pid" || rc=1
  wait "$s3_pid" || rc=1
  cat "$STATE_DIR"/logs/start-{postgres,object-store,kafka}.log >&2
  if [ "$rc" != 0 ]; then
    log "start failed; stopping what did start (logs in $STATE_DIR/logs)"
    cmd_stop quiet
    return 1
  fi
  cat "$STATE_DIR/kafka/env" "$STATE_DIR/pg/env" "$STATE_DIR/s3/env" >"$STATE_DIR/env.tmp"
  mv "$STATE_DIR/env.tmp" "$STATE_DIR/env"
  log "all services ready in $((SECONDS - start)) s; object store: $(cat "$STATE_DIR/s3/kind"); env file: $STATE_DIR/env"
  cat "$STATE_DIR/env"
}

cmd_stop() {
  [ -d "$STATE_DIR" ] || return 0
  stop_kafka
  stop_object_store
  stop_postgres
  rm -f "$STATE_DIR/env"
  [ "${1:-}" = quiet ] || log "all services stopped ($STATE_DIR)"
}

cmd_status() {
  local ok=0 pid pgroot
  pid=$(cat "$STATE_DIR/kafka/pid" 2>/dev/null || true)
  if pid_alive "$pid" "$STATE_DIR/kafka/server.properties"; then
    echo "kafka       running  pid $pid  127.0.0.1:$(cat "$STATE_DIR/kafka/port")"
  else
    echo "kafka       stopped"; ok=3
  fi
  pgroot=$(cat "$STATE_DIR/pg/root" 2>/dev/null || true)
  pid=$(head -1 "$pgroot/data/postmaster.pid" 2>/dev/null || true)
  if [ -n "$pgroot" ] && pid_alive "$pid" "$pgroot"; then
    echo "postgresql  running  pid $pid  127.0.0.1:$(cat "$STATE_DIR/pg/port")"
  else
    echo "postgresql  stopped"; ok=3
  fi
  pid=$(cat "$STATE_DIR/s3/pid" 2>/dev/null || true)
  if pid_alive "$pid" "$STATE_DIR/s3"; then
    echo "$(printf '%-11s' "$(cat "$STATE_DIR/s3/kind")") running  pid $pid  $(sed -n 's/^FUSION_STORAGE_ENDPOINT=//p' "$STATE_DIR/s3/env")"
  else
    echo "objectstore stopped"; ok=3
  fi
  return $ok
}

# Outages on demand, for tests of the worker's behaviour while a service is down. Kafka is frozen (SIGSTOP):
# its connections stay open and nothing answers, as in a network partition. PostgreSQL is shut down: new
# and open connections are refused. `resume` brings either back with its data, endpoints and credentials.
cmd_pause() {
  local service=$1 pgroot
  case "$service" in
    kafka) kill -STOP "$(kafka_pid)"; log "Kafka frozen (SIGSTOP)" ;;
    postgres)
      pgroot=$(cat "$STATE_DIR/pg/root")
      as_pg "$(pg_bindir)/pg_ctl" -D "$pgroot/data" -m fast -w -t 20 stop >/dev/null
      log "PostgreSQL stopped" ;;
    *) usage ;;
  esac
}

cmd_resume() {
  local service=$1 pgroot
  case "$service" in
    kafka) kill -CONT "$(kafka_pid)"; log "Kafka resumed" ;;
    postgres)
      pgroot=$(cat "$STATE_DIR/pg/root")
      [ -f "$pgroot/data/postmaster.pid" ] && { log "PostgreSQL already running"; return 0; }
      pg_start "$pgroot" "$(cat "$STATE_DIR/pg/port")" || die "PostgreSQL did not start again"
      log "PostgreSQL started again" ;;
    *) usage ;;
  esac
}

kafka_pid() {
  local pid
  pid=$(cat "$STATE_DIR/kafka/pid" 2>/dev/null || true)
  pid_alive "$pid" "$STATE_DIR/kafka/server.properties" || die "Kafka is not running ($STATE_DIR)"
  echo "$pid"
}

cmd_env() {
  [ -f "$STATE_DIR/env" ] || die "services are not running ($STATE_DIR); run: scripts/services.sh start"
  sed 's/^/export /' "$STATE_DIR/env"
}

cmd_prepare() {
  resolve_classpath "$SERVICES_SRC/kafka/pom.xml" "$KAFKA_CP_FILE"
  kafka_tools_jar >/dev/null
  # an explicit install tries a MinIO build again even where one failed before
  rm -f "$(dirname "$MINIO_BIN")/build-failed"
  if [ "$OBJECT_STORE" = s3proxy ] || ! build_minio; then
    [ "$OBJECT_STORE" = minio ] && die "MinIO could not be built"
    log "MinIO unavailable; preparing the S3Proxy fallback"
    resolve_classpath "$SERVICES_SRC/s3proxy/pom.xml" "$S3PROXY_CP_FILE"
  fi
  pg_bindir >/dev/null
  # one start and stop in a scratch directory, once: proves the stack runs here and records the Kafka JVMs'
  # class-data archives, so that the first real start is as fast as the later ones
  local scratch
  if kafka_cds_opts broker | grep -q SharedArchiveFile; then
    log "prepared: Kafka $KAFKA_VERSION classpath, $(object_store_kind)"
    return 0
  fi
  scratch=$(mktemp -d)
  if (STATE_DIR=$scratch && cmd_start >/dev/null && cmd_stop quiet); then
    log "trial start and stop passed"
  else
    log "trial start failed; logs: $scratch/logs"
    return 1
  fi
  rm -rf "$scratch"
  log "prepared: Kafka $KAFKA_VERSION classpath, $(object_store_kind)"
}

object_store_kind() {
  if [ "$OBJECT_STORE" != s3proxy ] && [ -x "$MINIO_BIN" ]; then echo "MinIO $MINIO_BIN"; else echo S3Proxy; fi
}

main() {
  [ $# -ge 1 ] || usage
  local cmd=$1 service=""
  shift
  case "$cmd" in
    pause|resume) [ $# -ge 1 ] || usage; service=$1; shift ;;
  esac
  while [ $# -gt 0 ]; do
    case "$1" in
      --dir) STATE_DIR=$2; shift 2 ;;
      --dir=*) STATE_DIR=${1#--dir=}; shift ;;
      *) usage ;;
    esac
  done
  mkdir -p "$STATE_DIR"
  STATE_DIR=$(cd "$STATE_DIR" && pwd)
  # one start/stop at a time per state dir
  exec 9>"$STATE_DIR/.lock"
  flock 9
  case "$cmd" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    env) cmd_env ;;
    prepare) cmd_prepare ;;
    pause) cmd_pause "$service" ;;
    resume) cmd_resume "$service" ;;
    *) usage ;;
  esac
}

main "$@"
