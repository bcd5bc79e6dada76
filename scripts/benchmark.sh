#!/usr/bin/env bash
# Benchmark (not a test): pushes fusion jobs of a 640x480 infrared/visible pair through the running stack
# (REST -> Kafka -> worker -> MinIO -> ONNX Runtime -> MinIO -> PostgreSQL) and reports throughput,
# end-to-end latency p50/p95, the share of time outside inference, and the worker's peak memory (VmHWM).
#
#   scripts/benchmark.sh [-n N] [--sequential M] [--keep]
#     -n N            jobs submitted at once in the burst phase (default 20)
#     --sequential M  jobs run one at a time first, for latency without queueing (default 5)
#     --keep          leave the stack running if this script had to start it
# Uses the worker started by `scripts/demo.sh --keep`; starts one that way (demo jobs = warm-up) if none runs.
# Writes out/benchmark-<run>.json and prints a Markdown summary.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source-path=SCRIPTDIR source=lib/s3.sh
. "$ROOT/scripts/lib/s3.sh"
STATE_DIR=${FUSION_SERVICES_DIR:-$ROOT/.services}
export FUSION_SERVICES_DIR=$STATE_DIR

n=20 sequential=5 keep=false
while [ $# -gt 0 ]; do
  case "$1" in
    -n) n=$2; shift 2 ;;
    --sequential) sequential=$2; shift 2 ;;
    --keep) keep=true; shift ;;
    -h | --help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

worker_ready() {
  [ -f "$STATE_DIR/worker.url" ] && curl -sf -o /dev/null "$(cat "$STATE_DIR/worker.url")/q/health/ready"
}

started=false
if ! worker_ready; then
  echo "== No running worker: starting the stack with scripts/demo.sh --keep (its jobs warm the worker up)"
  bash scripts/demo.sh --keep --skip-install
  started=true
fi
if [ "$started" = true ] && [ "$keep" = false ]; then
  trap 'bash scripts/demo.sh --stop' EXIT
fi
url=$(cat "$STATE_DIR/worker.url")
# the token scripts/demo.sh minted for its worker (both roles)
FUSION_TOKEN=$(cat "$STATE_DIR/jwt/token")
export FUSION_TOKEN
pid=$(cat "$STATE_DIR/worker.pid")
set -a
# shellcheck disable=SC1091
. "$STATE_DIR/env"
set +a
S3_ENDPOINT=$FUSION_STORAGE_ENDPOINT S3_ACCESS_KEY=$FUSION_STORAGE_ACCESS_KEY S3_SECRET_KEY=$FUSION_STORAGE_SECRET_KEY
S3_REGION=${FUSION_STORAGE_REGION:-us-east-1}

# The pair: TNO pair 4 is 640x480 as it is (in ../shared/data beside the repository); elsewhere the bundled
# pair 1 resized to 640x480.
run_id=$(date -u +%Y%m%dT%H%M%S)
pair_dir=$ROOT/out/benchmark-input
mkdir -p "$pair_dir"
tno=$ROOT/../shared/data/ir-vis/tno21
if [ -f "$tno/ir/IR4.png" ] && [ -f "$tno/vis/VIS4.png" ]; then
  cp "$tno/ir/IR4.png" "$pair_dir/IR.png"
  cp "$tno/vis/VIS4.png" "$pair_dir/VIS.png"
  pair="TNO pair 4 (640x480)"
else
  for m in IR VIS; do
    /usr/bin/python3 -c 'import sys; from PIL import Image; Image.open(sys.argv[1]).resize((640, 480), Image.BICUBIC).save(sys.argv[2])' \
      "samples/tno/${m}1.png" "$pair_dir/$m.png"
  done
  pair="TNO pair 1 resized to 640x480"
fi
chmod 644 "$pair_dir"/*.png
s3_put_file fusion-inputs "bench/$run_id/IR.png" "$pair_dir/IR.png"
s3_put_file fusion-inputs "bench/$run_id/VIS.png" "$pair_dir/VIS.png"

echo "== Benchmark $run_id: $pair, $sequential sequential + $n concurrent jobs against $url (worker pid $pid)"
json=$ROOT/out/benchmark-$run_id.json
python3 scripts/benchmark.py --url "$url" --ir-key "bench/$run_id/IR.png" --vis-key "bench/$run_id/VIS.png" \
  -n "$n" --sequential "$sequential" --run-id "$run_id" --json-out "$json" >/dev/null

hwm_kb=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$pid/status")
rss_kb=$(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$pid/status")
python3 - "$json" "$hwm_kb" "$rss_kb" "$pair" "$(nproc)" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
hwm, rss, pair, cores = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
report["worker_vmhwm_mib"] = round(hwm / 1024)
report["worker_vmrss_mib"] = round(rss / 1024)
json.dump(report, open(sys.argv[1], "w"), indent=2)
print(f"\nBenchmark {report['run_id']}: {pair}, {cores} CPU cores, worker(s) {', '.join(report['workers'])}\n")
print("| phase | jobs | throughput (jobs/s) | e2e p50 (ms) | e2e p95 (ms) | worker processing p50 (ms) | inference p50 (ms) | outside inference, of processing | outside inference, of e2e |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
for phase in ("sequential", "burst"):
    if phase not in report:
        continue
    r = report[phase]
    print(f"| {phase} | {r['jobs']} | {r['throughput_per_s']:.2f} | {r['e2e_p50_ms']:.0f} | {r['e2e_p95_ms']:.0f} | "
          f"{r['processing_p50_ms']:.0f} | {r['inference_p50_ms']:.0f} | {r['outside_inference_processing_pct']:.1f} % | "
          f"{r['outside_inference_e2e_pct']:.1f} % |")
stages = report["burst"]["stage_means_ms"]
print("\nMean stage times in the burst (ms): " + ", ".join(f"{k[:-2]} {v:.0f}" for k, v in stages.items()))
print(f"Worker peak memory (VmHWM): {report['worker_vmhwm_mib']} MiB (RSS now {report['worker_vmrss_mib']} MiB)")
print(f"Full report: {sys.argv[1]}")
PY
