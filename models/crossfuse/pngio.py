"""Grey images in and out as the service sees them: 8-bit value / 255 in, rounded 8-bit PNG out. One reader and
one writer, so that every tool (ONNX inference, PyTorch screening, classical baselines) writes identical files
for identical values; the sanity test relies on that."""
import numpy as np
from PIL import Image


def load_grey(path):
    """float32 [1, 1, H, W] in 0..1; colour images as BT.601 luma (Pillow "L")."""
    return (np.asarray(Image.open(path).convert("L"), dtype=np.float32) / 255.0)[None, None]


def to_png(arr, path):
    """An H x W array in 0..1 (values outside are clipped) as an 8-bit PNG."""
    Image.fromarray(np.rint(np.clip(arr, 0.0, 1.0) * 255.0).astype(np.uint8)).save(path)
