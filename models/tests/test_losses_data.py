import numpy as np
import pytest
import torch
from PIL import Image

from conftest import DATA_ROOT
from crossfuse.data import CropSampler, load_pairs
from crossfuse.losses import gradient, ssim, stage1_loss, stage2_loss


def test_ssim_of_an_image_with_itself_is_one_and_drops_with_noise():
    x = torch.rand(2, 1, 32, 32)
    assert ssim(x, x).item() == pytest.approx(1.0, abs=1e-5)
    assert ssim(x, (x + 0.3 * torch.randn_like(x)).clamp(0, 1)).item() < 0.9
    total, mse, s = stage1_loss(x, x)
    assert total.item() == pytest.approx(0.0, abs=0.1)


def test_stage2_targets_the_locally_brighter_source_and_the_stronger_gradient():
    ir = torch.zeros(1, 1, 32, 32)
    ir[..., 8:24, 8:24] = 1.0
    vis = torch.full((1, 1, 32, 32), 0.2)
    # a fused image equal to the bright/structured source meets both targets
    total, l_int, l_grad = stage2_loss(ir.clone(), ir, vis)
    assert l_grad.item() == pytest.approx(0.0, abs=1e-6)
    worse, _, _ = stage2_loss(vis.clone(), ir, vis)
    assert worse.item() > total.item()
    assert gradient(vis).abs().max().item() == pytest.approx(0.0, abs=1e-6)


def test_signed_gradient_loss_rejects_texture_that_only_matches_the_gradient_strength():
    # vertical stripes have the same gradient magnitude as the source's stripes shifted by one period half
    x = torch.arange(32.0)
    src = ((x // 4) % 2).expand(32, 32)[None, None].contiguous()
    shifted = (((x + 4) // 4) % 2).expand(32, 32)[None, None].contiguous()
    flat = torch.full_like(src, 0.5)
    mag = lambda f: stage2_loss(f, src, flat, grad_loss="magnitude")[2].item()
    signed = lambda f: stage2_loss(f, src, flat, grad_loss="signed")[2].item()
    assert mag(shifted) == pytest.approx(mag(src), abs=1e-6)  # the paper's form cannot tell them apart
    assert signed(src) == pytest.approx(0.0, abs=1e-6)
    assert signed(shifted) > 0.5
    with pytest.raises(ValueError):
        stage2_loss(src, src, flat, grad_loss="other")


def _write_pairs(root, n=3, size=(90, 70)):
    rng = np.random.default_rng(0)
    (root / "ir").mkdir(parents=True)
    (root / "vis").mkdir(parents=True)
    for i in range(n):
        Image.fromarray(rng.integers(0, 255, size[::-1], dtype=np.uint8)).save(root / "ir" / f"p{i}.png")
        Image.fromarray(rng.integers(0, 255, (*size[::-1], 3), dtype=np.uint8)).save(root / "vis" / f"p{i}.png")


def test_sampler_gives_aligned_crops_and_upscales_small_pairs(tmp_path):
    _write_pairs(tmp_path)
    pairs = load_pairs(tmp_path, min_side=96)
    assert all(min(ir.shape) >= 96 and ir.shape == vis.shape for ir, vis in pairs)
    ir, vis = CropSampler(pairs, 96, 3, seed=1).sample()
    assert ir.shape == vis.shape == (3, 1, 96, 96)
    assert 0.0 <= ir.min() and ir.max() <= 1.0


def test_same_pair_crop_is_taken_from_both_sources(tmp_path):
    img = np.arange(80 * 80, dtype=np.uint32).reshape(80, 80) % 251
    pairs = [(img.astype(np.uint8), img.astype(np.uint8))]
    ir, vis = CropSampler(pairs, 32, 4, seed=3).sample()
    assert torch.equal(ir, vis)


@pytest.mark.skipif(not (DATA_ROOT / "ir-vis" / "roadscene" / "ir").is_dir(), reason="shared data not present")
def test_roadscene_has_221_same_size_pairs():
    root = DATA_ROOT / "ir-vis" / "roadscene"
    names = sorted(p.name for p in (root / "ir").iterdir())
    assert len(names) == 221
    for name in names[:10]:
        assert Image.open(root / "ir" / name).size == Image.open(root / "vis" / name).size


def test_max_loss_is_smallest_for_the_per_pixel_maximum():
    from crossfuse.losses import max_loss

    g = torch.Generator().manual_seed(0)
    ir, vis = torch.rand(2, 1, 48, 48, generator=g), torch.rand(2, 1, 48, 48, generator=g)
    at_max = max_loss(torch.maximum(ir, vis), ir, vis)
    assert at_max[1].item() == pytest.approx(0.0, abs=1e-7)
    for other in ((ir + vis) / 2, ir, vis):
        assert max_loss(other, ir, vis)[1].item() > 0.05
    with_ssim, without = max_loss(ir, ir, vis, ssim_weight=1.0), max_loss(ir, ir, vis, ssim_weight=0.0)
    assert with_ssim[0].item() > without[0].item()


def test_validation_split_is_fixed_disjoint_and_every_tenth(tmp_path):
    from crossfuse.datasets import split_names, write_validation

    _write_pairs(tmp_path / "a", n=23)
    train, val = split_names(tmp_path / "a", 10)
    assert val == ["p0.png", "p18.png", "p7.png"]  # every tenth in string order: p0, p1, p10, ..., p18, p19, p2, ...

    assert not set(train) & set(val) and len(train) + len(val) == 23
    assert split_names(tmp_path / "a", 10) == (train, val)
    assert split_names(tmp_path / "a", 0) == (sorted(train + val), [])
    assert write_validation([tmp_path / "a"], tmp_path / "val", 10) == 3
    assert sorted(p.name for p in (tmp_path / "val" / "ir").iterdir()) == ["IR1.png", "IR2.png", "IR3.png"]


def test_tensor_sampler_crops_resizes_and_draws_from_every_set(tmp_path):
    from crossfuse.datasets import TensorSampler

    img = (np.arange(90 * 70, dtype=np.uint32).reshape(70, 90) % 251).astype(np.uint8)
    small = np.full((40, 40), 200, np.uint8)
    crop = TensorSampler([[(img, img)], [(small, small)]], 48, 16, "crop", seed=0)
    ir, vis = crop.sample()
    assert ir.shape == vis.shape == (16, 1, 48, 48) and torch.equal(ir, vis)
    flat = (ir.flatten(1).std(1) == 0)
    assert 0 < flat.sum().item() < 16  # both sets drawn (the small flat one scaled up to fit a crop)
    resized = TensorSampler([[(img, img)]], 32, 2, "resize", seed=0).sample()[0]
    assert resized.shape == (2, 1, 32, 32)
    again = TensorSampler([[(img, img)], [(small, small)]], 48, 16, "crop", seed=0).sample()[0]
    assert torch.equal(again, ir)
