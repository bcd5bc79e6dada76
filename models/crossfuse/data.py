"""RoadScene pairs as grey 0..1 arrays, and random aligned crops for training.

Training preprocessing only: the same random crop/flip is applied to both sources of a pair. The visible
images are RGB; the network sees their BT.601 luma (PIL's "L" conversion), as the service feeds it.
"""
from pathlib import Path

import numpy as np
import torch
from PIL import Image


def load_grey(path):
    return np.asarray(Image.open(path).convert("L"), dtype=np.uint8)


def load_pairs(root, min_side=0):
    """All (ir, vis) uint8 pairs under root/{ir,vis}; pairs whose short side is below min_side are upscaled
    (bicubic, same factor for both) so that a min_side crop fits."""
    root = Path(root)
    pairs = []
    for ir_path in sorted((root / "ir").iterdir()):
        vis_path = root / "vis" / ir_path.name
        ir, vis = Image.open(ir_path).convert("L"), Image.open(vis_path).convert("L")
        if ir.size != vis.size:
            raise ValueError(f"size mismatch in pair {ir_path.name}: {ir.size} vs {vis.size}")
        short = min(ir.size)
        if short < min_side:
            size = tuple(int(np.ceil(s * min_side / short)) for s in ir.size)
            ir, vis = ir.resize(size, Image.BICUBIC), vis.resize(size, Image.BICUBIC)
        pairs.append((np.asarray(ir, dtype=np.uint8), np.asarray(vis, dtype=np.uint8)))
    if not pairs:
        raise FileNotFoundError(f"no pairs under {root}")
    return pairs


class CropSampler:
    """Endless batches of aligned random crops with random horizontal/vertical flips, as float tensors
    [B,1,S,S] in 0..1. Deterministic given the numpy Generator, whose state is checkpointed."""

    def __init__(self, pairs, crop, batch, seed=0):
        self.pairs, self.crop, self.batch = pairs, crop, batch
        self.rng = np.random.default_rng(seed)

    def sample(self):
        ir_b, vis_b = [], []
        for _ in range(self.batch):
            ir, vis = self.pairs[self.rng.integers(len(self.pairs))]
            h, w = ir.shape
            top = self.rng.integers(h - self.crop + 1)
            left = self.rng.integers(w - self.crop + 1)
            ir = ir[top:top + self.crop, left:left + self.crop]
            vis = vis[top:top + self.crop, left:left + self.crop]
            if self.rng.random() < 0.5:
                ir, vis = ir[:, ::-1], vis[:, ::-1]
            if self.rng.random() < 0.5:
                ir, vis = ir[::-1], vis[::-1]
            ir_b.append(ir)
            vis_b.append(vis)
        to_t = lambda xs: torch.from_numpy(np.stack(xs)[:, None].astype(np.float32) / 255.0)
        return to_t(ir_b), to_t(vis_b)
