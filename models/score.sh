#!/usr/bin/env bash
# Scores a checkpoint on the validation split and on TNO-21 in one command, with the product's metrics, beside
# the plain average, the classical Laplacian-pyramid fusion and (TNO-21) the CrossFuse authors' images.
#
#   bash models/score.sh CKPT NAME [DATA]
#
# CKPT: a stage-2 checkpoint or fp16 weights file (train.py --slim-weights / --snapshot-every); NAME labels the
# outputs: fused images in models/runs/score/NAME/{val,tno21}/{clamp,minmax}, tables in
# models/eval/score-NAME-{val,tno21}.md. The validation split (every 10th pair of RoadScene and of
# msrs-train-128, never trained on) is written once to models/.cache/ablate/val by `gpu-ablate.sh prepare`.
# Fusion runs in PyTorch (crossfuse.fuse_sets); the shipped model's own table comes from the ONNX export
# (crossfuse.infer), which agrees with PyTorch to 1e-4.
set -euo pipefail
models="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$models")"
ckpt="$(realpath "${1:?checkpoint}")" name="${2:?name}"
data="${3:-$root/../shared/data}"
py="$models/.venv/bin/python"; [[ -x "$py" ]] || py=/usr/bin/python3
val="$models/.cache/ablate/val"
[[ -d "$val/ir" ]] || bash "$models/gpu-ablate.sh" prepare "$data" >&2
out="$models/runs/score/$name"
base="$models/runs/baselines"
cd "$models"
[[ -d "$base/val/laplacian" && -d "$base/tno21/laplacian" ]] ||
  "$py" -m crossfuse.baselines --set "val=$val" --set "tno21=$data/ir-vis/tno21" --out "$base" >&2
"$py" -m crossfuse.fuse_sets --ckpt "$ckpt" --set "val=$val" --set "tno21=$data/ir-vis/tno21" --out "$out" --device cpu >&2
mkdir -p "$models/eval"
metrics=EN,SD,SF,MI,SCD,VIF,Qabf,SSIM
bash "$root/scripts/evaluate.sh" --layout tno --sources "$val" --metrics "$metrics" \
  "$name=$out/val/clamp" "$name-minmax=$out/val/minmax" mean="$base/val/mean" laplacian="$base/val/laplacian" \
  | sed -n '/^Mean over/,$p' >"$models/eval/score-$name-val.md"
bash "$root/scripts/evaluate.sh" --layout tno --sources "$data/ir-vis/tno21" --metrics "$metrics" \
  "$name=$out/tno21/clamp" "$name-minmax=$out/tno21/minmax" mean="$base/tno21/mean" laplacian="$base/tno21/laplacian" \
  crossfuse="$data/ir-vis/tno21-fused/crossfuse" | sed -n '/^Mean over/,$p' >"$models/eval/score-$name-tno21.md"
echo "== validation ($name)"; cat "$models/eval/score-$name-val.md"
echo "== TNO-21 ($name)"; cat "$models/eval/score-$name-tno21.md"
