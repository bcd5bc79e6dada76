#!/usr/bin/env bash
# The ablation screen on a lent GPU machine: both stage-1 auto-encoder variants, then every stage-2 variant at
# once (one process each, sharing the GPU), each fused on TNO-21 and on the validation split and scored with
# crossfuse.proxy; brings back the scores of all variants and the weights of the best two.
#
#   bash models/gpu-ablate.sh prepare [DATA]   # here: training sets, validation split and TNO-21 into models/.cache/ablate
#   bash models/gpu-ablate.sh run S1 S2        # on the device through `run` with carry ["models/.cache"]:
#                                              # stage 1 for S1 s, stage 2 for S2 s (training loops)
#
# What comes back (the device returns at most 8 files of 16 MiB): $OUT/report.tgz (logs, loss curves, proxy
# scores, crops) and the two best variants' fp16 weights split into 15 MB parts: join them here with
# `cat weights-<variant>.pt.part-* > stage2-weights.pt`. VARIANTS limits the stage-2 variants (smoke tests);
# CROP and BATCH override 256 and 8.
set -euo pipefail
models="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$models"
cache="${ABLATE_CACHE:-.cache/ablate}"

# name | stage-1 auto-encoders | stage-2 options (each differs from `max` in one thing)
VARIANT_TABLE="
max|none|--loss max --grad-loss signed --skip-weights per_channel --skip-smooth 1 --data $cache/roadscene --data $cache/msrs
brighter|none|--loss brighter --grad-loss signed --skip-weights per_channel --skip-smooth 1 --data $cache/roadscene --data $cache/msrs
relu-brighter|relu|--loss brighter --grad-loss signed --skip-weights summed --skip-smooth 7 --output minmax --data $cache/roadscene --data $cache/msrs
relu-max|relu|--loss max --grad-loss signed --skip-weights summed --skip-smooth 7 --data $cache/roadscene --data $cache/msrs
max-magnitude|none|--loss max --grad-loss magnitude --skip-weights per_channel --skip-smooth 1 --data $cache/roadscene --data $cache/msrs
max-smooth7|none|--loss max --grad-loss signed --skip-weights per_channel --skip-smooth 7 --data $cache/roadscene --data $cache/msrs
max-roadscene|none|--loss max --grad-loss signed --skip-weights per_channel --skip-smooth 1 --data $cache/roadscene
max-msrs|none|--loss max --grad-loss signed --skip-weights per_channel --skip-smooth 1 --data $cache/msrs
max-resize|none|--loss max --grad-loss signed --skip-weights per_channel --skip-smooth 1 --mode resize --data $cache/roadscene --data $cache/msrs
max-normloss|none|--loss max --grad-loss signed --skip-weights per_channel --skip-smooth 1 --loss-on normalised --output minmax --data $cache/roadscene --data $cache/msrs
"

case "${1:-}" in
  prepare)
    data="${2:-$models/../../shared/data}"
    rm -rf "$cache" && mkdir -p "$cache"
    cp -r "$data/ir-vis/roadscene" "$cache/roadscene"
    cp -r "$data/ir-vis/tno21" "$cache/tno21"
    cp -r "$data/ir-vis/tno21-fused/crossfuse" "$cache/tno21-crossfuse"
    # MSRS visible frames as grey PNGs (what the network sees): a third of the RGB files' size
    /usr/bin/python3 - "$data/ir-vis/msrs-train-128" "$cache/msrs" <<'EOF'
import sys
from pathlib import Path
from PIL import Image
src, dst = Path(sys.argv[1]), Path(sys.argv[2])
for sub in ("ir", "vis"):
    (dst / sub).mkdir(parents=True, exist_ok=True)
    for p in sorted((src / sub).glob("*.png")):
        Image.open(p).convert("L").save(dst / sub / p.name)
