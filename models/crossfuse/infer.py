"""Fuse the 21 TNO pairs with the exported ONNX model into 8-bit PNGs, as the service would store them.

    cd models && .venv/bin/python -m crossfuse.infer      # -> runs/tno21/{ours,ours_raw}/IR<i>.png

`ours` is the min-max normalised output, `ours_raw` the raw output clamped to 0..1; both rounded to 8 bit.
"""
import argparse
import time
from pathlib import Path

import numpy as np
from PIL import Image

from .export import MODELS_DIR, NAME, VERSION, ort_session


def to_png(arr, path):
    Image.fromarray(np.rint(np.clip(arr, 0.0, 1.0) * 255.0).astype(np.uint8)).save(path)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=str(MODELS_DIR / f"{NAME}-{VERSION}.onnx"))
    ap.add_argument("--tno", default=str(MODELS_DIR.parent.parent / "shared" / "data" / "ir-vis" / "tno21"))
    ap.add_argument("--out", default=str(MODELS_DIR / "runs" / "tno21"))
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    sess = ort_session(args.model, args.threads)
    out = Path(args.out)
    for sub in ("ours", "ours_raw"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    tno = Path(args.tno)
    for i in range(1, 22):
        load = lambda p: (np.asarray(Image.open(p).convert("L"), dtype=np.float32) / 255.0)[None, None]
        ir, vis = load(tno / "ir" / f"IR{i}.png"), load(tno / "vis" / f"VIS{i}.png")
        t0 = time.time()
        fused, raw = sess.run(["fused", "fused_raw"], {"ir": ir, "vis": vis})
        to_png(fused[0, 0], out / "ours" / f"IR{i}.png")
        to_png(raw[0, 0], out / "ours_raw" / f"IR{i}.png")
        print(f"IR{i}: {ir.shape[3]}x{ir.shape[2]} in {time.time() - t0:.2f} s, raw range "
              f"{raw.min():.3f}..{raw.max():.3f}", flush=True)


if __name__ == "__main__":
    main()
