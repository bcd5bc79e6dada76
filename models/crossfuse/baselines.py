"""Classical fusion baselines that need no training: the floor a learned model has to clear.

    python -m crossfuse.baselines --set tno21=DATA/tno21 --set val=.cache/ablate/val --out runs/baselines

Writes OUT/<set>/<method>/IR<i>.png for
- `mean`: round((A + B) / 2), the plain average;
- `laplacian`: Laplacian-pyramid fusion, the detail bands by larger absolute coefficient, the coarsest band
  averaged (Burt & Adelson's scheme with max-absolute selection; own code);
- `max`: the per-pixel maximum of the sources.
The sets are in the TNO layout (ir/IR<i>.png, vis/VIS<i>.png), grey.
"""
import argparse
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from .pngio import load_grey, to_png

_K = torch.tensor([1.0, 4.0, 6.0, 4.0, 1.0], dtype=torch.float64) / 16.0
_K2 = (_K[:, None] * _K[None, :])[None, None]


def _blur(x):
    return F.conv2d(F.pad(x, (2, 2, 2, 2), mode="reflect"), _K2)


def _down(x):
    return _blur(x)[..., ::2, ::2]


def _up(x, hw):
    z = torch.zeros(x.shape[0], x.shape[1], 2 * x.shape[2], 2 * x.shape[3], dtype=x.dtype)
    z[..., ::2, ::2] = x * 4.0
    return _blur(z)[..., :hw[0], :hw[1]]


def laplacian_pyramid(x, levels):
    bands = []
    for _ in range(levels):
        if min(x.shape[-2:]) < 8:
            break
        low = _down(x)
        bands.append(x - _up(low, x.shape[-2:]))
        x = low
    return bands, x


def laplacian_fusion(a, b, levels=5):
    """a, b: float arrays 0..1 of one size -> fused float array (not clipped)."""
    ta = torch.from_numpy(a.astype(np.float64))[None, None]
    tb = torch.from_numpy(b.astype(np.float64))[None, None]
    bands_a, low_a = laplacian_pyramid(ta, levels)
    bands_b, low_b = laplacian_pyramid(tb, levels)
    x = 0.5 * (low_a + low_b)
    for la, lb in reversed(list(zip(bands_a, bands_b))):
        x = _up(x, la.shape[-2:]) + torch.where(la.abs() >= lb.abs(), la, lb)
    return x[0, 0].numpy().astype(np.float32)


METHODS = {
    "mean": lambda a, b: (a + b) / 2.0,
    "laplacian": laplacian_fusion,
    "max": np.maximum,
}


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", action="append", required=True, help="name=folder in TNO layout")
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    for spec in args.set:
        name, root = spec.split("=", 1)
        root = Path(root)
        n = len(list((root / "ir").glob("IR*.png")))
        for method, fuse in METHODS.items():
            out = Path(args.out) / name / method
            out.mkdir(parents=True, exist_ok=True)
            for i in range(1, n + 1):
                # read and written exactly as crossfuse.infer does for the network (float32 value/255, 8-bit
                # rounding), so that a network computing one of these gives the same file
                a = load_grey(root / "ir" / f"IR{i}.png")[0, 0]
                b = load_grey(root / "vis" / f"VIS{i}.png")[0, 0]
                to_png(fuse(a, b), out / f"IR{i}.png")
        print(f"{name}: {n} pairs -> {Path(args.out) / name}/{{{','.join(METHODS)}}}")


if __name__ == "__main__":
    main()
