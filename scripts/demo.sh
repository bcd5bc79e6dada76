#!/usr/bin/env bash
# The whole service on one machine, in one command:
#   installs what is missing, starts Kafka, PostgreSQL and MinIO, builds and starts the worker, uploads the
#   bundled TNO sample pairs (samples/tno), submits one fusion job per pair through the REST API, waits for
#   each, prints the job record and writes the fused image to out/<jobId>.png. Then stops everything.
#   The REST API needs a bearer token: the demo makes its own RSA key pair in the state dir, starts the worker
#   with the public key and mints a token with both roles (scripts/mint-token.sh), kept in $STATE_DIR/jwt/token.
#
#   scripts/demo.sh [--keep] [--skip-install] [--skip-build]
#     --keep          leave the worker and the services running (stop later: scripts/demo.sh --stop)
#     --stop          stop a worker and services left running by --keep
#     --skip-install  do not run scripts/install-deps.sh first
#     --skip-build    use the worker jar already in worker/target/
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source-path=SCRIPTDIR source=lib/s3.sh
. "$ROOT/scripts/lib/s3.sh"

STATE_DIR=${FUSION_SERVICES_DIR:-$ROOT/.services}
export FUSION_SERVICES_DIR=$STATE_DIR
OUT_DIR=$ROOT/out
WORKER_JAR=$ROOT/worker/target/quarkus-app/quarkus-run.jar
WORKER_PID_FILE=$STATE_DIR/worker.pid
WORKER_URL_FILE=$STATE_DIR/worker.url
WORKER_LOG=$STATE_DIR/logs/worker.log
JWT_DIR=$STATE_DIR/jwt
JWT_ISSUER=fusion-demo
SAMPLES=(1 5 11)

keep=false install=true build=true
for arg in "$@"; do
  case "$arg" in
    --keep) keep=true ;;
    --skip-install) install=false ;;
    --skip-build) build=false ;;
    --stop) stop_only=true ;;
    -h | --help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $arg (see --help)" >&2; exit 2 ;;
  esac
done

say() { printf '\n== %s\n' "$*"; }

