"""CrossFuse network (Li & Wu, Information Fusion 2024), written from the project's architecture note.

All size arithmetic inside `forward` runs on values taken from tensor shapes, never through Python
`int()`/`math`: under ONNX tracing those values are graph tensors, so the exported graph stays valid for
every input size (a Python int would freeze the trace-time size into the graph).
"""
from dataclasses import dataclass, asdict

import torch
import torch.nn as nn
import torch.nn.functional as F


@dataclass
class CrossFuseConfig:
    shallow_ch: int = 32
    growth: int = 64
    dense_layers: int = 3
    deep_ch: int = 128
    window: int = 32  # deep-feature cells per attention window side (= 256 image pixels)
    patch: int = 2  # deep-feature cells per token side; token dim = deep_ch * patch**2
    heads: int = 16
    mlp_ratio: int = 4
    ir_skip_weight: float = 0.5  # the authors halve the infrared shallow skip
    # The paper and the note up-sample with nearest neighbours; after a short schedule that left an 8-pixel
    # block grid from the 1/8-resolution deep path in every output (model 1.0.0), so 1.1.0 uses bilinear.
    upsample: str = "bilinear"
    # Side of the box that averages the shallow features' local activity before the gradient-aware skip
    # weights are taken as a ratio. The per-pixel ratio (1, the note's form, 1.1.0) jumps by ~0.2 between
    # neighbouring pixels on RoadScene and modulates the skips with that noise; the decoder of 1.1.0 answered
    # by leaning on its blurry deep path (soft outputs, a gradient loss worse than the infrared image's).
    skip_smooth: int = 7
    # "none": the authors' network, plain convs (conv + BN in the fusion decoder) with no activation; the only
    # non-linearities are max-pooling and the attention blocks. "relu": a ReLU after every conv (1.0.0-1.2.0);
    # it drops every negative response of the shallow features that the skips carry to the output.
    activation: str = "none"
    # "per_channel": the authors' gradient-aware skip weights, one map per shallow channel c,
    # g_c = |x_c - box3(sum over channels)|; "summed": one map from the channel sums (1.0.0-1.2.0).
    skip_weights: str = "per_channel"
    # What the `fused` output is: "clamp" (the raw output clamped to 0..1; the model is trained on its raw
    # output, which then stays within the sources' range, and a flat input stays flat) or "minmax" (per-image
    # min-max stretch of the raw output, 1.0.0-1.2.0; it turns a near-constant output into full-contrast noise).
    output: str = "clamp"
    # What the decoder's last 1x1 conv predicts. "image": the fused intensities themselves (1.0.0-1.3.0).
    # "blend": a per-pixel weight logit a and a residual r, fused = sigmoid(a) * ir + (1 - sigmoid(a)) * vis + r:
    # where the loss wants one source's content the output can take that source's own pixels, instead of
    # re-synthesising them through the 1/8-resolution deep path (1.3.0's outputs were soft and lost the
    # sources' local contrast; the per-pixel maximum beats it on MI, VIF and Qabf).
    # "blend-sources": the same blend, but the head that predicts (a, r) also sees the two source images, through
    # one 3x3 conv + GELU: in "blend" the 1x1 head sees only the decoder's features, where the skips have
    # already merged both sources into one weighted sum, so which source is brighter *here* is gone; after
    # 1,000 steps its weight map was nearly constant per image (std 0.02-0.05): a global mix plus an offset.
    head: str = "image"
    # The blend heads' weight logit is the head's output times this gain. At gain 1 a decisive weight needs
    # logits of +-5, i.e. head weights far from their zero start, which Adam's ~lr-sized steps take thousands of
    # steps to reach: both blend heads still had near-constant weight maps after 200-1,000 steps.
    blend_gain: float = 1.0

    # Fields added after a checkpoint was written take these values when it is loaded, so that an old
    # checkpoint rebuilds the network it was trained as.
    LEGACY = {"upsample": "nearest", "skip_smooth": 1, "activation": "relu", "skip_weights": "summed", "output": "minmax", "head": "image"}

    @classmethod
    def from_dict(cls, d):
        return cls(**{**cls.LEGACY, **d})

    @property
    def token_dim(self):
        return self.deep_ch * self.patch * self.patch

    def to_dict(self):
        return asdict(self)