EOF
    /usr/bin/python3 -c "import sys; sys.path.insert(0, '.'); from crossfuse.datasets import write_validation; \
print(write_validation(['$cache/roadscene', '$cache/msrs'], '$cache/val'), 'validation pairs')"
    du -sh "$cache"
    ;;
  run)
    s1="${2:?stage-1 seconds}" s2="${3:?stage-2 seconds}"
    out="${OUT:?set OUT (the device sets it)}"
    py=python3; [[ -x .venv/bin/python ]] && py=.venv/bin/python
    runs="$out/runs"; mkdir -p "$runs" "$out/logs" "$out/fused"
    crop="${CROP:-256}" batch="${BATCH:-8}"
    amp=none; "$py" -c 'import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)' && amp=bf16
    "$py" -c 'import torch; print("torch", torch.__version__, "cuda", torch.cuda.is_available())' | tee "$out/logs/env.txt"
    nvidia-smi --query-gpu=name,memory.total --format=csv >>"$out/logs/env.txt" 2>&1 || true
    common=(--runs-dir "$runs" --crop "$crop" --batch "$batch" --device auto --amp "$amp" --threads 1 --log-every 50)
    selected="$(echo "$VARIANT_TABLE" | grep -v '^$' | awk -F'|' -v want="${VARIANTS:-}" \
      'BEGIN{n=split(want,w,",");for(i=1;i<=n;i++)k[w[i]]=1} want=="" || ($1 in k)')"
    t0=$SECONDS
    for act in none relu; do
      echo "$selected" | cut -d'|' -f2 | grep -qx "$act" || continue
      "$py" -m crossfuse.train --stage 1 --run "ae-$act" --activation "$act" --time-budget "$s1" \
        --data $cache/roadscene --data $cache/msrs "${common[@]}" >"$out/logs/stage1-$act.log" 2>&1 &
    done
    wait
    echo "stage 1 done after $((SECONDS - t0)) s"; tail -n 2 "$out"/logs/stage1-*.log
    while IFS='|' read -r name act opts; do
      mkdir -p "$runs/$name" && cp "$runs/ae-$act/stage1.pt" "$runs/$name/stage1.pt"
      # shellcheck disable=SC2086
      "$py" -m crossfuse.train --stage 2 --run "$name" --time-budget "$s2" --warmup 100 --slim-weights $opts \
        "${common[@]}" >"$out/logs/stage2-$name.log" 2>&1 &
    done <<<"$selected"
    wait
    echo "stage 2 done after $((SECONDS - t0)) s"
    names=(); while IFS='|' read -r name _; do names+=("$name"); done <<<"$selected"
    for name in "${names[@]}"; do
      tail -n 1 "$out/logs/stage2-$name.log"
      [[ -f "$runs/$name/stage2-weights.pt" ]] || continue
      "$py" -m crossfuse.fuse_sets --ckpt "$runs/$name/stage2-weights.pt" --set tno21=$cache/tno21 --set val=$cache/val \
        --out "$out/fused/$name" >>"$out/logs/fuse.log" 2>&1 &
    done
    wait
    echo "fused after $((SECONDS - t0)) s"
    score() {  # set mapping: proxy scores of every variant
      local args=()
      for name in "${names[@]}"; do args+=(--fused "$name=$out/fused/$name/$1/$2"); done
      [[ "$1" == tno21 ]] && args+=(--fused "crossfuse=$cache/tno21-crossfuse")
      "$py" -m crossfuse.proxy --sources "$cache/$1" "${args[@]}" --json "$out/logs/proxy-$1-$2.json" >"$out/logs/proxy-$1-$2.txt" 2>&1
    }
    score val clamp & score val minmax & score tno21 clamp & score tno21 minmax & wait
    echo "scored after $((SECONDS - t0)) s"; cat "$out/logs/proxy-val-clamp.txt" "$out/logs/proxy-tno21-clamp.txt"
    # the two best by mean rank on the validation split (never on TNO-21)
    best="$("$py" -c "import json; r=json.load(open('$out/logs/proxy-val-clamp.json'))['ranks']; print(' '.join(list(r)[:2]))")"
    echo "bringing back: $best" | tee "$out/logs/best.txt"
    for name in $best; do
      split -b 15m -d "$runs/$name/stage2-weights.pt" "$out/weights-$name.pt.part-"
    done
    mkdir -p "$out/logs/curves"
    for d in "$runs"/*/; do
      for f in "$d"stage*.csv; do [[ -f "$f" ]] && cp "$f" "$out/logs/curves/$(basename "$d")-$(basename "$f")"; done; done
    # two TNO outputs of every variant for the ablation table's crops (pairs 7 and 18, clamped output)
    tar czf "$out/report.tgz" -C "$out" logs $(cd "$out" && ls -d fused/*/tno21/clamp/IR{7,18}.png 2>/dev/null)
    if [[ $(stat -c %s "$out/report.tgz") -gt 15000000 ]]; then
      split -b 15m -d "$out/report.tgz" "$out/report.tgz.part-" && rm "$out/report.tgz"
    fi
    rm -rf "$runs" "$out/fused" "$out/logs"
    ls -la "$out"
    ;;
  *)
    sed -n '2,13p' "${BASH_SOURCE[0]}"
    exit 2
    ;;
esac
