import pytest
import torch
import torch.nn.functional as F

from crossfuse.model import (Attention, CrossFuse, CrossFuseConfig, count_params, gradient_aware_weight, pad_to_multiple,
                             window_partition, window_reverse)


@pytest.mark.parametrize("h,w", [(64, 64), (67, 93), (65, 129), (200, 300), (129, 64)])
def test_output_shapes_and_range_at_odd_and_small_sizes(tiny_cfg, h, w):
    torch.manual_seed(0)
    model = CrossFuse(tiny_cfg).eval()
    with torch.no_grad():
        fused, raw = model(torch.rand(1, 1, h, w), torch.rand(1, 1, h, w))
    assert fused.shape == raw.shape == (1, 1, h, w)
    assert torch.isfinite(raw).all()
    assert torch.equal(fused, raw.clamp(0, 1))  # the default output mapping


def test_minmax_output_stretches_each_image(tiny_cfg):
    torch.manual_seed(0)
    tiny_cfg.output = "minmax"
    model = CrossFuse(tiny_cfg).eval()
    with torch.no_grad():
        fused, raw = model(torch.rand(1, 1, 67, 93), torch.rand(1, 1, 67, 93))
    assert fused.min().item() == pytest.approx(0.0, abs=1e-6)
    assert fused.max().item() == pytest.approx(1.0, abs=1e-5)


def test_flat_inputs_give_a_flat_output_under_the_default_mapping(tiny_cfg):
    # Regression (1.2.0): two constant inputs gave a full-contrast 16-pixel checkerboard, because the per-image
    # min-max stretch blew the decoder's tiny window-periodic ripple up to 0..1.
    torch.manual_seed(0)
    model = CrossFuse(tiny_cfg).eval()
    flat = torch.full((1, 1, 64, 64), 0.4)
    with torch.no_grad():
        fused, raw = model(flat, flat)
    ripple = (raw.max() - raw.min()).item()
    assert (fused.max() - fused.min()).item() <= ripple + 1e-7


def test_without_activations_the_shallow_features_keep_negative_responses(tiny_cfg):
    # The authors' encoders have no ReLU: an edge of either polarity reaches the skips. With ReLU half of the
    # shallow responses were cut to zero.
    torch.manual_seed(0)
    x = torch.rand(1, 1, 32, 32)
    none = CrossFuse(tiny_cfg).enc_ir(x)[0]
    tiny_cfg.activation = "relu"
    relu = CrossFuse(tiny_cfg).enc_ir(x)[0]
    assert (none < 0).float().mean().item() > 0.2
    assert (relu < 0).sum().item() == 0


def test_per_channel_skip_weights_follow_each_channel():
    from crossfuse.model import gradient_aware_weight_per_channel

    # The authors' form: channel c's activity is |x_c - 3x3 box mean of the channel sum|. One infrared channel
    # with a strong response at one pixel takes that channel to infrared there; the other channels move less.
    sh_ir = torch.zeros(1, 4, 16, 16)
    sh_vis = torch.full((1, 4, 16, 16), 0.1)
    sh_ir[:, 2, 8, 8] = 5.0
    w = gradient_aware_weight_per_channel(sh_ir, sh_vis, smooth=1)
    assert w.shape == sh_ir.shape
    assert w[0, 2, 8, 8].item() > 0.9
    assert w[0, 0, 8, 8].item() < w[0, 2, 8, 8].item() - 0.2
    assert 0.0 <= w.min().item() and w.max().item() <= 1.0


def test_full_size_config_matches_the_architecture_note():
    model = CrossFuse(CrossFuseConfig()).eval()
    assert count_params(model.enc_ir) == pytest.approx(1.13e6, rel=0.01)
    assert count_params(model.cam) == pytest.approx(18.9e6, rel=0.01)
    assert count_params(model) == pytest.approx(21.3e6, rel=0.01)
    with torch.no_grad():
        fused, raw = model(torch.rand(1, 1, 67, 93), torch.rand(1, 1, 67, 93))
    assert fused.shape == (1, 1, 67, 93)


