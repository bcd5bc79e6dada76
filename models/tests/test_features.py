import numpy as np
import torch

from crossfuse.features import DeepFeatureSampler
from crossfuse.model import Encoder, pad_to_multiple


def _encode(encoder, grey):
    with torch.no_grad():
        return encoder(pad_to_multiple(torch.from_numpy(grey.astype(np.float32) / 255)[None, None], 8))[1][0]


def test_cached_deep_features_are_the_crop_of_the_whole_image_features(tiny_cfg):
    torch.manual_seed(0)
    enc_ir, enc_vis = Encoder(tiny_cfg).eval(), Encoder(tiny_cfg).eval()
    rng = np.random.default_rng(0)
    ir = rng.integers(0, 255, (75, 90), dtype=np.uint8)
    vis = rng.integers(0, 255, (75, 90), dtype=np.uint8)
    sampler = DeepFeatureSampler([(ir, vis)], enc_ir, enc_vis, crop=32, batch=8, seed=5, log=lambda _: None)
    full = {False: (_encode(enc_ir, ir), _encode(enc_vis, vis)),
            True: (_encode(enc_ir, ir[:, ::-1].copy()), _encode(enc_vis, vis[:, ::-1].copy()))}
    c_ir, c_vis, d_ir, d_vis = sampler.sample()
    assert c_ir.shape == (8, 1, 32, 32) and d_ir.shape == (8, tiny_cfg.deep_ch, 4, 4)
    for k in range(8):
        # find where this crop came from (8-aligned position, flip variant) and compare its deep features
        found = False
        for flip, (f_ir, f_vis) in full.items():
            src = ir[:, ::-1] if flip else ir
            for top in range(0, 75 - 32 + 1, 8):
                for left in range(0, 90 - 32 + 1, 8):
                    if np.array_equal((c_ir[k, 0].numpy() * 255).round().astype(np.uint8), src[top:top + 32, left:left + 32]):
                        want_ir = f_ir[:, top // 8:top // 8 + 4, left // 8:left // 8 + 4]
                        want_vis = f_vis[:, top // 8:top // 8 + 4, left // 8:left // 8 + 4]
                        # fp16 storage of the cache
                        assert torch.allclose(d_ir[k], want_ir, atol=2e-3, rtol=2e-3)
                        assert torch.allclose(d_vis[k], want_vis, atol=2e-3, rtol=2e-3)
                        found = True
        assert found, f"crop {k} is not an 8-aligned crop of the image or its mirror"


def test_feature_cache_is_reused_only_for_the_same_key(tiny_cfg, tmp_path, monkeypatch):
    import crossfuse.features as features

    enc = Encoder(tiny_cfg).eval()
    img = np.random.default_rng(1).integers(0, 255, (40, 48), dtype=np.uint8)
    calls = []
    real = features._deep
    monkeypatch.setattr(features, "_deep", lambda e, g: calls.append(1) or real(e, g))
    cache = tmp_path / "deep.pt"
    first = DeepFeatureSampler([(img, img)], enc, enc, 32, 2, cache_file=cache, cache_key={"s1": 5}, log=lambda _: None)
    assert len(calls) == 4 and cache.exists()  # 2 flip variants x 2 modalities
    again = DeepFeatureSampler([(img, img)], enc, enc, 32, 2, cache_file=cache, cache_key={"s1": 5}, log=lambda _: None)
    assert len(calls) == 4
    assert all(torch.equal(a[2], b[2]) for a, b in zip(first.items, again.items))
    DeepFeatureSampler([(img, img)], enc, enc, 32, 2, cache_file=cache, cache_key={"s1": 6}, log=lambda _: None)
    assert len(calls) == 8
