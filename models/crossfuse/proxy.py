"""A quick metric set in PyTorch for ranking training variants where the product's Java metrics cannot run
(a lent GPU machine has no Java). Not the product's metrics (`scripts/evaluate.sh` is the reference; these
follow the usual definitions and agree with it only roughly): used to choose which variants' weights come
back from such a machine, never for a reported figure.

    python -m crossfuse.proxy --sources VAL --fused name=OUT/val/clamp [--fused ...] --json ranks.json
"""
import argparse
import json
import math
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from .data import load_grey
from .losses import ssim, sobel

METRICS = ("EN", "SD", "SF", "MI", "SSIM", "Qabf", "VIF")


DEVICE = "cuda" if torch.cuda.is_available() else "cpu"


def _img(path):
    return torch.from_numpy(load_grey(path).astype(np.float64)).to(DEVICE)


def entropy(x):
    p = torch.bincount(x.flatten().long(), minlength=256).double()
    p = p[p > 0] / p.sum()
    return float(-(p * p.log2()).sum())


def mutual_info(a, b):
    joint = torch.bincount((a.flatten().long() * 256 + b.flatten().long()), minlength=65536).double().reshape(256, 256)
    joint /= joint.sum()
    pa, pb = joint.sum(1, keepdim=True), joint.sum(0, keepdim=True)
    pa, pb = pa.expand(256, 256), pb.expand(256, 256)
    nz = joint > 0
    return float((joint[nz] * (joint[nz] / (pa * pb)[nz]).log2()).sum())


def spatial_frequency(x):
    rf = ((x[:, 1:] - x[:, :-1]) ** 2).mean()
    cf = ((x[1:] - x[:-1]) ** 2).mean()
    return float((rf + cf).sqrt())


def qabf(a, b, f):
    def grad(x):
        gx, gy = sobel(x[None, None].float())
        return gx[0, 0].double(), gy[0, 0].double()

    def edge(gx, gy):
        return torch.sqrt(gx ** 2 + gy ** 2), torch.atan(gy / (gx + 1e-12))

    (ga, aa), (gb, ab), (gf, af) = edge(*grad(a)), edge(*grad(b)), edge(*grad(f))

    def q(gs, as_):
        g_rel = torch.where(gs > gf, gf / (gs + 1e-12), gs / (gf + 1e-12))
        a_rel = 1 - (as_ - af).abs() / (math.pi / 2)
        qg = 0.9994 / (1 + torch.exp(-15 * (g_rel - 0.5)))
        qa = 0.9879 / (1 + torch.exp(-22 * (a_rel - 0.8)))
        return qg * qa

    return float((q(ga, aa) * ga + q(gb, ab) * gb).sum() / (ga + gb).sum())


def _gauss(n, sigma):
    x = torch.arange(n, dtype=torch.float64) - (n - 1) / 2
    g = torch.exp(-(x ** 2) / (2 * sigma ** 2))
    g = (g[:, None] * g[None, :])
    return (g / g.sum())[None, None]


def vif(ref, dist, sigma_nsq=2.0):
    """Pixel-domain multi-scale VIF of `dist` against `ref` (four scales, Gaussian windows of 17, 9, 5, 3)."""
    ref, dist = ref[None, None].double(), dist[None, None].double()
    num = den = 0.0
    for scale in range(1, 5):
        n = 2 ** (5 - scale) + 1
        w = _gauss(n, n / 5.0)
        if scale > 1:
            ref, dist = F.conv2d(ref, w)[..., ::2, ::2], F.conv2d(dist, w)[..., ::2, ::2]
        mu1, mu2 = F.conv2d(ref, w), F.conv2d(dist, w)
        s1 = (F.conv2d(ref * ref, w) - mu1 ** 2).clamp(min=0)
        s2 = (F.conv2d(dist * dist, w) - mu2 ** 2).clamp(min=0)
        s12 = F.conv2d(ref * dist, w) - mu1 * mu2
        g = s12 / (s1 + 1e-10)
        sv = s2 - g * s12
        g = torch.where(s1 < 1e-10, torch.zeros_like(g), g)
        sv = torch.where(s1 < 1e-10, s2, sv)
        s1 = torch.where(s1 < 1e-10, torch.zeros_like(s1), s1)
        g = torch.where(s2 < 1e-10, torch.zeros_like(g), g)
        sv = torch.where(s2 < 1e-10, torch.zeros_like(sv), sv)
        sv = torch.where(g < 0, s2, sv)
        g = g.clamp(min=0)
        sv = sv.clamp(min=1e-10)
        num += float(torch.log10(1 + g ** 2 * s1 / (sv + sigma_nsq)).sum())
        den += float(torch.log10(1 + s1 / sigma_nsq).sum())
    return num / den


def scores(ir, vis, fused):
    t = lambda x: (x / 255.0).float()[None, None]
    return {
        "EN": entropy(fused), "SD": float(fused.std()), "SF": spatial_frequency(fused),
        "MI": mutual_info(ir, fused) + mutual_info(vis, fused),
        "SSIM": 0.5 * float(ssim(t(fused), t(ir)) + ssim(t(fused), t(vis))),
        "Qabf": qabf(ir, vis, fused),
        "VIF": vif(ir, fused) + vif(vis, fused),
    }


def mean_scores(sources, fused_dir):
    sources, fused_dir = Path(sources), Path(fused_dir)
    rows = []
    for ir_path in sorted((sources / "ir").glob("IR*.png")):
        i = ir_path.stem[2:]
        fused = next(fused_dir.glob(f"*IR{i}.png"))  # IR<i>.png, or with a method's prefix
        rows.append(scores(_img(ir_path), _img(sources / "vis" / f"VIS{i}.png"), _img(fused)))
    return {m: float(np.mean([r[m] for r in rows])) for m in METRICS}


def rank(table):
    """Mean rank over METRICS (1 = best, higher is better for every metric here)."""
    names = list(table)
    ranks = {n: 0.0 for n in names}
    for m in METRICS:
        order = sorted(names, key=lambda n: -table[n][m])
        for r, n in enumerate(order, 1):
            ranks[n] += r / len(METRICS)
    return dict(sorted(ranks.items(), key=lambda kv: kv[1]))


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--sources", required=True)
    ap.add_argument("--fused", action="append", required=True, help="name=folder with IR<i>.png")
    ap.add_argument("--json")
    args = ap.parse_args(argv)
    table = {}
    for spec in args.fused:
        name, folder = spec.split("=", 1)
        if Path(folder).is_dir():
            table[name] = mean_scores(args.sources, folder)
    ranks = rank(table)
    for n, r in ranks.items():
        print(f"{n:28s} rank {r:5.2f}  " + "  ".join(f"{m} {table[n][m]:.4f}" for m in METRICS), flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps({"table": table, "ranks": ranks}, indent=1))


if __name__ == "__main__":
    main()
