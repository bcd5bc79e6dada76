#!/usr/bin/env bash
# Both training stages on a lent GPU machine, each within a time budget, bringing back what fits.
#
#   bash models/gpu-train.sh prepare [DATA]   # here: copy RoadScene (9.3 MB) into models/.cache/roadscene
#   bash models/gpu-train.sh train S1 S2      # on the device, through the `run` tool with carry ["models/.cache"]:
#                                             # stage 1 for S1 s, stage 2 for S2 s (training loop only)
#
# The device machine sees the repository but not ../shared, and returns at most 64 MiB from $OUT, so `train`
# keeps only the loss logs, the stdout and stage2-weights.pt (fp16 weights + metadata, ~43 MB; export it here
# with `crossfuse.export --ckpt`). The full checkpoints (with optimiser state) are deleted: a GPU run cannot be
# resumed in a later session, so plan each to finish within one. CROP and BATCH override 256 and 8 (smoke tests).
set -euo pipefail
models="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$models"
case "${1:-}" in
  prepare)
    src="${2:-$models/../../shared/data/ir-vis/roadscene}"
    rm -rf .cache/roadscene && mkdir -p .cache && cp -r "$src" .cache/roadscene
    echo "copied $(ls .cache/roadscene/ir | wc -l) pairs to models/.cache/roadscene"
    ;;
  train)
    s1="${2:?stage-1 seconds}" s2="${3:?stage-2 seconds}"
    out="${OUT:?set OUT (the device sets it)}"
    py=python3; [[ -x .venv/bin/python ]] && py=.venv/bin/python
    run="gpu-$(date -u +%Y%m%dT%H%M)"
    common=(--run "$run" --runs-dir "$out/runs" --data .cache/roadscene --crop "${CROP:-256}" --batch "${BATCH:-8}"
            --device auto --slim-weights --threads "$(nproc)")
    "$py" -c 'import torch; print("torch", torch.__version__, "cuda", torch.cuda.is_available())'
    "$py" -m crossfuse.train --stage 1 --time-budget "$s1" "${common[@]}" 2>&1 | tee "$out/stage1-stdout.log"
    "$py" -m crossfuse.train --stage 2 --time-budget "$s2" --warmup 100 "${common[@]}" 2>&1 | tee "$out/stage2-stdout.log"
    rm -f "$out/runs/$run/stage1.pt" "$out/runs/$run/stage2.pt" "$out/runs/$run/stage1-weights.pt"
    ls -la "$out/runs/$run"
    ;;
  *)
    sed -n '2,11p' "${BASH_SOURCE[0]}"
    exit 2
    ;;
esac
