#!/usr/bin/env bash
# Measurement (not a test): the worker's peak resident memory per image size, the numbers the pod limits and
# fusion.jobs.* defaults are derived from (README "Memory"). For each size a fresh worker JVM (the packaged
# jar, default settings) fuses one pair of that size (TNO pair 4, or bundled pair 1, resized), or --jobs N
# such pairs at once; the script reads the worker's VmHWM (peak RSS) when the jobs are done and its VmRSS
# 10 s later (what it gives back), then stops it with SIGTERM.
#
#   scripts/memory-table.sh [--sizes "640x480 1024x768 1536x1152 2048x2048"] [--jobs N] [-- JAVA_OPTION...]
# Needs worker/target/quarkus-app (mvn package -DskipTests); starts the services (scripts/services.sh) if they are not
# running and stops them again. Prints a Markdown table.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source-path=SCRIPTDIR source=lib/s3.sh
. "$ROOT/scripts/lib/s3.sh"
STATE_DIR=${FUSION_SERVICES_DIR:-$ROOT/.services}
export FUSION_SERVICES_DIR=$STATE_DIR
JAR=$ROOT/worker/target/quarkus-app/quarkus-run.jar

sizes="640x480 1024x768 1536x1152 2048x2048" jobs=1 java_opts=()
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --) shift; java_opts=("$@"); break ;;
    -h | --help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ -f "$JAR" ] || { echo "no $JAR: run mvn -B package -DskipTests first" >&2; exit 1; }

started_services=false
if ! bash scripts/services.sh status >/dev/null 2>&1; then
  bash scripts/services.sh start >/dev/null
  started_services=true
fi
worker_pid=""
cleanup() {
  if [ -n "$worker_pid" ]; then kill "$worker_pid" 2>/dev/null && wait "$worker_pid" 2>/dev/null || true; fi
  if [ "$started_services" = true ]; then bash scripts/services.sh stop >/dev/null || true; fi
}
trap cleanup EXIT
set -a
# shellcheck disable=SC1091
. "$STATE_DIR/env"
set +a
S3_ENDPOINT=$FUSION_STORAGE_ENDPOINT S3_ACCESS_KEY=$FUSION_STORAGE_ACCESS_KEY S3_SECRET_KEY=$FUSION_STORAGE_SECRET_KEY
S3_REGION=${FUSION_STORAGE_REGION:-us-east-1}

status_mib() { sed -n "s/^$1:[[:space:]]*\([0-9]*\) kB/\1/p" "/proc/$2/status" | awk '{printf "%d", $1 / 1024}'; }

run_id=$(date -u +%Y%m%dT%H%M%S)
work=$ROOT/out/memory-$run_id
mkdir -p "$work"
# the REST API needs a bearer token: a key pair of this run, its public key given to each worker
scripts/mint-token.sh --new-key-pair "$work/jwt" >/dev/null
token=$(scripts/mint-token.sh --key "$work/jwt/jwt-private.pem" --issuer fusion-memory-table)
auth=(-H "Authorization: Bearer $token")
tno=$ROOT/../shared/data/ir-vis/tno21
if [ -f "$tno/ir/IR4.png" ]; then src_ir=$tno/ir/IR4.png src_vis=$tno/vis/VIS4.png pair="TNO pair 4"
else src_ir=samples/tno/IR1.png src_vis=samples/tno/VIS1.png pair="bundled TNO pair 1"; fi

echo "Worker peak memory per size: $pair resized, $jobs job(s) at once, $(nproc) CPU cores, java ${java_opts[*]:-(defaults)}"
echo
echo "| size | jobs at once | idle RSS before (MiB) | peak RSS, VmHWM (MiB) | RSS 10 s after (MiB) | inference (s) | total (s) |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for size in $sizes; do
  w=${size%x*} h=${size#*x}
  for m in IR VIS; do
    src=$src_ir; [ "$m" = VIS ] && src=$src_vis
    /usr/bin/python3 -c 'import sys; from PIL import Image; Image.open(sys.argv[1]).convert("L").resize((int(sys.argv[3]), int(sys.argv[4])), Image.BICUBIC).save(sys.argv[2])' \
      "$src" "$work/$m-$size.png" "$w" "$h"
    s3_put_file fusion-inputs "memory/$run_id/$m-$size.png" "$work/$m-$size.png"
  done
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$port MP_JWT_VERIFY_ISSUER=fusion-memory-table \
    MP_JWT_VERIFY_PUBLICKEY_LOCATION=$work/jwt/jwt-public.pem java "${java_opts[@]}" -jar "$JAR" >"$work/worker-$size.log" 2>&1 &
  worker_pid=$!
  for _ in $(seq 1 240); do curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/ready" && break; sleep 0.5; done
  idle=$(status_mib VmRSS "$worker_pid")
  ids=()
  for i in $(seq 1 "$jobs"); do
    id=mem-$run_id-$size-$i
    ids+=("$id")
    curl -sf -o /dev/null -X POST -H 'Content-Type: application/json' "${auth[@]}" "http://127.0.0.1:$port/jobs" -d "{\"schemaVersion\":1,\"jobId\":\"$id\",\"task\":\"infrared-visible\",\"sources\":[{\"role\":\"infrared\",\"bucket\":\"fusion-inputs\",\"key\":\"memory/$run_id/IR-$size.png\"},{\"role\":\"visible\",\"bucket\":\"fusion-inputs\",\"key\":\"memory/$run_id/VIS-$size.png\"}]}"
  done
  inference="" total=""
  for id in "${ids[@]}"; do
    while :; do
      job=$(curl -sf "${auth[@]}" "http://127.0.0.1:$port/jobs/$id")
      state=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])' <<<"$job")
      [ "$state" = SUCCEEDED ] || [ "$state" = FAILED ] && break
      sleep 1
    done
    [ "$state" = SUCCEEDED ] || { echo "job $id $state: $job" >&2; exit 1; }
    inference+=$(python3 -c 'import json,sys; print("%.1f " % (json.load(sys.stdin)["timings"]["inferenceMs"] / 1000))' <<<"$job")
    total+=$(python3 -c 'import json,sys; print("%.1f " % (json.load(sys.stdin)["timings"]["totalMs"] / 1000))' <<<"$job")
  done
  peak=$(status_mib VmHWM "$worker_pid")
  sleep 10
  after=$(status_mib VmRSS "$worker_pid")
  echo "| ${w}x${h} | $jobs | $idle | **$peak** | $after | ${inference% } | ${total% } |"
  kill "$worker_pid"; wait "$worker_pid" 2>/dev/null || true; worker_pid=""
done