def reflect_index(size, target, device):
    """Indices 0..target-1 into a dimension of length `size`: identity, then reflection, then the
    first element repeated once reflection runs out (reflection alone cannot pad more than size-1)."""
    idx = torch.arange(target, device=device)
    mirrored = torch.clamp(2 * (size - 1) - idx, min=0)
    return torch.where(idx < size, idx, mirrored)


def pad_to_multiple(x, m):
    """Pad the last two dims of x at the bottom/right up to a multiple of m (reflect, then replicate)."""
    h, w = x.shape[-2], x.shape[-1]
    ht = (h + m - 1) // m * m
    wt = (w + m - 1) // m * m
    x = x.index_select(-2, reflect_index(h, ht, x.device))
    return x.index_select(-1, reflect_index(w, wt, x.device))


def box_mean3(x):
    return box_mean(x, 3)


def box_mean(x, k):
    return F.avg_pool2d(F.pad(x, (k // 2,) * 4, mode="replicate"), k, stride=1)


def up2(x, mode):
    if mode == "nearest":
        return F.interpolate(x, scale_factor=2.0, mode="nearest")
    return F.interpolate(x, scale_factor=2.0, mode=mode, align_corners=False)


def act(x, kind):
    return F.relu(x) if kind == "relu" else x


def conv3(cin, cout):
    return nn.Conv2d(cin, cout, 3, padding=1, padding_mode="reflect")


class DenseBlock(nn.Module):
    def __init__(self, cin, growth, layers, cout, activation="relu"):
        super().__init__()
        self.activation = activation
        self.layers = nn.ModuleList(conv3(cin + i * growth, growth) for i in range(layers))
        self.adjust = conv3(cin + layers * growth, cout)

    def forward(self, x):
        for layer in self.layers:
            x = torch.cat([x, act(layer(x), self.activation)], 1)
        return act(self.adjust(x), self.activation)


class Encoder(nn.Module):
    """Returns (shallow features at full resolution, deep features at 1/8). Input H, W must be multiples of 8."""

    def __init__(self, cfg):
        super().__init__()
        self.activation = cfg.activation
        self.shallow = conv3(1, cfg.shallow_ch)
        self.dense1 = DenseBlock(cfg.shallow_ch, cfg.growth, cfg.dense_layers, cfg.deep_ch, cfg.activation)
        self.dense2 = DenseBlock(cfg.deep_ch, cfg.growth, cfg.dense_layers, cfg.deep_ch, cfg.activation)

    def forward(self, x):
        shallow = act(self.shallow(x), self.activation)
        x = self.dense1(F.max_pool2d(shallow, 2))
        x = self.dense2(F.max_pool2d(x, 2))
        return shallow, F.max_pool2d(x, 2)


class ReconDecoder(nn.Module):
    """Stage-1 decoder: deep features + shallow skip back to the image."""

    def __init__(self, cfg):
        super().__init__()
        self.mode = cfg.upsample
        self.activation = cfg.activation
        self.c1 = conv3(cfg.deep_ch, 64)
        self.c2 = conv3(64, 64)
        self.c3 = conv3(64, cfg.shallow_ch)
        self.out = nn.Conv2d(cfg.shallow_ch, 1, 1)

    def forward(self, shallow, deep):
        a = self.activation
        x = up2(act(self.c1(deep), a), self.mode)
        x = up2(act(self.c2(x), a), self.mode)
        x = up2(act(self.c3(x), a), self.mode)
        return self.out(x + shallow)


class AutoEncoder(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.encoder = Encoder(cfg)
        self.decoder = ReconDecoder(cfg)

    def forward(self, x):
        return self.decoder(*self.encoder(x))


class Attention(nn.Module):
    """Multi-head attention; `negate` gives softmax(-(QK^T)/sqrt(d)), CrossFuse's cross attention."""

    def __init__(self, dim, heads, negate=False):
        super().__init__()
        self.heads = heads
        self.scale = (dim // heads) ** -0.5
        self.negate = negate
        self.q = nn.Linear(dim, dim)
        self.kv = nn.Linear(dim, 2 * dim)
        self.proj = nn.Linear(dim, dim)

    def forward(self, xq, xkv):
        b, n, c = xq.shape
        q = self.q(xq).reshape(b, n, self.heads, c // self.heads).transpose(1, 2)
        kv = self.kv(xkv).reshape(b, n, 2, self.heads, c // self.heads).permute(2, 0, 3, 1, 4)
        scores = torch.matmul(q, kv[0].transpose(-2, -1)) * self.scale
        if self.negate:
            scores = -scores
        out = torch.matmul(scores.softmax(-1), kv[1])
        return self.proj(out.transpose(1, 2).reshape(b, n, c))


class Mlp(nn.Module):
    def __init__(self, dim, ratio):
        super().__init__()
        self.fc1 = nn.Linear(dim, dim * ratio)
        self.fc2 = nn.Linear(dim * ratio, dim)

    def forward(self, x):
        return self.fc2(F.gelu(self.fc1(x)))


class SelfBlock(nn.Module):
    """Pre-norm transformer block. No positional encoding, so the authors' 'shifted' roll of the second
    block only permutes tokens and is omitted."""

    def __init__(self, dim, heads, mlp_ratio):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim)
        self.attn = Attention(dim, heads)
        self.norm2 = nn.LayerNorm(dim)
        self.mlp = Mlp(dim, mlp_ratio)

    def forward(self, x):
        y = self.norm1(x)
        x = x + self.attn(y, y)
        return x + self.mlp(self.norm2(x))


class CrossBlock(nn.Module):
    """Queries from x, keys/values and the residual from `other`, negated softmax, final LayerNorm."""

    def __init__(self, dim, heads, mlp_ratio):
        super().__init__()
        self.norm_q = nn.LayerNorm(dim)
        self.norm_kv = nn.LayerNorm(dim)
        self.attn = Attention(dim, heads, negate=True)
        self.norm2 = nn.LayerNorm(dim)
        self.mlp = Mlp(dim, mlp_ratio)
        self.norm_out = nn.LayerNorm(dim)

    def forward(self, x, other):
        x = other + self.attn(self.norm_q(x), self.norm_kv(other))
        x = x + self.mlp(self.norm2(x))
        return self.norm_out(x)


def window_partition(x, window, patch):
    """[B, C, H, W] (H, W multiples of window) -> [B*nWin, (window/patch)^2, C*patch^2], one reshape/permute."""
    b, c, h, w = x.shape
    g = window // patch
    x = x.reshape(b, c, h // window, g, patch, w // window, g, patch)
    x = x.permute(0, 2, 5, 3, 6, 1, 4, 7)
    return x.reshape(-1, g * g, c * patch * patch)


def window_reverse(t, b, c, h, w, window, patch):
    g = window // patch
    t = t.reshape(b, h // window, w // window, g, g, c, patch, patch)
    t = t.permute(0, 5, 1, 3, 6, 2, 4, 7)
    return t.reshape(b, c, h, w)


class CrossAttentionModule(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        dim = cfg.token_dim
        self.self_ir = nn.ModuleList(SelfBlock(dim, cfg.heads, cfg.mlp_ratio) for _ in range(2))
        self.self_vis = nn.ModuleList(SelfBlock(dim, cfg.heads, cfg.mlp_ratio) for _ in range(2))
        self.cross_ir = CrossBlock(dim, cfg.heads, cfg.mlp_ratio)
        self.cross_vis = CrossBlock(dim, cfg.heads, cfg.mlp_ratio)
        # Start with a silent CAM (zero LayerNorm gain, as in ReZero): an untrained CAM adds a strong 16-pixel
        # patch texture that the decoder first has to unlearn, which a short CPU schedule cannot afford.
        for norm in (self.cross_ir.norm_out, self.cross_vis.norm_out):
            nn.init.zeros_(norm.weight)

    def forward(self, t_ir, t_vis):
        for blk in self.self_ir:
            t_ir = blk(t_ir)
        for blk in self.self_vis:
            t_vis = blk(t_vis)
        return self.cross_ir(t_ir, t_vis) + self.cross_vis(t_vis, t_ir)


def gradient_aware_weight_per_channel(sh_ir, sh_vis, smooth, eps=1e-6):
    """Infrared share of each shallow channel, as the authors weight the skips: the activity of channel c is
    |x_c - 3x3 box mean of the channel sum| (how far the channel stands out of its local context), each map
    optionally averaged over a smooth x smooth box."""
    g_ir = torch.abs(sh_ir - box_mean3(sh_ir.sum(1, keepdim=True)))
    g_vis = torch.abs(sh_vis - box_mean3(sh_vis.sum(1, keepdim=True)))
    if smooth > 1:
        g_ir, g_vis = box_mean(g_ir, smooth), box_mean(g_vis, smooth)
    return g_ir / (g_ir + g_vis + eps)


def gradient_aware_weight(sh_ir, sh_vis, smooth, eps=1e-6):
    """Infrared share of the shallow skips: ratio of the local activity |s - 3x3 box mean| of the
    channel-summed shallow features, each activity first averaged over a smooth x smooth box (1: none)."""
    s_ir = sh_ir.sum(1, keepdim=True)
    s_vis = sh_vis.sum(1, keepdim=True)
    g_ir = torch.abs(s_ir - box_mean3(s_ir))
    g_vis = torch.abs(s_vis - box_mean3(s_vis))
    if smooth > 1:
        g_ir, g_vis = box_mean(g_ir, smooth), box_mean(g_vis, smooth)
    return g_ir / (g_ir + g_vis + eps)


class FusionDecoder(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.ir_skip_weight = cfg.ir_skip_weight
        self.mode = cfg.upsample
        self.skip_smooth = cfg.skip_smooth
        self.activation = cfg.activation
        self.skip_weights = cfg.skip_weights
        self.c1 = conv3(cfg.deep_ch, 64)
        self.b1 = nn.BatchNorm2d(64)
        self.c2 = conv3(64, 64)
        self.b2 = nn.BatchNorm2d(64)
        self.c3 = conv3(64, 32)
        self.b3 = nn.BatchNorm2d(32)
        self.c4 = conv3(32, cfg.shallow_ch)
        self.b4 = nn.BatchNorm2d(cfg.shallow_ch)
        self.head = cfg.head
        self.blend_gain = cfg.blend_gain
        if cfg.head == "blend-sources":
            self.head_conv = conv3(cfg.shallow_ch + 2, 16)
        head_in = 16 if cfg.head == "blend-sources" else cfg.shallow_ch
        self.out = nn.Conv2d(head_in, 1 if cfg.head == "image" else 2, 1)
        if cfg.head != "image":
            # starts as the plain average (weight logit 0, residual 0); the conv's own gradient is non-zero
            # from the first step, so the decoder behind it trains too
            nn.init.zeros_(self.out.weight)
            nn.init.zeros_(self.out.bias)
        # The deep path starts quiet (a small gain in its last BN) so the output begins mostly as a readout of
        # the full-resolution shallow skips; started at full gain, a short run settled on the blurry
        # 1/8-resolution deep path. Not zero: with zero gain and zero bias the ReLU after this BN sees exactly
        # 0, passes no gradient, and the deep path and the whole cross-attention module never train (a fresh
        # run from that initialisation still had both exactly zero after 81 steps).
        nn.init.constant_(self.b4.weight, 0.1)

    def forward(self, cam, deep_ir, deep_vis, sh_ir, sh_vis, ir=None, vis=None):
        eps = 1e-6
        if self.activation == "relu":
            m_ir = box_mean3(deep_ir.sum(1, keepdim=True))
            m_vis = box_mean3(deep_vis.sum(1, keepdim=True))
        else:
            # without ReLU the features are signed and a ratio of signed sums is unbounded (its denominator
            # crosses zero): take the ratio of the local mean magnitudes instead
            m_ir = box_mean3(deep_ir.abs().sum(1, keepdim=True))
            m_vis = box_mean3(deep_vis.abs().sum(1, keepdim=True))
        w_ir = (m_ir / (m_ir + m_vis + eps)).detach()
        x = cam + w_ir * deep_ir + (1 - w_ir) * deep_vis
        a = self.activation
        x = act(self.b1(self.c1(x)), a)
        x = up2(x, self.mode)
        x = act(self.b2(self.c2(x)), a)
        x = up2(x, self.mode)
        x = act(self.b3(self.c3(x)), a)
        x = up2(x, self.mode)
        x = act(self.b4(self.c4(x)), a)
        weight = gradient_aware_weight_per_channel if self.skip_weights == "per_channel" else gradient_aware_weight
        # the authors detach both weight maps: they steer the skips, they are not trained through
        gw_ir = weight(sh_ir.detach(), sh_vis.detach(), self.skip_smooth).detach()
        x = x + self.ir_skip_weight * gw_ir * sh_ir + (1 - gw_ir) * sh_vis
        if self.head == "blend-sources":
            x = F.gelu(self.head_conv(torch.cat([x, ir, vis], 1)))
        y = self.out(x)
        if self.head == "image":
            return y
        w = torch.sigmoid(self.blend_gain * y[:, :1])
        return w * ir + (1 - w) * vis + y[:, 1:]


class CrossFuse(nn.Module):
    """(ir, vis) [B,1,H,W] in 0..1 -> (fused min-max normalised per image, fused_raw)."""

    def __init__(self, cfg=None):
        super().__init__()
        self.cfg = cfg or CrossFuseConfig()
        self.enc_ir = Encoder(self.cfg)
        self.enc_vis = Encoder(self.cfg)
        self.cam = CrossAttentionModule(self.cfg)
        self.decoder = FusionDecoder(self.cfg)

    def encode(self, ir, vis):
        return self.enc_ir(ir), self.enc_vis(vis)

    def fuse_features(self, sh_ir, deep_ir, sh_vis, deep_vis, ir=None, vis=None):
        """Features of 8-aligned inputs (and, for the blend head, the 8-aligned images) -> raw fused image at
        that padded size."""
        cfg = self.cfg
        b, c, h8, w8 = deep_ir.shape
        p_ir = pad_to_multiple(deep_ir, cfg.window)
        p_vis = pad_to_multiple(deep_vis, cfg.window)
        hp, wp = p_ir.shape[-2], p_ir.shape[-1]
        t = self.cam(window_partition(p_ir, cfg.window, cfg.patch), window_partition(p_vis, cfg.window, cfg.patch))
        cam = window_reverse(t, b, c, hp, wp, cfg.window, cfg.patch)[:, :, :h8, :w8]
        return self.decoder(cam, deep_ir, deep_vis, sh_ir, sh_vis, ir, vis)

    def forward(self, ir, vis):
        h, w = ir.shape[-2], ir.shape[-1]
        ir8, vis8 = pad_to_multiple(ir, 8), pad_to_multiple(vis, 8)
        (sh_ir, deep_ir), (sh_vis, deep_vis) = self.encode(ir8, vis8)
        raw = self.fuse_features(sh_ir, deep_ir, sh_vis, deep_vis, ir8, vis8)[:, :, :h, :w]
        fused = torch.clamp(raw, 0.0, 1.0) if self.cfg.output == "clamp" else normalize(raw)
        return fused, raw


def normalize(raw):
    lo = raw.amin(dim=(2, 3), keepdim=True)
    hi = raw.amax(dim=(2, 3), keepdim=True)
    return (raw - lo) / torch.clamp(hi - lo, min=1e-6)


def count_params(module):
    return sum(p.numel() for p in module.parameters())
