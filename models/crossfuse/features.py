"""Stage-2 crops with precomputed deep features.

Stage 2 freezes the encoders, so their deep features (1/8 resolution, the expensive part: ~3/4 of the
network's MACs) are a function of the training image alone. Computing them once per image, on the whole
image, and cropping them together with the pixels removes the encoders' forward pass from every step
(measured: ~35-45 % of a 256x256 stage-2 step on 2 CPU cores). The shallow features (one 3x3 conv) are
recomputed per crop because they are full resolution and cheap.

Crops start on multiples of 8 so that a deep-feature cell covers the same 8x8 pixels as in the crop. The
features of a crop are therefore the features the encoder sees *in context*, as it does at inference on
whole images, not those of the crop padded on its own. Augmentation: horizontal flip (optional; each flip
variant is encoded separately, an encoder is not flip-equivariant); no vertical flip, which road scenes
never show.
"""
import os
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from .model import act, pad_to_multiple


class DeepFeatureSampler:
    """Endless batches (ir, vis, deep_ir, deep_vis): aligned random crops [B,1,S,S] in 0..1 and the matching
    deep features [B,C,S/8,S/8]. Deterministic given the numpy Generator `rng`, which is checkpointed."""

    def __init__(self, pairs, enc_ir, enc_vis, crop, batch, seed=0, log=print, cache_file=None, cache_key=None,
                 hflip=True):
        """cache_file: where the features are kept between runs (an interrupted run resumes in seconds
        instead of re-encoding every image); reused only when its cache_key (which encoder weights, which
        data) matches."""
        if crop % 8:
            raise ValueError(f"crop {crop} is not a multiple of 8")
        self.crop, self.batch = crop, batch
        self.rng = np.random.default_rng(seed)
        self.pairs = pairs
        cached = torch.load(cache_file, weights_only=False) if cache_file is not None and Path(cache_file).exists() else None
        if cached is not None and cached["key"] == cache_key:
            self.items = cached["items"]
            log(f"deep features: reused {cache_file}")
            return
        self.items = []  # (ir uint8 HxW, vis uint8 HxW, deep_ir fp16 CxhXw, deep_vis fp16)
        with torch.no_grad():
            for i, (ir, vis) in enumerate(pairs):
                for flip in (False, True) if hflip else (False,):
                    a, b = (ir[:, ::-1].copy(), vis[:, ::-1].copy()) if flip else (ir, vis)
                    self.items.append((a, b, _deep(enc_ir, a), _deep(enc_vis, b)))
                if (i + 1) % 25 == 0:
                    log(f"deep features: {i + 1}/{len(pairs)} pairs")
        if cache_file is not None:
            tmp = Path(cache_file).with_suffix(".tmp")
            torch.save({"key": cache_key, "items": self.items}, tmp)
            os.replace(tmp, cache_file)

    def sample(self):
        s, c = self.crop, self.crop // 8
        out = ([], [], [], [])
        for _ in range(self.batch):
            ir, vis, d_ir, d_vis = self.items[self.rng.integers(len(self.items))]
            h, w = ir.shape
            top = 8 * self.rng.integers((h - s) // 8 + 1)
            left = 8 * self.rng.integers((w - s) // 8 + 1)
            out[0].append(ir[top:top + s, left:left + s])
            out[1].append(vis[top:top + s, left:left + s])
            out[2].append(d_ir[:, top // 8:top // 8 + c, left // 8:left // 8 + c])
            out[3].append(d_vis[:, top // 8:top // 8 + c, left // 8:left // 8 + c])
        img = lambda xs: torch.from_numpy(np.stack(xs)[:, None].astype(np.float32) / 255.0)
        return img(out[0]), img(out[1]), torch.stack(out[2]).float(), torch.stack(out[3]).float()


def _deep(encoder, grey):
    x = torch.from_numpy(grey.astype(np.float32) / 255.0)[None, None]
    _, deep = encoder(pad_to_multiple(x, 8).to(next(encoder.parameters()).device))
    return deep[0].half().cpu()  # the cache stays in host memory; batches move to the device per step


def shallow_features(encoder, x):
    """The encoder's full-resolution shallow features, as in Encoder.forward."""
    return act(encoder.shallow(x), encoder.activation)