def test_window_partition_is_inverted_by_window_reverse():
    x = torch.randn(2, 16, 8, 12)
    tokens = window_partition(x, 4, 2)
    assert tokens.shape == (2 * 2 * 3, 4, 16 * 4)
    assert torch.equal(window_reverse(tokens, 2, 16, 8, 12, 4, 2), x)


def test_a_token_is_one_patch_of_one_window():
    x = torch.randn(1, 3, 8, 8)
    tokens = window_partition(x, 4, 2)
    # window (0, 1) covers columns 4..7; its token (1, 0) is the patch at rows 2..3, columns 4..5
    patch = x[0, :, 2:4, 4:6].reshape(-1)
    assert torch.equal(tokens[1, 2], patch)


def test_cross_attention_uses_softmax_of_negated_scaled_scores():
    torch.manual_seed(0)
    attn = Attention(8, 2, negate=True).eval()
    xq, xkv = torch.randn(3, 5, 8), torch.randn(3, 5, 8)
    q = attn.q(xq).reshape(3, 5, 2, 4).transpose(1, 2)
    k, v = attn.kv(xkv).reshape(3, 5, 2, 2, 4).permute(2, 0, 3, 1, 4)
    weights = torch.softmax(-(q @ k.transpose(-2, -1)) / 4 ** 0.5, -1)
    expected = attn.proj((weights @ v).transpose(1, 2).reshape(3, 5, 8))
    assert torch.allclose(attn(xq, xkv), expected, atol=1e-6)


def test_negated_attention_favours_the_least_similar_key():
    attn = Attention(2, 1, negate=True)
    with torch.no_grad():
        for lin in (attn.q, attn.proj):
            lin.weight.copy_(torch.eye(2))
            lin.bias.zero_()
        attn.kv.weight.copy_(torch.cat([torch.eye(2), torch.eye(2)]))
        attn.kv.bias.zero_()
    keys = torch.tensor([[[1.0, 0.0], [-1.0, 0.0]]])
    out = attn(torch.tensor([[[3.0, 0.0], [3.0, 0.0]]]), keys)
    # the query points along +x; the negated softmax puts almost all weight on the opposite key
    assert out[0, 0, 0].item() < -0.9