stop_worker() {
  local pid
  pid=$(cat "$WORKER_PID_FILE" 2>/dev/null || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    # SIGTERM drains: running jobs get fusion.jobs.drain-timeout (120 s) to finish, then up to 90 s to hand
    # back; a SIGKILL before that would leave them RUNNING until another worker takes them over
    for _ in $(seq 1 2300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    echo "worker stopped (pid $pid)"
  fi
  rm -f "$WORKER_PID_FILE" "$WORKER_URL_FILE"
}

if [ "${stop_only:-false}" = true ]; then
  stop_worker
  bash scripts/services.sh stop
  exit 0
fi

started_services=false
cleanup() {
  local rc=$?
  if [ "$keep" = true ] && [ "$rc" = 0 ]; then
    say "Left running (stop with: scripts/demo.sh --stop)"
    echo "worker: $WORKER_URL (pid $(cat "$WORKER_PID_FILE"), log $WORKER_LOG)"
    echo "token:  curl -H \"Authorization: Bearer \$(cat $JWT_DIR/token)\" $WORKER_URL/jobs"
    bash scripts/services.sh status || true
    return
  fi
  say "Stopping"
  stop_worker
  if [ "$started_services" = true ]; then
    bash scripts/services.sh stop
  fi
  [ "$rc" = 0 ] || echo "demo failed (exit $rc); worker log: $WORKER_LOG, service logs: $STATE_DIR/logs" >&2
}

MODEL=$ROOT/models/crossfuse-ivf-1.4.0.onnx
if [ ! -f "$MODEL" ]; then
  echo "the model $MODEL is missing: it is part of the repository (models/, produced by models/crossfuse export)" >&2
  exit 1
fi

if [ "$install" = true ]; then
  say "Installing what is missing (scripts/install-deps.sh)"
  bash scripts/install-deps.sh
fi

say "Starting Kafka, PostgreSQL and the object store (scripts/services.sh start)"
bash scripts/services.sh status >/dev/null 2>&1 || started_services=true
WORKER_URL=""
trap cleanup EXIT
bash scripts/services.sh start >/dev/null
set -a
# shellcheck disable=SC1091
. "$STATE_DIR/env"
set +a
bash scripts/services.sh status

if [ "$build" = true ] || [ ! -f "$WORKER_JAR" ]; then
  say "Building the worker (mvn -B -q package -DskipTests)"
  mvn -B -q -ntp package -DskipTests
fi

say "Starting the worker"
stop_worker
# a fresh key pair per start: a token minted for an earlier run stops working with it
scripts/mint-token.sh --new-key-pair "$JWT_DIR" >/dev/null
(umask 077 && scripts/mint-token.sh --key "$JWT_DIR/jwt-private.pem" --issuer "$JWT_ISSUER" --subject demo \
  --roles fusion-submit,fusion-read --ttl 86400 >"$JWT_DIR/token")
TOKEN=$(cat "$JWT_DIR/token")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
WORKER_URL=http://127.0.0.1:$port
mkdir -p "$(dirname "$WORKER_LOG")"
QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$port \
  MP_JWT_VERIFY_PUBLICKEY_LOCATION=$JWT_DIR/jwt-public.pem MP_JWT_VERIFY_ISSUER=$JWT_ISSUER \
  nohup java -jar "$WORKER_JAR" >"$WORKER_LOG" 2>&1 </dev/null &
echo $! >"$WORKER_PID_FILE"
echo "$WORKER_URL" >"$WORKER_URL_FILE"
echo "worker pid $(cat "$WORKER_PID_FILE") on $WORKER_URL, log $WORKER_LOG"
echo "bearer token (roles fusion-submit, fusion-read, 24 h): $JWT_DIR/token"
ready=false
for _ in $(seq 1 240); do
  if curl -sf -o /dev/null "$WORKER_URL/q/health/ready"; then ready=true; break; fi
  kill -0 "$(cat "$WORKER_PID_FILE")" 2>/dev/null || break
  sleep 0.5
done
if [ "$ready" != true ]; then
  echo "the worker did not become ready; its health and the end of its log:" >&2
  curl -s "$WORKER_URL/q/health/ready" >&2 || true
  tail -40 "$WORKER_LOG" >&2
  exit 1
fi
curl -s "$WORKER_URL/q/health/ready" | python3 -c '
import json, sys
health = json.load(sys.stdin)
print("ready:", health["status"], "-", ", ".join(c["name"] + "=" + c["status"] for c in health.get("checks", [])))'

S3_ENDPOINT=$FUSION_STORAGE_ENDPOINT S3_ACCESS_KEY=$FUSION_STORAGE_ACCESS_KEY S3_SECRET_KEY=$FUSION_STORAGE_SECRET_KEY
S3_REGION=${FUSION_STORAGE_REGION:-us-east-1}

say "Uploading the sample pairs to s3://fusion-inputs/samples/tno/ and submitting one job per pair"
run_id=$(date -u +%Y%m%dT%H%M%S)
job_ids=()
for i in "${SAMPLES[@]}"; do
  for name in "IR$i.png" "VIS$i.png"; do
    s3_put_file fusion-inputs "samples/tno/$name" "samples/tno/$name"
  done
  job_id="tno-ir$i-$run_id"
  body=$(cat <<EOF
{"schemaVersion": 1, "jobId": "$job_id", "task": "infrared-visible",
 "sources": [{"role": "infrared", "bucket": "fusion-inputs", "key": "samples/tno/IR$i.png"},
             {"role": "visible", "bucket": "fusion-inputs", "key": "samples/tno/VIS$i.png"}],
 "output": {"bucket": "fusion-outputs", "key": "demo/$job_id.png"},
 "options": {"format": "png", "normalization": "normalized"}}
EOF
  )
  code=$(curl -s -o "$STATE_DIR/post-response.json" -w '%{http_code}' -H 'Content-Type: application/json' \
    -H "Authorization: Bearer $TOKEN" -d "$body" "$WORKER_URL/jobs")
  if [ "$code" != 202 ]; then
    echo "POST /jobs for $job_id answered HTTP $code: $(cat "$STATE_DIR/post-response.json")" >&2
    exit 1
  fi
  echo "submitted $job_id (IR$i.png + VIS$i.png) -> 202 Accepted"
  job_ids+=("$job_id")
done

say "Waiting for the jobs"
mkdir -p "$OUT_DIR"
failed=0
for job_id in "${job_ids[@]}"; do
  status=""
  for _ in $(seq 1 600); do
    curl -sf -H "Authorization: Bearer $TOKEN" "$WORKER_URL/jobs/$job_id" >"$STATE_DIR/job.json" || true
    status=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("status",""))' \
      "$STATE_DIR/job.json" 2>/dev/null || true)
    [[ "$status" == SUCCEEDED || "$status" == FAILED ]] && break
    sleep 0.5
  done
  echo "--- GET /jobs/$job_id"
  python3 -m json.tool "$STATE_DIR/job.json" || cat "$STATE_DIR/job.json"
  if [ "$status" = SUCCEEDED ]; then
    read -r bucket key < <(python3 -c 'import json,sys; o=json.load(open(sys.argv[1]))["output"]; print(o["bucket"], o["key"])' "$STATE_DIR/job.json")
    s3_get_file "$bucket" "$key" "$OUT_DIR/$job_id.png"
    echo "fused image: s3://$bucket/$key -> $OUT_DIR/$job_id.png"
  else
    echo "job $job_id did not succeed (status: ${status:-unknown})" >&2
    failed=$((failed + 1))
  fi
done

say "Done: ${#job_ids[@]} jobs, $((${#job_ids[@]} - failed)) succeeded; fused images in $OUT_DIR/"
[ "$failed" = 0 ]
