"""Fuse whole image sets with a checkpoint in PyTorch (no ONNX), for screening runs on a training machine.

    python -m crossfuse.fuse_sets --ckpt RUN/stage2-weights.pt --set tno21=DATA/tno21 --set val=VAL --out OUT

Each set is in the TNO layout (ir/IR<i>.png, vis/VIS<i>.png). Writes OUT/<set>/clamp/IR<i>.png (raw output
clamped to 0..1) and OUT/<set>/minmax/IR<i>.png (per-image min-max of the raw output), 8-bit, the two output
mappings the service can use. The product's numbers come from the exported ONNX model (crossfuse.infer);
this is for comparing training variants where only PyTorch is installed.
"""
import argparse
from pathlib import Path

import torch

from .model import CrossFuse, CrossFuseConfig, normalize
from .pngio import load_grey, to_png


def load(ckpt, device):
    state = torch.load(ckpt, map_location="cpu", weights_only=False)
    model = CrossFuse(CrossFuseConfig.from_dict(state["config"]))
    model.load_state_dict({k: v.float() if v.is_floating_point() else v for k, v in state["model"].items()})
    return model.to(device).eval()


def pairs(root):
    root = Path(root)
    n = len(list((root / "ir").glob("IR*.png")))
    return [(i, root / "ir" / f"IR{i}.png", root / "vis" / f"VIS{i}.png") for i in range(1, n + 1)]


def grey(path, device):
    return torch.from_numpy(load_grey(path)).to(device)


def png(t, path):
    to_png(t[0, 0].cpu().numpy(), path)


@torch.no_grad()
def fuse_set(model, root, out, device):
    for sub in ("clamp", "minmax"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    for i, ir_path, vis_path in pairs(root):
        _, raw = model(grey(ir_path, device), grey(vis_path, device))
        png(raw, out / "clamp" / f"IR{i}.png")
        png(normalize(raw), out / "minmax" / f"IR{i}.png")


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--set", action="append", required=True, help="name=folder in TNO layout")
    ap.add_argument("--out", required=True)
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = ap.parse_args(argv)
    model = load(args.ckpt, args.device)
    for spec in args.set:
        name, root = spec.split("=", 1)
        fuse_set(model, root, Path(args.out) / name, args.device)
        print(f"fused {name} -> {Path(args.out) / name}", flush=True)


if __name__ == "__main__":
    main()