@pytest.mark.parametrize("h,w,m", [(67, 93, 8), (8, 8, 32), (5, 3, 32), (64, 64, 8)])
def test_padding_reflects_then_replicates(h, w, m):
    x = torch.randn(1, 2, h, w)
    y = pad_to_multiple(x, m)
    ht, wt = -(-h // m) * m, -(-w // m) * m
    assert y.shape == (1, 2, ht, wt)
    assert torch.equal(y[..., :h, :w], x)
    ph, pw = min(ht - h, h - 1), min(wt - w, w - 1)
    ref = F.pad(F.pad(x, (0, pw, 0, ph), mode="reflect"), (0, wt - w - pw, 0, ht - h - ph), mode="replicate")
    assert torch.equal(y, ref)


def test_every_stage2_parameter_gets_a_gradient_after_the_first_step(tiny_cfg):
    # Regression: a zero-initialised BN gain *and bias* before a ReLU blocked every gradient to the deep path
    # and the cross-attention module for good, so they never trained. (The CAM's zero LayerNorm gains only
    # silence it for the first step, ReZero-style; after one update everything must learn.)
    from crossfuse.losses import stage2_loss

    torch.manual_seed(0)
    model = CrossFuse(tiny_cfg)
    params = list(model.cam.parameters()) + list(model.decoder.parameters())
    opt = torch.optim.Adam(params, lr=1e-3)
    ir, vis = torch.rand(2, 1, 32, 32), torch.rand(2, 1, 32, 32)
    with torch.no_grad():
        (sh_ir, deep_ir), (sh_vis, deep_vis) = model.encode(ir, vis)
    for _ in range(2):
        opt.zero_grad()
        stage2_loss(model.fuse_features(sh_ir, deep_ir, sh_vis, deep_vis), ir, vis)[0].backward()
        opt.step()
    for name, p in list(model.cam.named_parameters()) + list(model.decoder.named_parameters()):
        assert p.grad is not None and p.grad.abs().sum() > 0, name


def _two_textures(h=64, w=64, seed=0):
    """Shallow-like features of two sources, both with independent noise texture everywhere: infrared's is
    three times stronger on the left half, visible's three times stronger on the right."""
    g = torch.Generator().manual_seed(seed)
    left = torch.zeros(1, 1, h, w)
    left[..., : w // 2] = 1.0
    strength_ir, strength_vis = 1 + 2 * left, 3 - 2 * left
    return (0.5 + strength_ir * 0.1 * torch.rand(1, 4, h, w, generator=g),
            0.5 + strength_vis * 0.1 * torch.rand(1, 4, h, w, generator=g))


def test_smoothed_skip_weights_are_locally_steady_and_still_follow_the_stronger_texture():
    sh_ir, sh_vis = _two_textures()
    raw = gradient_aware_weight(sh_ir, sh_vis, smooth=1)
    smooth = gradient_aware_weight(sh_ir, sh_vis, smooth=7)
    jump = lambda w: (w[..., 1:] - w[..., :-1]).abs()[..., 8:-8, 4:24].mean().item()  # inside the left half
    # The per-pixel ratio jumps from pixel to pixel where both sources have texture (that noise multiplies
    # the skips) ...
    assert jump(raw) > 0.1
    assert jump(smooth) < 0.3 * jump(raw)
    # ... and smoothing keeps the decision: mostly infrared on the left, mostly visible on the right.
    assert smooth[..., 8:-8, 4:24].min().item() > 0.6
    assert smooth[..., 8:-8, 40:60].max().item() < 0.4


def test_an_old_checkpoint_config_rebuilds_the_network_it_was_trained_as():
    old = {k: v for k, v in CrossFuseConfig().to_dict().items() if k not in ("upsample", "skip_smooth")}
    cfg = CrossFuseConfig.from_dict(old)
    assert (cfg.upsample, cfg.skip_smooth) == ("nearest", 1)
    assert CrossFuseConfig.from_dict(CrossFuseConfig().to_dict()) == CrossFuseConfig()
    assert "LEGACY" not in CrossFuseConfig().to_dict()
    older = CrossFuseConfig.from_dict({k: v for k, v in old.items() if k not in ("head", "blend_gain")})
    assert (older.head, older.blend_gain) == ("image", 1.0)


@pytest.mark.parametrize("head", ["blend", "blend-sources"])
def test_blend_head_starts_as_the_plain_average_and_takes_source_pixels(tiny_cfg, head):
    torch.manual_seed(0)
    tiny_cfg.head = head
    model = CrossFuse(tiny_cfg).eval()
    ir, vis = torch.rand(1, 1, 67, 93), torch.rand(1, 1, 67, 93)
    with torch.no_grad():
        _, raw = model(ir, vis)
        assert torch.allclose(raw, (ir + vis) / 2, atol=1e-6)
        # a saturated weight logit and no residual give the infrared pixels themselves
        model.decoder.out.bias.copy_(torch.tensor([30.0, 0.0]))
        _, raw = model(ir, vis)
    assert torch.allclose(raw, ir, atol=1e-6)


@pytest.mark.parametrize("head", ["blend", "blend-sources"])
def test_blend_head_trains_the_decoder_and_the_cam_through_its_zero_start(tiny_cfg, head):
    from crossfuse.losses import max_loss

    torch.manual_seed(0)
    tiny_cfg.head = head
    model = CrossFuse(tiny_cfg)
    opt = torch.optim.Adam(list(model.cam.parameters()) + list(model.decoder.parameters()), lr=1e-3)
    ir, vis = torch.rand(2, 1, 32, 32), torch.rand(2, 1, 32, 32)
    with torch.no_grad():
        (sh_ir, deep_ir), (sh_vis, deep_vis) = model.encode(ir, vis)
    for _ in range(3):
        opt.zero_grad()
        max_loss(model.fuse_features(sh_ir, deep_ir, sh_vis, deep_vis, ir, vis), ir, vis)[0].backward()
        opt.step()
    for name, p in list(model.cam.named_parameters()) + list(model.decoder.named_parameters()):
        assert p.grad is not None and p.grad.abs().sum() > 0, name
