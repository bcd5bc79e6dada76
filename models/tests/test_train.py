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


def _tiny_run(tmp_path, run, batch=1):
    """Two random 70x80 pairs and the arguments every tiny run shares; returns (runs_dir, common_args)."""
    data, runs = tmp_path / "data", tmp_path / "runs"
    _pairs(data)
    return runs, ["--run", run, "--runs-dir", str(runs), "--data", str(data), "--crop", "64", "--batch", str(batch),
                  "--threads", "2"]


def test_both_stages_run_save_and_resume(tmp_path):
    runs, common = _tiny_run(tmp_path, "t")
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
    runs, common = _tiny_run(tmp_path, "c", batch=2)
    train.main(["--stage", "1", "--steps", "1", *common])
    train.main(["--stage", "2", "--steps", "1", "--cache-deep", *common])
    s2 = torch.load(runs / "c" / "stage2.pt")
    assert s2["args"]["cache_deep"] is True and s2["step"] == 1
    train.main(["--stage", "2", "--resume", "--steps", "2", *common])
    with open(runs / "c" / "stage2.csv") as f:
        rows = list(csv.DictReader(f))
    assert [r["step"] for r in rows] == ["1", "2"] and all(float(r["loss"]) > 0 for r in rows)


def test_device_choice_is_saved_and_old_checkpoints_without_it_resume(tmp_path):
    assert train.resolve_device("cpu").type == "cpu"
    assert train.resolve_device("auto").type == ("cuda" if torch.cuda.is_available() else "cpu")
    runs, common = _tiny_run(tmp_path, "d")
    train.main(["--stage", "1", "--steps", "1", "--device", "cpu", *common])
    ckpt = runs / "d" / "stage1.pt"
    state = torch.load(ckpt)
    assert state["args"]["device"] == "cpu"
    # checkpoints written before --device existed carry no such argument; resuming them must still work
    del state["args"]["device"]
    torch.save(state, ckpt)
    train.main(["--stage", "1", "--resume", "--steps", "2", *common])
    assert torch.load(ckpt)["step"] == 2


def test_slim_weights_export_like_the_full_checkpoint(tmp_path):
    from crossfuse import export
    runs, common = _tiny_run(tmp_path, "s")
    train.main(["--stage", "1", "--steps", "1", *common])
    train.main(["--stage", "2", "--steps", "1", "--slim-weights", *common])
    full, full_info = export.load_model(runs / "s" / "stage2.pt")
    slim, slim_info = export.load_model(runs / "s" / "stage2-weights.pt")
    assert slim_info == full_info and slim_info["step"] == 1
    assert (runs / "s" / "stage2-weights.pt").stat().st_size < 0.3 * (runs / "s" / "stage2.pt").stat().st_size
    ir, vis = torch.rand(1, 1, 64, 72), torch.rand(1, 1, 64, 72)
    with torch.no_grad():
        (a, _), (b, _) = full(ir, vis), slim(ir, vis)
    assert 0 < (a - b).abs().max().item() < 1e-2  # fp16-rounded weights: close, not identical


def test_time_budget_turns_the_measured_pace_into_a_plan(tmp_path):
    # 12 steps took 6 s since step 3: 0.5 s a step; 10 s of a 40 s budget spent leaves room for 60 more
    assert train.planned_steps(40.0, 10.0, 15, (3, 100.0), 106.0) == 75
    assert train.planned_steps(5.0, 9.0, 15, (3, 100.0), 106.0) == 15  # over budget: stop here
    runs, common = _tiny_run(tmp_path, "b")
    train.main(["--stage", "1", "--time-budget", "4", "--warmup", "5", *common])
    state = torch.load(runs / "b" / "stage1.pt")
    # the run planned itself after 10 timed steps and then ran exactly to its plan
    assert 11 <= state["step"] == state["summary"]["planned_steps"] < 10 ** 9
    with open(runs / "b" / "stage1.csv") as f:
        assert len(list(csv.DictReader(f))) == state["step"]


def test_init_from_takes_the_matching_weights_and_starts_a_new_head_fresh(tmp_path):
    runs, common = _tiny_run(tmp_path, "i")
    train.main(["--stage", "1", "--steps", "1", *common])
    train.main(["--stage", "2", "--steps", "1", *common])
    src = torch.load(runs / "i" / "stage2.pt")
    common[1] = "j"
    (runs / "j").mkdir()
    (runs / "j" / "stage1.pt").write_bytes((runs / "i" / "stage1.pt").read_bytes())
    train.main(["--stage", "2", "--steps", "1", "--lr", "0", "--warmup", "0", "--head", "blend", "--init-from",
                str(runs / "i" / "stage2.pt"), *common])
    dst = torch.load(runs / "j" / "stage2.pt")
    assert dst["config"]["head"] == "blend"
    # with a zero learning rate the step changes nothing: what was taken is the source's, the new head is zero
    for key in ("cam.self_ir.0.attn.q.weight", "decoder.c1.weight"):
        assert torch.equal(dst["model"][key], src["model"][key]), key
    assert dst["model"]["decoder.out.weight"].shape[0] == 2 and not dst["model"]["decoder.out.weight"].any()
