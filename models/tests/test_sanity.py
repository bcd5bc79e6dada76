"""The evaluation pipeline itself loses nothing: a network that returns the plain average of its inputs,
taken through ONNX export, ONNX Runtime and the 8-bit PNG writer, must give exactly the plain-average image
that the baselines write (and so score exactly the plain-average row)."""
import numpy as np
import torch
from PIL import Image

from conftest import DATA_ROOT
from crossfuse.baselines import METHODS
from crossfuse.export import export_onnx, ort_session
from crossfuse.pngio import load_grey, to_png


class Average(torch.nn.Module):
    """Same inputs and outputs as CrossFuse: (ir, vis) -> (fused, fused_raw)."""

    def forward(self, ir, vis):
        raw = (ir + vis) / 2
        return raw.clamp(0, 1), raw


def _pair(tmp_path):
    tno = DATA_ROOT / "ir-vis" / "tno21"
    if (tno / "ir" / "IR7.png").exists():
        return tno / "ir" / "IR7.png", tno / "vis" / "VIS7.png"
    rng = np.random.default_rng(0)
    paths = []
    for name in ("ir.png", "vis.png"):
        Image.fromarray(rng.integers(0, 256, (75, 101), dtype=np.uint8)).save(tmp_path / name)
        paths.append(tmp_path / name)
    return paths


def test_an_averaging_network_through_export_runtime_and_png_is_the_plain_average(tmp_path):
    ir_path, vis_path = _pair(tmp_path)
    export_onnx(Average(), tmp_path / "avg.onnx", fp16_weights=False)
    sess = ort_session(tmp_path / "avg.onnx")
    fused, _ = sess.run(["fused", "fused_raw"], {"ir": load_grey(ir_path), "vis": load_grey(vis_path)})
    to_png(fused[0, 0], tmp_path / "fused.png")
    ours = np.asarray(Image.open(tmp_path / "fused.png"), dtype=np.int32)

    to_png(METHODS["mean"](load_grey(ir_path)[0, 0], load_grey(vis_path)[0, 0]), tmp_path / "mean.png")
    assert np.array_equal(ours, np.asarray(Image.open(tmp_path / "mean.png"), dtype=np.int32))
