"""Unsupervised training losses of the two stages."""
import torch
import torch.nn.functional as F


def _gauss_window(size=11, sigma=1.5, device=None):
    x = torch.arange(size, dtype=torch.float32, device=device) - (size - 1) / 2
    g = torch.exp(-(x ** 2) / (2 * sigma ** 2))
    g = g / g.sum()
    return (g[:, None] * g[None, :])[None, None]


def ssim(x, y, data_range=1.0):
    """Mean SSIM (11x11 Gaussian, sigma 1.5, valid region) of single-channel batches."""
    w = _gauss_window(device=x.device)
    c1, c2 = (0.01 * data_range) ** 2, (0.03 * data_range) ** 2
    mx, my = F.conv2d(x, w), F.conv2d(y, w)
    sxx = F.conv2d(x * x, w) - mx * mx
    syy = F.conv2d(y * y, w) - my * my
    sxy = F.conv2d(x * y, w) - mx * my
    s = ((2 * mx * my + c1) * (2 * sxy + c2)) / ((mx * mx + my * my + c1) * (sxx + syy + c2))
    return s.mean()


def stage1_loss(recon, target, ssim_weight=1e4):
    """Auto-encoder loss: pixel MSE + ssim_weight * (1 - SSIM). Returns (total, mse, ssim)."""
    mse = F.mse_loss(recon, target)
    s = ssim(recon, target)
    return mse + ssim_weight * (1 - s), mse, s


def box_mean(x, k):
    return F.avg_pool2d(F.pad(x, (k // 2,) * 4, mode="reflect"), k, stride=1)


def sobel(x):
    """Signed Sobel derivatives (d/dx, d/dy)."""
    kx = torch.tensor([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]], device=x.device)[None, None]
    xp = F.pad(x, (1, 1, 1, 1), mode="reflect")
    return F.conv2d(xp, kx), F.conv2d(xp, kx.transpose(-1, -2))


def gradient(x):
    """Sobel gradient magnitude (L1 of the two directions)."""
    gx, gy = sobel(x)
    return gx.abs() + gy.abs()


def stage2_loss(fused, ir, vis, grad_weight=10.0, window=11, grad_loss="signed"):
    """Intensity loss towards the locally brighter source (11x11 box mean) + grad_weight * a gradient loss
    towards the source with the larger Sobel gradient at each pixel. Returns (total, intensity, gradient).

    grad_loss "magnitude" (the paper's form): L1 between gradient magnitudes. It is blind to where an edge
    is and which way it goes, so any texture of the right strength satisfies it: on RoadScene, whose
    infrared frames are grainy everywhere, our runs answered it with 8-16 pixel stripes and grain.
    "signed": L1 between the signed x/y derivatives of the fused image and of the selected source, which
    only the source's own edges satisfy."""
    target = torch.where(box_mean(ir, window) > box_mean(vis, window), ir, vis)
    l_int = F.mse_loss(fused, target)
    if grad_loss == "magnitude":
        l_grad = F.l1_loss(gradient(fused), torch.maximum(gradient(ir), gradient(vis)))
    elif grad_loss == "signed":
        (fx, fy), (ix, iy), (vx, vy) = sobel(fused), sobel(ir), sobel(vis)
        pick_ir = (ix.abs() + iy.abs()) > (vx.abs() + vy.abs())
        l_grad = 0.5 * (F.l1_loss(fx, torch.where(pick_ir, ix, vx)) + F.l1_loss(fy, torch.where(pick_ir, iy, vy)))
    else:
        raise ValueError(f"unknown gradient loss {grad_loss!r}")
    return l_int + grad_weight * l_grad, l_int, l_grad


def max_loss(fused, ir, vis, grad_weight=10.0, ssim_weight=1.0, grad_loss="signed", int_weight=1.0):
    """The loss family of recent unsupervised fusion networks: L1 towards the per-pixel maximum of the
    sources (keeps the hot infrared targets and the bright visible content at their own contrast) +
    grad_weight * a gradient term towards the source with the larger Sobel gradient at each pixel +
    ssim_weight * (1 - mean SSIM to both sources), which ties the structure to both sources and damps
    texture that neither source has. Returns (total, intensity, gradient, ssim)."""
    l_int = F.l1_loss(fused, torch.maximum(ir, vis))
    if grad_loss == "magnitude":
        l_grad = F.l1_loss(gradient(fused), torch.maximum(gradient(ir), gradient(vis)))
    else:
        (fx, fy), (ix, iy), (vx, vy) = sobel(fused), sobel(ir), sobel(vis)
        pick_ir = (ix.abs() + iy.abs()) > (vx.abs() + vy.abs())
        l_grad = 0.5 * (F.l1_loss(fx, torch.where(pick_ir, ix, vx)) + F.l1_loss(fy, torch.where(pick_ir, iy, vy)))
    s = 0.5 * (ssim(fused, ir) + ssim(fused, vis))
    return int_weight * l_int + grad_weight * l_grad + ssim_weight * (1 - s), l_int, l_grad, s
