"""Fuse image pairs with the exported ONNX model into 8-bit PNGs, as the service would store them.

    cd models && .venv/bin/python -m crossfuse.infer      # -> runs/tno21/{ours,ours_raw}/IR<i>.png
    .venv/bin/python -m crossfuse.infer --roadscene ../../shared/data/ir-vis/roadscene --every 5 --out runs/roadscene

`ours` is the min-max normalised output, `ours_raw` the raw output clamped to 0..1, `ours_pct` (with
--percentile) the raw output stretched from its 0.5th to its 99.5th percentile; all rounded to 8 bit. Each line
reports the share of raw pixels outside 0..1 (what clamping would clip). --roadscene fuses every n-th RoadScene
pair (training images: for choices that must not look at the test set) and writes its sources as
<out>/sources/{ir,vis}/{IR,VIS}<i>.png, the TNO layout that scripts/evaluate.sh reads.
"""
import argparse
import time
from pathlib import Path

import numpy as np
from PIL import Image

from .export import MODELS_DIR, NAME, VERSION, ort_session
from .pngio import load_grey, to_png

DATA = MODELS_DIR.parent.parent / "shared" / "data" / "ir-vis"


def tno_pairs(tno):
    return [(i, tno / "ir" / f"IR{i}.png", tno / "vis" / f"VIS{i}.png") for i in range(1, 22)]


def roadscene_pairs(root, every, sources_dir):
    """Every n-th pair (sorted by name), copied as grey PNGs in TNO layout; visible frames as BT.601 luma."""
    names = sorted(p.name for p in (root / "ir").iterdir())[::every]
    for sub in ("ir", "vis"):
        (sources_dir / sub).mkdir(parents=True, exist_ok=True)
    pairs = []
    for i, name in enumerate(names, 1):
        ir, vis = sources_dir / "ir" / f"IR{i}.png", sources_dir / "vis" / f"VIS{i}.png"
        Image.open(root / "ir" / name).convert("L").save(ir)
        Image.open(root / "vis" / name).convert("L").save(vis)
        pairs.append((i, ir, vis))
    return pairs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=str(MODELS_DIR / f"{NAME}-{VERSION}.onnx"))
    ap.add_argument("--tno", default=str(DATA / "tno21"))
    ap.add_argument("--roadscene", help="fuse RoadScene pairs from this folder instead of TNO-21")
    ap.add_argument("--every", type=int, default=5, help="with --roadscene: every n-th pair")
    ap.add_argument("--percentile", action="store_true", help="also write ours_pct (0.5-99.5 %% stretch)")
    ap.add_argument("--out", default=str(MODELS_DIR / "runs" / "tno21"))
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    sess = ort_session(args.model, args.threads)
    out = Path(args.out)
    outputs = ("ours", "ours_raw") + (("ours_pct",) if args.percentile else ())
    for sub in outputs:
        (out / sub).mkdir(parents=True, exist_ok=True)
    pairs = (roadscene_pairs(Path(args.roadscene), args.every, out / "sources") if args.roadscene
             else tno_pairs(Path(args.tno)))
    clipped = []
    for i, ir_path, vis_path in pairs:
        ir, vis = load_grey(ir_path), load_grey(vis_path)
        t0 = time.time()
        fused, raw = sess.run(["fused", "fused_raw"], {"ir": ir, "vis": vis})
        raw = raw[0, 0]
        to_png(fused[0, 0], out / "ours" / f"IR{i}.png")
        to_png(raw, out / "ours_raw" / f"IR{i}.png")
        if args.percentile:
            lo, hi = np.percentile(raw, [0.5, 99.5])
            to_png((raw - lo) / max(hi - lo, 1e-6), out / "ours_pct" / f"IR{i}.png")
        clipped.append(float(((raw < 0) | (raw > 1)).mean()))
        print(f"IR{i}: {ir.shape[3]}x{ir.shape[2]} in {time.time() - t0:.2f} s, raw range "
              f"{raw.min():.3f}..{raw.max():.3f}, {100 * clipped[-1]:.1f} % outside 0..1", flush=True)
    print(f"{len(pairs)} pairs: raw pixels outside 0..1, mean {100 * np.mean(clipped):.1f} %, "
          f"max {100 * np.max(clipped):.1f} %")


if __name__ == "__main__":
    main()
