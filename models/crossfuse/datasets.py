"""Training sets with a fixed validation hold-out, and a sampler that keeps every image on the training device.

Each set is a folder with ir/ and vis/ holding the same file names (RoadScene, msrs-train-128, ...). The
validation split is every `every`-th name in sorted order (names[0], names[every], ...): fixed, the same in
every run and every session, and never trained on. Test sets (TNO-21 and the others under shared/data) are
not training sets and are never passed here.

The sampler holds all images as uint8 tensors on the device and cuts batches there: on a GPU the per-step host
work (numpy crops, copies) would otherwise cost as much as the step itself.
"""
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

from .data import load_grey

VAL_EVERY = 10


def split_names(root, every=VAL_EVERY):
    """(train names, validation names) of one set; every=0: all for training."""
    names = sorted(p.name for p in (Path(root) / "ir").iterdir())
    val = names[::every] if every else []
    held = set(val)
    return [n for n in names if n not in held], val


def load_set(root, names):
    """uint8 (ir, vis) grey pairs; visible frames as BT.601 luma (Pillow "L"), as the service feeds them."""
    root = Path(root)
    pairs = []
    for n in names:
        ir, vis = load_grey(root / "ir" / n), load_grey(root / "vis" / n)
        if ir.shape != vis.shape:
            raise ValueError(f"size mismatch in {root.name}/{n}: {ir.shape} vs {vis.shape}")
        pairs.append((ir, vis))
    if not pairs:
        raise FileNotFoundError(f"no pairs under {root}")
    return pairs


def write_validation(roots, out, every=VAL_EVERY):
    """The validation pairs of every set, as grey PNGs in the TNO layout that scripts/evaluate.sh reads
    (out/ir/IR<i>.png, out/vis/VIS<i>.png) and a names.txt saying where each came from."""
    out = Path(out)
    for sub in ("ir", "vis"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    lines, i = [], 0
    for root in roots:
        _, val = split_names(root, every)
        for n, (ir, vis) in zip(val, load_set(root, val)):
            i += 1
            Image.fromarray(ir).save(out / "ir" / f"IR{i}.png")
            Image.fromarray(vis).save(out / "vis" / f"VIS{i}.png")
            lines.append(f"{i}\t{Path(root).name}/{n}")
    (out / "names.txt").write_text("\n".join(lines) + "\n")
    return i


def _resize(img, hw):
    t = torch.from_numpy(img.astype(np.float32))[None, None]
    t = F.interpolate(t, size=hw, mode="bilinear", align_corners=False, antialias=hw[0] < img.shape[0])
    return t.round().clamp(0, 255).to(torch.uint8)[0, 0]


class TensorSampler:
    """Endless batches (ir, vis) [B,1,S,S] float 0..1 on `device`.

    mode "crop": random aligned S x S crops (images whose short side is below S are first scaled up so that
    one fits); mode "resize": whole images scaled to S x S (aspect not kept, as the CrossFuse authors trained).
    Each sample first draws a set uniformly, so a small set is not drowned by a large one, then a pair, a crop
    and random horizontal/vertical flips. Deterministic given the numpy Generator `rng` (checkpointed)."""

    def __init__(self, sets, size, batch, mode="crop", device="cpu", seed=0):
        self.size, self.batch, self.mode = size, batch, mode
        self.rng = np.random.default_rng(seed)
        self.sets = []
        for pairs in sets:
            items = []
            for ir, vis in pairs:
                h, w = ir.shape
                if mode == "resize":
                    hw = (size, size)
                elif min(h, w) < size:
                    k = size / min(h, w)
                    hw = (max(size, int(np.ceil(h * k))), max(size, int(np.ceil(w * k))))
                else:
                    hw = None
                a, b = (_resize(ir, hw), _resize(vis, hw)) if hw else (torch.from_numpy(ir.copy()), torch.from_numpy(vis.copy()))
                items.append((a.to(device), b.to(device)))
            self.sets.append(items)
        self.pairs = [p for s in self.sets for p in s]

    def sample(self):
        s = self.size
        ir_b, vis_b = [], []
        for _ in range(self.batch):
            items = self.sets[self.rng.integers(len(self.sets))]
            ir, vis = items[self.rng.integers(len(items))]
            h, w = ir.shape
            top, left = self.rng.integers(h - s + 1), self.rng.integers(w - s + 1)
            ir, vis = ir[top:top + s, left:left + s], vis[top:top + s, left:left + s]
            if self.rng.random() < 0.5:
                ir, vis = ir.flip(1), vis.flip(1)
            if self.rng.random() < 0.5:
                ir, vis = ir.flip(0), vis.flip(0)
            ir_b.append(ir)
            vis_b.append(vis)
        to_f = lambda xs: torch.stack(xs)[:, None].float() / 255.0
        return to_f(ir_b), to_f(vis_b)
