import csv

import numpy as np
import torch
from PIL import Image

from crossfuse import train


def _pairs(root, n=2):
    rng = np.random.default_rng(0)
    for sub in ("ir", "vis"):
        (root / sub).mkdir(parents=True)
    for i in range(n):
        Image.fromarray(rng.integers(0, 255, (70, 80), dtype=np.uint8)).save(root / "ir" / f"{i}.png")
        Image.fromarray(rng.integers(0, 255, (70, 80, 3), dtype=np.uint8)).save(root / "vis" / f"{i}.png")


def test_both_stages_run_save_and_resume(tmp_path):
    data, runs = tmp_path / "data", tmp_path / "runs"
    _pairs(data)
    common = ["--run", "t", "--runs-dir", str(runs), "--data", str(data), "--crop", "64", "--batch", "1", "--threads", "2"]
    train.main(["--stage", "1", "--steps", "2", *common])
    train.main(["--stage", "2", "--steps", "1", *common])
    s2 = torch.load(runs / "t" / "stage2.pt")
    s1 = torch.load(runs / "t" / "stage1.pt")
    # stage 2 starts from the stage-1 encoders and keeps them frozen
    assert torch.equal(s2["model"]["enc_ir.shallow.weight"], s1["model"]["ae_ir.encoder.shallow.weight"])
    assert s2["step"] == 1
    train.main(["--stage", "2", "--resume", "--steps", "2", *common])
    assert torch.load(runs / "t" / "stage2.pt")["step"] == 2
    with open(runs / "t" / "stage2.csv") as f:
        rows = list(csv.DictReader(f))
    assert [r["step"] for r in rows] == ["1", "2"]


def test_stage2_with_cached_deep_features_trains_and_resumes(tmp_path):
    data, runs = tmp_path / "data", tmp_path / "runs"
    _pairs(data)
    common = ["--run", "c", "--runs-dir", str(runs), "--data", str(data), "--crop", "64", "--batch", "2", "--threads", "2"]
    train.main(["--stage", "1", "--steps", "1", *common])
    train.main(["--stage", "2", "--steps", "1", "--cache-deep", *common])
    s2 = torch.load(runs / "c" / "stage2.pt")
    assert s2["args"]["cache_deep"] is True and s2["step"] == 1
    train.main(["--stage", "2", "--resume", "--steps", "2", *common])
    with open(runs / "c" / "stage2.csv") as f:
        rows = list(csv.DictReader(f))
    assert [r["step"] for r in rows] == ["1", "2"] and all(float(r["loss"]) > 0 for r in rows)
